// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Two-layer ReLU network of luo2021 (§3), full-batch GD:
 *
 *   f(x) = (1/α) Σ_k a_k σ(w_k · x̃),   x̃ = (x, 1)
 *
 * Shapes (mp = m rounded up to a multiple of 4; padded neurons are zero
 * and stay zero):
 *   X̃ (n, d+1)          x
 *   W (d+1, mp)         w    column k = w_k, last row = biases
 *   a (mp)              a
 *   H = X̃ W (n, mp),    F = σ(H) a / α (n),  E = F − Y,  L = (1/n) Σ_i E_i²
 *
 * Gradients (luo2021 code S6 loss, no 1/2; g_i = 2 E_i / (n α)):
 *   ∂L/∂a_k    = Σ_i g_i σ(H[i,k])
 *   δ[i,k]     = g_i a_k σ'(H[i,k])
 *   ∂L/∂W[l,k] = Σ_i X̃[i,l] δ[i,k]
 *
 * Neurons are independent given g, so a step is one pass over blocks of 4
 * neurons: read (w_k, a_k), recompute H[·,k] in registers, update, and add
 * the updated neurons' terms to the next forward pass (lookahead). W and a
 * are read and written once per step; H is never stored.
 * For large d (h ≠ 0) H is computed once by the forward pass and kept in h
 * (n, mp): the update then costs one product X̃ᵀδ instead of three.
 *
 * σ(h) = f32x4.pmax(h, 0), i.e. h < 0 ? 0 : h (one maxps; a NaN passes
 * through), and σ'(h) = [h > 0], as tf.relu and tf.step.
 *
 * facc (n v128): per-lane partial sums Σ_k a_k σ(H[i,k]) of each sample.
 * ds (2n v128): δ[i, block] of the current block (n = 4, d = 1: the splatted x_i, g_i).
 */
import { hsum } from './simd';
import { firstLayer, firstLayerUpdate } from './dense';

/** facc[i] += a_k σ(H[i,k]) for the block at byte offset k (a_k and W[·,k] given). */
function accumulate(n: i32, d1: i32, bytes: usize, x: usize, w: usize, k: usize, ak: v128, facc: usize): void {
  const zv = f32x4.splat(0);
  for (let i = 0; i < n; i++) {
    const xi = x + ((<usize>i * <usize>d1) << 2);
    // H[i,k] = Σ_l X̃[i,l] W[l,k]
    let h = f32x4.mul(f32x4.splat(load<f32>(xi)), v128.load(w + k));
    for (let l = 1; l < d1; l++) {
      h = f32x4.add(h, f32x4.mul(f32x4.splat(load<f32>(xi + ((<usize>l) << 2))), v128.load(w + <usize>l * bytes + k)));
    }
    const fi = facc + ((<usize>i) << 4);
    v128.store(fi, f32x4.add(v128.load(fi), f32x4.mul(ak, f32x4.pmax(h, zv))));
  }
}

/** The forward pass at the current θ, into facc (and H into h unless h = 0). */
export function twoForward(n: i32, d1: i32, mp: i32, x: usize, w: usize, a: usize, facc: usize, h: usize): void {
  const bytes = (<usize>mp) << 2;
  if (h != 0) {
    // H = X̃ W, then facc[i] = Σ_k a_k σ(H[i,k]) (lane-wise, k in order)
    firstLayer(n, d1, bytes, x, w, h);
    const zv = f32x4.splat(0);
    for (let i = 0; i < n; i++) {
      const hi = h + <usize>i * bytes;
      let acc = f32x4.splat(0);
      for (let k: usize = 0; k < bytes; k += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), f32x4.pmax(v128.load(hi + k), zv)));
      v128.store(facc + ((<usize>i) << 4), acc);
    }
    return;
  }
  if (n == 4 && d1 == 2) {
    forward4x1(bytes, x, w, a, facc);
    return;
  }
  memory.fill(facc, 0, (<usize>n) << 4);
  for (let k: usize = 0; k < bytes; k += 16) accumulate(n, d1, bytes, x, w, k, v128.load(a + k), facc);
}

/** F_i = (1/α) Σ_k a_k σ(H[i,k]) from facc; E_i = F_i − y_i into e; returns L (float64 sum). */
export function twoLoss(n: i32, alpha: f32, y: usize, facc: usize, e: usize): f64 {
  let L: f64 = 0;
  for (let i = 0; i < n; i++) {
    const F = hsum(v128.load(facc + ((<usize>i) << 4))) / alpha;
    const E = F - load<f32>(y + ((<usize>i) << 2));
    store<f32>(e + ((<usize>i) << 2), E);
    L += <f64>E * <f64>E;
  }
  return L / <f64>n;
}

/**
 * θ ← θ − lr ∇L(θ), with E from the last twoLoss; gscale = 2 / (n α).
 * With h = 0 (lookahead), on return facc holds the forward pass at the new
 * θ; otherwise H is read from h (and overwritten by δ), and the next loss
 * needs twoForward. g: n floats of scratch.
 */
