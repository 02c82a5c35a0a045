// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Three-layer network with a smooth activation (tanh, sigmoid, softplus,
 * x·tanh x, and the shifted sigmoid0 = sigmoid − 1/2, softplus0 = softplus −
 * log 2; ./smooth.ts), one output, full-batch GD: the network of
 * threeLayer.ts (zhou2022 §3, and chen2024's three-layer tanh networks) with
 * σ and σ' evaluated instead of ReLU's max and step. A separate module
 * (threeLayerSmooth.wasm), so that the ReLU module, and the cache keys of the
 * zhou2022 experiments, do not change.
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]),   x̃ = (x, 1)
 *
 * Shapes (mp = m rounded up to a multiple of 4; rows of W1, W2, H1, H2 are
 * padded with zero columns, see "Padding" below):
 *   X̃  (n, d+1)          x
 *   W1 (d+1, mp)         w1   column j = W¹ row j (last entry: bias b¹_j)
 *   W2 (m+1, mp)         w2   row j = weights out of first-layer neuron j; row m = biases b²
 *   a  (mp)              a
 *   H1 = X̃ W1 (n, mp),   Z1 = σ(H1) → z1,  σ'(H1) → s1          (zhou2022 eq. (4))
 *   H2 = Z̃1 W2 (n, mp),  Z̃1 = [Z1, 1] (n, m+1) → h2
 *   Z2 = σ(H2) → z2,  σ'(H2) → s2 (evaluated by threeSmoothLoss)
 *   F  = Z2 a / α (n),  E = F − Y (n),  L = (1/n) Σ_i E_i²     (L = 2 R_S of zhou2022 eq. (3))
 *
 * Gradients (zhou2022 eq. (5); g_i = ∂L/∂F_i · (1/α) = 2 E_i / (n α)):
 *   ∂L/∂a_k      = Σ_i g_i Z2[i,k]
 *   δ2[i,k]      = g_i a_k σ'(H2[i,k])                 (n, mp)  → dl2
 *   ∂L/∂W2[j,k]  = Σ_i Z̃1[i,j] δ2[i,k]
 *   gZ1[i,j]     = Σ_k W2[j,k] δ2[i,k]                 (old W2, j < m)
 *   δ1[i,j]      = gZ1[i,j] σ'(H1[i,j])                (n, mp)
 *   ∂L/∂W1[l,j]  = Σ_i X̃[i,l] δ1[i,j]
 *
 * Unlike ReLU, every first-layer unit is active on every sample: no row of
 * W2 is skipped, and the row passes below run over all n samples (idx =
 * 0..n−1, the sample list of ./rows.ts).
 *
 * σ and σ' are evaluated together (./smooth.ts `both`), once per sample,
 * neuron, layer and step: Z1 and σ'(H1) by the forward pass (or the
 * lookahead), Z2 and σ'(H2) by threeSmoothLoss, and kept for the update.
 *
 * One update pass over W2 (threeSmoothUpdate), row j at a time, as in
 * threeLayer.ts: gZ1[·,j] from the old row and the row update in one
 * read-modify-write (dotUpdateRows); then, with lookahead, column j of W1 is
 * updated, the new H1[·,j], Z1[·,j], σ'(H1[·,j]) computed, and the new row,
 * still in cache, accumulated into the new H2 (rows in pairs (0,1), (2,3), …,
 * the pairing of threeSmoothForward, so that both give the same bits).
 * Without lookahead (large d), δ1 is kept, W1 updated after the pass by
 * X̃ᵀδ1 (./dense.ts) and the next loss runs threeSmoothForward.
 *
 * Padding. Padded columns k ≥ m of W1 and W2 are zero, so H1[·,k] = H2[·,k]
 * = 0 and Z[·,k] = σ(0), which is not 0 for sigmoid and softplus. Column k
 * of Z1 is never read (rows j < m only); column k of Z2 meets a_k = 0 in F
 * and in δ2, so W2's padded columns get no gradient; ∂L/∂a_k = Σ_i g_i σ(0)
 * would move a_k, so a_k is reset to 0 after each update. Every activation
 * works at every m.
 *
 * Compensated updates (comp): every parameter is a pair of float32 values,
 * θ = θ_hi + θ_lo (low parts w1lo, w2lo, alo, laid out like the hi arrays),
 * as in threeLayerMultiCompensated.ts. The gradient is computed from θ_hi
 * exactly as above; each array's update Δ = −lr ∂L/∂θ of the step is formed
 * in float32 (a row of W2 in the `delta` row: Σ_i c_i δ2[i,·], i in
 * increasing order, groups of four), then added to the pair by TwoSum:
 *   y = θ_lo + Δ,  hi' = fl(θ_hi + y),  lo' = (θ_hi + y) − hi'  (exact)
 * The part of a step below half an ulp of θ_hi is kept in θ_lo instead of
 * being rounded away. This matters at a small initialisation, where a step
 * moves each weight by ~10⁻⁶ of itself (a few ulp) and plain float32 rounds
 * it in nearly the same direction step after step: a drift that grows
 * linearly with the steps (chen2024-condensation, src/engine/chen2024/kernelNet.ts).
 * The error left: the gradient taken at θ_hi, a relative perturbation
 * ≤ 2^-25 of each parameter, which does not accumulate. Not bit-identical to the plain
 * path (a row adds Δ once instead of term by term). With comp, W1 is updated
 * column by column in the row pass also without lookahead (δ1 is not kept).
 *
 * act: the activation code of ./smooth.ts.
 */
