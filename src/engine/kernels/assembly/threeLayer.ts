// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Three-layer ReLU network of zhou2022 (§3), one output, full-batch GD:
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]),   x̃ = (x, 1)
 *
 * Shapes (mp = m rounded up to a multiple of 4; padded columns are zero
 * and stay zero, since their a_k, W¹ column and W² column are zero):
 *   X̃  (n, d+1)        x
 *   W1 (d+1, mp)       w1   column k = W¹ row k (last entry: bias b¹_k)
 *   W2 (m+1, mp)       w2   row j = weights out of first-layer neuron j; row m = biases b²
 *   a  (mp)            a
 *   H1 = X̃ W1 (n, mp)  h1,  Z1 = σ(H1),  Z̃1 = [Z1, 1] (n, m+1)
 *   H2 = Z̃1 W2 (n, mp) h2,  Z2 = σ(H2)
 *   F  = Z2 a / α (n), E = F − Y (n),  L = (1/n) Σ_i E_i²
 *
 * Gradients (g_i = ∂L/∂F_i · (1/α) = 2 E_i / (n α)):
 *   ∂L/∂a_k      = Σ_i g_i Z2[i,k]
 *   δ2[i,k]      = g_i a_k σ'(H2[i,k])                 (n, mp)
 *   ∂L/∂W2[j,k]  = Σ_i Z̃1[i,j] δ2[i,k]
 *   gZ1[i,j]     = Σ_k W2[j,k] δ2[i,k]                 (old W2, j < m)
 *   δ1[i,j]      = gZ1[i,j] σ'(H1[i,j])
 *   ∂L/∂W1[l,j]  = Σ_i X̃[i,l] δ1[i,j]
 *
 * Sparsity of ReLU: row j of W2 only meets the samples with Z1[i,j] > 0.
 * A row with no such sample has zero gradient, gZ1[·,j] is not needed
 * (σ' = 0), and it adds nothing to H2: it is skipped, never read.
 * "Active" is !(h ≤ 0), so a NaN pre-activation propagates to the loss.
 *
 * σ(h) = f32x4.pmax(h, 0), i.e. h < 0 ? 0 : h (one maxps; a NaN passes
 * through), and σ'(h) = [h > 0], as tf.relu and tf.step.
 *
 * One update pass over W2 (threeUpdate), row j at a time:
 *   gZ1[·,j] with the old row and the row update, in one read-modify-write;
 *   then (lookahead) column j of W1 is updated, the new H1[·,j] computed,
 *   and the new row, still in cache, accumulated into the new H2.
 * So W2 is read and written once per step (8 bytes per entry), and loss()
 * only has to finish F from H2 (threeLoss). Without lookahead (large d),
 * W1 is updated after the pass and the next loss() runs threeForward.
 */
import { dotUpdateRows, accRows, accPairRows } from './rows';
import { hsum } from './simd';
import { firstLayer, firstLayerUpdate } from './dense';

/**
 * The forward accumulation H2[i,:] += Z1[i,j] W2[j,:], fed one row at a time
 * and done two rows per pass (half the stores to H2). `pending` is the row
 * waiting for a partner (0: none) and zq its coefficients; zj holds the
 * coefficients of row `w` (Z1[i,j], 0 where inactive). Returns the new
 * pending row. The pairing depends only on the sequence of rows given, so
 * threeForward and the lookahead in threeUpdate add in the same order.
 * idx, ca, cb: n entries of scratch each.
 */
function addRow(w: usize, zj: usize, pending: usize, zq: usize, h2: usize, bytes: usize, n: i32, idx: usize, ca: usize, cb: usize): usize {
  if (pending == 0) {
    memory.copy(zq, zj, (<usize>n) << 2);
    return w;
  }
  // the samples active in either row, with both coefficients
  let s = 0;
  for (let i = 0; i < n; i++) {
    const y = load<f32>(zq + ((<usize>i) << 2));
    const z = load<f32>(zj + ((<usize>i) << 2));
    if (!(y <= 0) || !(z <= 0)) {
      store<i32>(idx + ((<usize>s) << 2), i);
      store<f32>(ca + ((<usize>s) << 2), y);
      store<f32>(cb + ((<usize>s) << 2), z);
      s++;
    }
  }
  accPairRows(pending, w, h2, bytes, idx, ca, cb, s);
  return 0;
}

/** The last row without a partner, if any. */
function flushRow(pending: usize, zq: usize, h2: usize, bytes: usize, n: i32, idx: usize, ca: usize): void {
  if (pending == 0) return;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const z = load<f32>(zq + ((<usize>i) << 2));
    if (!(z <= 0)) {
      store<i32>(idx + ((<usize>s) << 2), i);
      store<f32>(ca + ((<usize>s) << 2), z);
      s++;
    }
  }
  accRows(pending, h2, bytes, idx, ca, s);
}