export function twoUpdate(
  n: i32,
  d1: i32,
  mp: i32,
  lr: f32,
  gscale: f32,
  x: usize,
  w: usize,
  a: usize,
  e: usize,
  facc: usize,
  ds: usize,
  g: usize,
  h: usize,
): void {
  const bytes = (<usize>mp) << 2;
  const zv = f32x4.splat(0);
  const lrv = f32x4.splat(lr);
  for (let i = 0; i < n; i++) store<f32>(g + ((<usize>i) << 2), load<f32>(e + ((<usize>i) << 2)) * gscale);
  if (h != 0) {
    // ∂L/∂a_k = Σ_i g_i σ(H[i,k]);  δ[i,k] = g_i a_k σ'(H[i,k]) (over H);  a ← a − lr ∂L/∂a
    for (let k: usize = 0; k < bytes; k += 16) {
      const ak = v128.load(a + k);
      let ga = f32x4.splat(0);
      for (let i = 0; i < n; i++) {
        const p = h + <usize>i * bytes + k;
        const hk = v128.load(p);
        const gi = f32x4.splat(load<f32>(g + ((<usize>i) << 2)));
        ga = f32x4.add(ga, f32x4.mul(gi, f32x4.pmax(hk, zv)));
        v128.store(p, v128.and(f32x4.mul(gi, ak), f32x4.gt(hk, zv)));
      }
      v128.store(a + k, f32x4.sub(ak, f32x4.mul(lrv, ga)));
    }
    // W ← W − lr X̃ᵀ δ
    firstLayerUpdate(n, d1, bytes, lr, x, w, h);
    return;
  }
  if (n == 4 && d1 == 2) {
    update4x1(bytes, lr, x, w, a, g, facc, ds);
    return;
  }
  memory.fill(facc, 0, (<usize>n) << 4);

  for (let k: usize = 0; k < bytes; k += 16) {
    const ak = v128.load(a + k);
    // H[i,k] at the old θ; ∂L/∂a_k = Σ_i g_i σ(H[i,k]); δ[i,k] = g_i a_k σ'(H[i,k])
    let ga = f32x4.splat(0);
    for (let i = 0; i < n; i++) {
      const xi = x + ((<usize>i * <usize>d1) << 2);
      let h = f32x4.mul(f32x4.splat(load<f32>(xi)), v128.load(w + k));
      for (let l = 1; l < d1; l++) {
        h = f32x4.add(h, f32x4.mul(f32x4.splat(load<f32>(xi + ((<usize>l) << 2))), v128.load(w + <usize>l * bytes + k)));
      }
      const gi = f32x4.splat(load<f32>(g + ((<usize>i) << 2)));
      ga = f32x4.add(ga, f32x4.mul(gi, f32x4.pmax(h, zv)));
      v128.store(ds + ((<usize>i) << 4), v128.and(f32x4.mul(gi, ak), f32x4.gt(h, zv)));
    }
    // W[l,k] ← W[l,k] − lr Σ_i X̃[i,l] δ[i,k]
    for (let l = 0; l < d1; l++) {
      let gw = f32x4.splat(0);
      for (let i = 0; i < n; i++) {
        gw = f32x4.add(gw, f32x4.mul(f32x4.splat(load<f32>(x + ((<usize>i * <usize>d1 + <usize>l) << 2))), v128.load(ds + ((<usize>i) << 4))));
      }
      const p = w + <usize>l * bytes + k;
      v128.store(p, f32x4.sub(v128.load(p), f32x4.mul(lrv, gw)));
    }
    // a_k ← a_k − lr ∂L/∂a_k
    const an = f32x4.sub(ak, f32x4.mul(lrv, ga));
    v128.store(a + k, an);
    // the next forward pass, with the new (w_k, a_k)
    accumulate(n, d1, bytes, x, w, k, an, facc);
  }
}

// ---------------------------------------------------------------------------
// n = 4 samples, d = 1 (the 4-point data of luo2021 and zhou2022): the same
// operations in the same order as the general loops above (so the same bits;
// x̃_i1 = 1 makes 1·b = b exact), unrolled over the samples, with
// w = W[0,·], b = W[1,·] and the four F accumulators in registers.

function forward4x1(bytes: usize, x: usize, w: usize, a: usize, facc: usize): void {
  const zv = f32x4.splat(0);
  const X0 = f32x4.splat(load<f32>(x));
  const X1 = f32x4.splat(load<f32>(x, 8));
  const X2 = f32x4.splat(load<f32>(x, 16));
  const X3 = f32x4.splat(load<f32>(x, 24));
  let F0 = f32x4.splat(0);
  let F1 = f32x4.splat(0);
  let F2 = f32x4.splat(0);
  let F3 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    const bk = v128.load(w + bytes + k);
    const ak = v128.load(a + k);
    // F_i += a_k σ(x_i w_k + b_k)
    F0 = f32x4.add(F0, f32x4.mul(ak, f32x4.pmax(f32x4.add(f32x4.mul(X0, wk), bk), zv)));
    F1 = f32x4.add(F1, f32x4.mul(ak, f32x4.pmax(f32x4.add(f32x4.mul(X1, wk), bk), zv)));
    F2 = f32x4.add(F2, f32x4.mul(ak, f32x4.pmax(f32x4.add(f32x4.mul(X2, wk), bk), zv)));
    F3 = f32x4.add(F3, f32x4.mul(ak, f32x4.pmax(f32x4.add(f32x4.mul(X3, wk), bk), zv)));
  }
  v128.store(facc, F0);
  v128.store(facc, F1, 16);
  v128.store(facc, F2, 32);
  v128.store(facc, F3, 48);
}