import { hsum } from './simd';
import { firstLayer, firstLayerUpdate } from './dense';
import { accPairRows, accRows, axpy4, dot4, dotUpdateRows } from './rows';
import { both, dsig } from './smooth';

/** z1[i,j] ← σ(H1[i,j]), s1[i,j] ← σ'(H1[i,j]) over the whole (n, mp) array (H1 read from z1). */
function activateFirst(act: i32, n: i32, bytes: usize, z1: usize, s1: usize): void {
  const end = <usize>n * bytes;
  for (let o: usize = 0; o < end; o += 16) {
    v128.store(z1 + o, both(act, v128.load(z1 + o)));
    v128.store(s1 + o, dsig);
  }
}

/** The n entries of column j of an (n, mp) array into a contiguous float array. */
function column(src: usize, bytes: usize, j: i32, n: i32, out: usize): void {
  const col = (<usize>j) << 2;
  for (let i = 0; i < n; i++) store<f32>(out + ((<usize>i) << 2), load<f32>(src + <usize>i * bytes + col));
}

/**
 * H2[i,:] += Z1[i,j] W2[j,:], fed one row at a time and done two rows per
 * pass (accPairRows: half the stores to H2): `pending` is the row waiting
 * for a partner (0: none) with its coefficients in zq; zj holds those of row
 * w. Returns the new pending row. idx lists the samples 0..n−1.
 */
function addRow(w: usize, zj: usize, pending: usize, zq: usize, h2: usize, bytes: usize, n: i32, idx: usize): usize {
  if (pending == 0) {
    memory.copy(zq, zj, (<usize>n) << 2);
    return w;
  }
  accPairRows(pending, w, h2, bytes, idx, zq, zj, n);
  return 0;
}

/** H1[i,j] = Σ_l X̃[i,l] W1[l,j], summed from l = 0 up (the order of firstLayer, so both give the same bits). */
function newH1(x: usize, w1: usize, bytes: usize, col: usize, d1: i32, i: i32): f32 {
  const xi = x + ((<usize>i * <usize>d1) << 2);
  let h = load<f32>(xi) * load<f32>(w1 + col);
  for (let l = 1; l < d1; l++) h += load<f32>(xi + ((<usize>l) << 2)) * load<f32>(w1 + <usize>l * bytes + col);
  return h;
}

// ---------------------------------------------------------------------------
// Compensated additions (as threeLayerMultiCompensated.ts)

/** (hi, lo) at (p, q) ← hi + lo + Δ for 4 lanes: y = lo + Δ, then TwoSum(hi, y). */
function twoSum4(p: usize, q: usize, dv: v128): void {
  const hi = v128.load(p);
  const y = f32x4.add(v128.load(q), dv);
  const t = f32x4.add(hi, y);
  const bp = f32x4.sub(t, hi);
  const ap = f32x4.sub(t, bp);
  v128.store(p, t);
  v128.store(q, f32x4.add(f32x4.sub(hi, ap), f32x4.sub(y, bp)));
}