/**
 * H1 = X̃ W1, then H2 = Z̃1 W2 (bias row first, then rows j = 0..m−1 in order).
 * Without bias2 the appended 1 of Z̃1 is a 0: row m of W2 is not used.
 * scratch: 4(5n) bytes.
 */
export function threeForward(n: i32, d1: i32, m: i32, mp: i32, x: usize, w1: usize, w2: usize, h1: usize, h2: usize, scratch: usize, bias2: bool): void {
  const bytes = (<usize>mp) << 2;
  // H1 = X̃ W1
  firstLayer(n, d1, bytes, x, w1, h1);
  // H2[i,:] = b² + Σ_j Z1[i,j] W2[j,:]   (rows with an active sample, two at a time)
  if (bias2) {
    for (let i = 0; i < n; i++) memory.copy(h2 + <usize>i * bytes, w2 + <usize>m * bytes, bytes);
  } else {
    memory.fill(h2, 0, <usize>n * bytes);
  }
  const idx = scratch;
  const ca = scratch + ((<usize>n) << 2);
  const cb = scratch + ((<usize>(2 * n)) << 2);
  const zq = scratch + ((<usize>(3 * n)) << 2);
  const zj = scratch + ((<usize>(4 * n)) << 2);
  let pending: usize = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const h = load<f32>(h1 + <usize>i * bytes + ((<usize>j) << 2));
      const active = !(h <= 0);
      store<f32>(zj + ((<usize>i) << 2), active ? h : 0);
      if (active) s++;
    }
    if (s > 0) pending = addRow(w2 + <usize>j * bytes, zj, pending, zq, h2, bytes, n, idx, ca, cb);
  }
  flushRow(pending, zq, h2, bytes, n, idx, ca);
}

/**
 * F_i = (1/α) Σ_k a_k σ(H2[i,k]); E_i = F_i − y_i (stored in e);
 * returns L = (1/n) Σ_i E_i² (the sum in float64).
 */
export function threeLoss(n: i32, mp: i32, alpha: f32, y: usize, a: usize, h2: usize, e: usize): f64 {
  const bytes = (<usize>mp) << 2;
  const zero = f32x4.splat(0);
  let L: f64 = 0;
  for (let i = 0; i < n; i++) {
    const hi = h2 + <usize>i * bytes;
    let acc = f32x4.splat(0);
    for (let k: usize = 0; k < bytes; k += 16) {
      acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), f32x4.pmax(v128.load(hi + k), zero)));
    }
    const F = hsum(acc) / alpha;
    const E = F - load<f32>(y + ((<usize>i) << 2));
    store<f32>(e + ((<usize>i) << 2), E);
    L += <f64>E * <f64>E;
  }
  return L / <f64>n;
}

/**
 * θ ← θ − lr ∇L(θ) from the forward pass cached in h1, h2, e.
 * gscale = 2 / (n α). With lookahead, h1 and h2 hold the forward pass at
 * the new θ on return; without, dl1 receives δ1 and W1 is updated last.
 * Without bias2, row m of W2 is neither used nor updated.
 * scratch: 4(8n + 4) bytes; zero: a row of mp zeros.
 */