function update4x1(bytes: usize, lr: f32, x: usize, w: usize, a: usize, g: usize, facc: usize, tab: usize): void {
  const zv = f32x4.splat(0);
  const lrv = f32x4.splat(lr);
  // the splatted constants x_i (at tab + 16 i) and g_i (at tab + 64 + 16 i), loaded
  // from memory inside the loop: fewer live registers than there are constants
  for (let i: usize = 0; i < 4; i++) {
    v128.store(tab + (i << 4), f32x4.splat(load<f32>(x + (i << 3))));
    v128.store(tab + 64 + (i << 4), f32x4.splat(load<f32>(g + (i << 2))));
  }
  let F0 = f32x4.splat(0);
  let F1 = f32x4.splat(0);
  let F2 = f32x4.splat(0);
  let F3 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    const bk = v128.load(w + bytes + k);
    const ak = v128.load(a + k);
    // H[i,k] = x_i w_k + b_k at the old θ
    const h0 = f32x4.add(f32x4.mul(v128.load(tab, 0), wk), bk);
    const h1 = f32x4.add(f32x4.mul(v128.load(tab, 16), wk), bk);
    const h2 = f32x4.add(f32x4.mul(v128.load(tab, 32), wk), bk);
    const h3 = f32x4.add(f32x4.mul(v128.load(tab, 48), wk), bk);
    // ∂L/∂a_k = Σ_i g_i σ(H[i,k])
    let ga = f32x4.add(zv, f32x4.mul(v128.load(tab, 64), f32x4.pmax(h0, zv)));
    ga = f32x4.add(ga, f32x4.mul(v128.load(tab, 80), f32x4.pmax(h1, zv)));
    ga = f32x4.add(ga, f32x4.mul(v128.load(tab, 96), f32x4.pmax(h2, zv)));
    ga = f32x4.add(ga, f32x4.mul(v128.load(tab, 112), f32x4.pmax(h3, zv)));
    // δ[i,k] = g_i a_k σ'(H[i,k])
    const d0 = v128.and(f32x4.mul(v128.load(tab, 64), ak), f32x4.gt(h0, zv));
    const d1 = v128.and(f32x4.mul(v128.load(tab, 80), ak), f32x4.gt(h1, zv));
    const d2 = v128.and(f32x4.mul(v128.load(tab, 96), ak), f32x4.gt(h2, zv));
    const d3 = v128.and(f32x4.mul(v128.load(tab, 112), ak), f32x4.gt(h3, zv));
    // ∂L/∂w_k = Σ_i x_i δ[i,k];  ∂L/∂b_k = Σ_i δ[i,k]
    let gw = f32x4.add(zv, f32x4.mul(v128.load(tab, 0), d0));
    gw = f32x4.add(gw, f32x4.mul(v128.load(tab, 16), d1));
    gw = f32x4.add(gw, f32x4.mul(v128.load(tab, 32), d2));
    gw = f32x4.add(gw, f32x4.mul(v128.load(tab, 48), d3));
    const gb = f32x4.add(f32x4.add(f32x4.add(f32x4.add(zv, d0), d1), d2), d3);
    // θ ← θ − lr ∇L
    const wn = f32x4.sub(wk, f32x4.mul(lrv, gw));
    const bn = f32x4.sub(bk, f32x4.mul(lrv, gb));
    const an = f32x4.sub(ak, f32x4.mul(lrv, ga));
    v128.store(w + k, wn);
    v128.store(w + bytes + k, bn);
    v128.store(a + k, an);
    // the next forward pass: F_i += a_k σ(x_i w_k + b_k) at the new θ
    F0 = f32x4.add(F0, f32x4.mul(an, f32x4.pmax(f32x4.add(f32x4.mul(v128.load(tab, 0), wn), bn), zv)));
    F1 = f32x4.add(F1, f32x4.mul(an, f32x4.pmax(f32x4.add(f32x4.mul(v128.load(tab, 16), wn), bn), zv)));
    F2 = f32x4.add(F2, f32x4.mul(an, f32x4.pmax(f32x4.add(f32x4.mul(v128.load(tab, 32), wn), bn), zv)));
    F3 = f32x4.add(F3, f32x4.mul(an, f32x4.pmax(f32x4.add(f32x4.mul(v128.load(tab, 48), wn), bn), zv)));
  }
  v128.store(facc, F0);
  v128.store(facc, F1, 16);
  v128.store(facc, F2, 32);
  v128.store(facc, F3, 48);
}