/** The scalar twoSum4. */
function twoSum1(p: usize, q: usize, d: f32): void {
  const hi = load<f32>(p);
  const y = load<f32>(q) + d;
  const t = hi + y;
  const bp = t - hi;
  const ap = t - bp;
  store<f32>(p, t);
  store<f32>(q, hi - ap + (y - bp));
}

/** Row i of P (n rows of `bytes`), or the zero row for i ≥ n. */
function rowOrZero(P: usize, bytes: usize, i: i32, n: i32, zero: usize): usize {
  return i < n ? P + <usize>i * bytes : zero;
}

/** c[i], or 0 for i ≥ n. */
function coefOrZero(c: usize, i: i32, n: i32): f32 {
  return i < n ? load<f32>(c + ((<usize>i) << 2)) : 0;
}

/**
 * The compensated row update over all n samples:
 *   out[i] = Σ_k w[k] P[i,k]   (the old hi row)
 *   delta  = Σ_i c_i P[i,·]    (float32, groups of four samples in order)
 *   (w, lo) ← (w, lo) + delta  (TwoSum)
 * out holds n + 3 floats; delta and zero are rows of `bytes`.
 */
function dotUpdateRowComp(w: usize, lo: usize, P: usize, bytes: usize, c: usize, n: i32, out: usize, delta: usize, zero: usize): void {
  for (let i = 0; i < n; i += 4) {
    dot4(
      w,
      rowOrZero(P, bytes, i, n, zero),
      rowOrZero(P, bytes, i + 1, n, zero),
      rowOrZero(P, bytes, i + 2, n, zero),
      rowOrZero(P, bytes, i + 3, n, zero),
      bytes,
      out + ((<usize>i) << 2),
    );
  }
  memory.fill(delta, 0, bytes);
  for (let i = 0; i < n; i += 4) {
    axpy4(
      delta,
      rowOrZero(P, bytes, i, n, zero),
      rowOrZero(P, bytes, i + 1, n, zero),
      rowOrZero(P, bytes, i + 2, n, zero),
      rowOrZero(P, bytes, i + 3, n, zero),
      coefOrZero(c, i, n),
      coefOrZero(c, i + 1, n),
      coefOrZero(c, i + 2, n),
      coefOrZero(c, i + 3, n),
      bytes,
    );
  }
  for (let k: usize = 0; k < bytes; k += 16) twoSum4(w + k, lo + k, v128.load(delta + k));
}

/** idx[i] = i for i < n (the sample list of ./rows.ts: every sample). */
export function threeSmoothInit(n: i32, idx: usize): void {
  for (let i = 0; i < n; i++) store<i32>(idx + ((<usize>i) << 2), i);
}

/**
 * H1 = X̃ W1, Z1 = σ(H1), σ'(H1); then H2 = Z̃1 W2 (bias row first, then
 * rows j = 0..m−1 in pairs). Without bias2 the appended 1 of Z̃1 is a 0: row m
 * of W2 is not used. scratch: idx (n), zq (n), zj (n).
 */
export function threeSmoothForward(
  act: i32,
  n: i32,
  d1: i32,
  m: i32,
  mp: i32,
  x: usize,
  w1: usize,
  w2: usize,
  z1: usize,
  s1: usize,
  h2: usize,
  idx: usize,
  zq: usize,
  zj: usize,
  bias2: bool,
): void {
  const bytes = (<usize>mp) << 2;
  firstLayer(n, d1, bytes, x, w1, z1);
  activateFirst(act, n, bytes, z1, s1);
  if (bias2) {
    for (let i = 0; i < n; i++) memory.copy(h2 + <usize>i * bytes, w2 + <usize>m * bytes, bytes);
  } else {
    memory.fill(h2, 0, <usize>n * bytes);
  }
  let pending: usize = 0;
  for (let j = 0; j < m; j++) {
    column(z1, bytes, j, n, zj);
    pending = addRow(w2 + <usize>j * bytes, zj, pending, zq, h2, bytes, n, idx);
  }
  if (pending != 0) accRows(pending, h2, bytes, idx, zq, n);
}