export function threeUpdate(
  n: i32,
  d1: i32,
  m: i32,
  mp: i32,
  lr: f32,
  gscale: f32,
  x: usize,
  w1: usize,
  w2: usize,
  a: usize,
  h1: usize,
  h2: usize,
  dl2: usize,
  dl1: usize,
  e: usize,
  scratch: usize,
  zero: usize,
  lookahead: bool,
  bias2: bool,
): void {
  const bytes = (<usize>mp) << 2;
  const idx = scratch; // (n) int32: the active samples of a row
  const c = scratch + ((<usize>n) << 2); // (n) coefficients −lr Z1[i,j]
  const t = scratch + ((<usize>(2 * n)) << 2); // (n + 3) dot products gZ1[i,j]
  const g = scratch + ((<usize>(3 * n + 4)) << 2); // (n) g_i
  const zq = scratch + ((<usize>(4 * n + 4)) << 2); // (n) Z1[·,j] of the row pending in the new H2
  const zj = scratch + ((<usize>(5 * n + 4)) << 2); // (n) new Z1[·,j]
  const cb = scratch + ((<usize>(6 * n + 4)) << 2); // (n) second coefficients of a row pair
  let pending: usize = 0;
  const zv = f32x4.splat(0);
  const lrv = f32x4.splat(lr);

  // g_i = 2 E_i / (n α)
  for (let i = 0; i < n; i++) store<f32>(g + ((<usize>i) << 2), load<f32>(e + ((<usize>i) << 2)) * gscale);

  // δ2[i,k] = g_i a_k σ'(H2[i,k]) with the old a; then a_k ← a_k − lr Σ_i g_i Z2[i,k]
  for (let k: usize = 0; k < bytes; k += 16) {
    const ak = v128.load(a + k);
    let ga = f32x4.splat(0);
    for (let i = 0; i < n; i++) {
      const hk = v128.load(h2 + <usize>i * bytes + k);
      const gi = f32x4.splat(load<f32>(g + ((<usize>i) << 2)));
      ga = f32x4.add(ga, f32x4.mul(gi, f32x4.pmax(hk, zv)));
      v128.store(dl2 + <usize>i * bytes + k, v128.and(f32x4.mul(gi, ak), f32x4.gt(hk, zv)));
    }
    v128.store(a + k, f32x4.sub(ak, f32x4.mul(lrv, ga)));
  }

  // bias row: W2[m,:] ← W2[m,:] − lr Σ_i δ2[i,:]   (Z̃1[i,m] = 1)
  const bias = w2 + <usize>m * bytes;
  if (bias2) {
    for (let i = 0; i < n; i++) {
      store<i32>(idx + ((<usize>i) << 2), i);
      store<f32>(c + ((<usize>i) << 2), -lr);
    }
    dotUpdateRows(bias, dl2, bytes, idx, c, n, t, zero);
  }
  if (lookahead) {
    // the new H2 starts from the new bias row (or 0)
    if (bias2) {
      for (let i = 0; i < n; i++) memory.copy(h2 + <usize>i * bytes, bias, bytes);
    } else {
      memory.fill(h2, 0, <usize>n * bytes);
    }
  } else {
    memory.fill(dl1, 0, <usize>n * bytes);
  }

  // rows j < m
  for (let j = 0; j < m; j++) {
    const wj = w2 + <usize>j * bytes;
    const col = (<usize>j) << 2;
    // active samples at the old θ; c = −lr Z1[i,j]
    let s = 0;
    for (let i = 0; i < n; i++) {
      const h = load<f32>(h1 + <usize>i * bytes + col);
      if (!(h <= 0)) {
        store<i32>(idx + ((<usize>s) << 2), i);
        store<f32>(c + ((<usize>s) << 2), -lr * h);
        s++;
      }
    }
    if (s == 0) continue;

    // gZ1[idx_t, j] = Σ_k W2[j,k] δ2[idx_t,k] (old row) → t;  W2[j,:] −= lr Σ_t Z1[idx_t,j] δ2[idx_t,:]
    dotUpdateRows(wj, dl2, bytes, idx, c, s, t, zero);

    if (!lookahead) {
      // δ1[i,j] = gZ1[i,j] on the active samples (σ' = 1), 0 elsewhere
      for (let u = 0; u < s; u++) {
        const i = load<i32>(idx + ((<usize>u) << 2));
        store<f32>(dl1 + <usize>i * bytes + col, load<f32>(t + ((<usize>u) << 2)));
      }
      continue;
    }

    // W1[l,j] ← W1[l,j] − lr Σ_t X̃[idx_t, l] δ1[idx_t, j]
    for (let l = 0; l < d1; l++) {
      let gw: f32 = 0;
      for (let u = 0; u < s; u++) {
        const i = load<i32>(idx + ((<usize>u) << 2));
        gw += load<f32>(x + ((<usize>i * <usize>d1 + <usize>l) << 2)) * load<f32>(t + ((<usize>u) << 2));
      }
      const p = w1 + <usize>l * bytes + col;
      store<f32>(p, load<f32>(p) - lr * gw);
    }

    // new H1[i,j] = Σ_l X̃[i,l] W1[l,j]; the active ones add Z1[i,j] W2[j,:] to the new H2
    let r = 0;
    for (let i = 0; i < n; i++) {
      const xi = x + <usize>i * <usize>d1 * 4;
      let h = load<f32>(xi) * load<f32>(w1 + col);
      for (let l = 1; l < d1; l++) h += load<f32>(xi + ((<usize>l) << 2)) * load<f32>(w1 + <usize>l * bytes + col);
      store<f32>(h1 + <usize>i * bytes + col, h);
      const active = !(h <= 0);
      store<f32>(zj + ((<usize>i) << 2), active ? h : 0);
      if (active) r++;
    }
    if (r > 0) pending = addRow(wj, zj, pending, zq, h2, bytes, n, idx, c, cb);
  }
  if (lookahead) flushRow(pending, zq, h2, bytes, n, idx, c);

  // W1 ← W1 − lr X̃ᵀ δ1
  if (!lookahead) firstLayerUpdate(n, d1, bytes, lr, x, w1, dl1);
}