/**
 * Z2 = σ(H2) → z2, σ'(H2) → s2; F_i = (1/α) Σ_k a_k Z2[i,k] (lane-wise
 * partial sums, then ((l0 + l1) + l2) + l3); E_i = F_i − y_i → e;
 * returns L = (1/n) Σ_i E_i² (the sum in float64).
 */
export function threeSmoothLoss(act: i32, n: i32, mp: i32, alpha: f32, y: usize, a: usize, h2: usize, z2: usize, s2: usize, e: usize): f64 {
  const bytes = (<usize>mp) << 2;
  let L: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i * bytes;
    let acc = f32x4.splat(0);
    for (let k: usize = 0; k < bytes; k += 16) {
      const s = both(act, v128.load(h2 + o + k));
      v128.store(z2 + o + k, s);
      v128.store(s2 + o + k, dsig);
      acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), s));
    }
    const F = hsum(acc) / alpha;
    const E = F - load<f32>(y + ((<usize>i) << 2));
    store<f32>(e + ((<usize>i) << 2), E);
    L += <f64>E * <f64>E;
  }
  return L / <f64>n;
}

/**
 * θ ← θ − lr ∇L(θ) from the forward pass kept in z1, s1, z2, s2, e;
 * gscale = 2 / (n α). With lookahead, z1, s1 and h2 hold the forward pass at
 * the new θ on return (threeSmoothLoss finishes it); without, dl1 receives
 * δ1, W1 is updated last and the next loss needs threeSmoothForward.
 * Without bias2, row m of W2 is neither used nor updated.
 * scratch: idx (n, from threeSmoothInit), c (n), t (n + 4), g (n), zq (n),
 * zj (n + 4); zero: a row of mp zeros.
 */
export function threeSmoothUpdate(
  act: i32,
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
  z1: usize,
  s1: usize,
  h2: usize,
  z2: usize,
  s2: usize,
  dl2: usize,
  dl1: usize,
  e: usize,
  idx: usize,
  c: usize,
  t: usize,
  g: usize,
  zq: usize,
  zj: usize,
  zero: usize,
  lookahead: bool,
  bias2: bool,
  comp: bool,
  w1lo: usize,
  w2lo: usize,
  alo: usize,
  delta: usize,
): void {
  const bytes = (<usize>mp) << 2;
  const lrv = f32x4.splat(lr);
  let pending: usize = 0;

  // g_i = 2 E_i / (n α)
  for (let i = 0; i < n; i++) store<f32>(g + ((<usize>i) << 2), load<f32>(e + ((<usize>i) << 2)) * gscale);

  // δ2[i,k] = g_i a_k σ'(H2[i,k]) with the old a; then a_k ← a_k − lr Σ_i g_i Z2[i,k]
  for (let k: usize = 0; k < bytes; k += 16) {
    const ak = v128.load(a + k);
    let ga = f32x4.splat(0);
    for (let i = 0; i < n; i++) {
      const o = <usize>i * bytes + k;
      const gi = f32x4.splat(load<f32>(g + ((<usize>i) << 2)));
      ga = f32x4.add(ga, f32x4.mul(gi, v128.load(z2 + o)));
      v128.store(dl2 + o, f32x4.mul(f32x4.mul(gi, ak), v128.load(s2 + o)));
    }
    if (comp) {
      twoSum4(a + k, alo + k, f32x4.neg(f32x4.mul(lrv, ga)));
    } else {
      v128.store(a + k, f32x4.sub(ak, f32x4.mul(lrv, ga)));
    }
  }
  // padded a_k stay 0 (∂L/∂a_k = Σ_i g_i σ(0) need not be 0)
  for (let k = m; k < mp; k++) {
    store<f32>(a + ((<usize>k) << 2), 0);
    if (comp) store<f32>(alo + ((<usize>k) << 2), 0);
  }

  // bias row: W2[m,:] ← W2[m,:] − lr Σ_i δ2[i,:]   (Z̃1[i,m] = 1)
  const bias = w2 + <usize>m * bytes;
  if (bias2) {
    for (let i = 0; i < n; i++) store<f32>(c + ((<usize>i) << 2), -lr);
    if (comp) {
      dotUpdateRowComp(bias, w2lo + <usize>m * bytes, dl2, bytes, c, n, t, delta, zero);
    } else {
      dotUpdateRows(bias, dl2, bytes, idx, c, n, t, zero);
    }
  }
  if (lookahead) {
    // the new H2 starts from the new bias row (or 0)
    if (bias2) {
      for (let i = 0; i < n; i++) memory.copy(h2 + <usize>i * bytes, bias, bytes);
    } else {
      memory.fill(h2, 0, <usize>n * bytes);
    }
  }

  // rows j < m
  for (let j = 0; j < m; j++) {
    const wj = w2 + <usize>j * bytes;
    const col = (<usize>j) << 2;
    // c_i = −lr Z1[i,j] (old θ)
    for (let i = 0; i < n; i++) store<f32>(c + ((<usize>i) << 2), -lr * load<f32>(z1 + <usize>i * bytes + col));
    // t_i = gZ1[i,j] = Σ_k W2[j,k] δ2[i,k] (old row);  W2[j,:] −= lr Σ_i Z1[i,j] δ2[i,:]
    if (comp) {
      dotUpdateRowComp(wj, w2lo + <usize>j * bytes, dl2, bytes, c, n, t, delta, zero);
    } else {
      dotUpdateRows(wj, dl2, bytes, idx, c, n, t, zero);
    }
    // δ1[i,j] = gZ1[i,j] σ'(H1[i,j]) → t
    for (let i = 0; i < n; i++) {
      const p = t + ((<usize>i) << 2);
      store<f32>(p, load<f32>(p) * load<f32>(s1 + <usize>i * bytes + col));
    }

    if (!lookahead && !comp) {
      for (let i = 0; i < n; i++) store<f32>(dl1 + <usize>i * bytes + col, load<f32>(t + ((<usize>i) << 2)));
      continue;
    }

    // W1[l,j] ← W1[l,j] − lr Σ_i X̃[i,l] δ1[i,j]   (summed from i = 0 up, as firstLayerUpdate)
    for (let l = 0; l < d1; l++) {
      let gw: f32 = 0;
      for (let i = 0; i < n; i++) gw += load<f32>(x + ((<usize>i * <usize>d1 + <usize>l) << 2)) * load<f32>(t + ((<usize>i) << 2));
      const o = <usize>l * bytes + col;
      if (comp) {
        twoSum1(w1 + o, w1lo + o, -(lr * gw));
      } else {
        store<f32>(w1 + o, load<f32>(w1 + o) - lr * gw);
      }
    }
    if (!lookahead) continue;

    // new H1[i,j] = Σ_l X̃[i,l] W1[l,j] (from l = 0 up, as firstLayer); Z1 and σ' at the new θ,
    // four samples at a time (the last group repeats sample n − 1): Z1[·,j] → zj, σ' → t
    // (δ1 is no longer needed); then into column j of z1, s1
    for (let i = 0; i < n; i += 4) {
      const h0 = newH1(x, w1, bytes, col, d1, i);
      const h1 = newH1(x, w1, bytes, col, d1, min(i + 1, n - 1));
      const h2v = newH1(x, w1, bytes, col, d1, min(i + 2, n - 1));
      const h3 = newH1(x, w1, bytes, col, d1, min(i + 3, n - 1));
      const hv = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(h0), 1, h1), 2, h2v), 3, h3);
      v128.store(zj + ((<usize>i) << 2), both(act, hv));
      v128.store(t + ((<usize>i) << 2), dsig);
    }
    for (let i = 0; i < n; i++) {
      const o = <usize>i * bytes + col;
      store<f32>(z1 + o, load<f32>(zj + ((<usize>i) << 2)));
      store<f32>(s1 + o, load<f32>(t + ((<usize>i) << 2)));
    }
    // the new row j of W2, still in cache, adds Z1[·,j] W2[j,:] to the new H2
    pending = addRow(wj, zj, pending, zq, h2, bytes, n, idx);
  }
  if (lookahead) {
    if (pending != 0) accRows(pending, h2, bytes, idx, zq, n);
  } else if (!comp) {
    // W1 ← W1 − lr X̃ᵀ δ1
    firstLayerUpdate(n, d1, bytes, lr, x, w1, dl1);
  }
}
