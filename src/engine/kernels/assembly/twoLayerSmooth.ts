// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Two-layer network with a smooth activation (tanh, sigmoid, softplus,
 * x·tanh x and the shifted sigmoid0, softplus0 of chen2023; ./smooth.ts),
 * full-batch GD: the kernel of twoLayer.ts with σ and σ' evaluated instead
 * of ReLU's max and step. A separate module (twoLayerSmooth.wasm), so that
 * the ReLU module, and the cache keys of the ReLU experiments, do not change.
 *
 *   f(x) = (1/α) Σ_k a_k σ(w_k · x̃),   x̃ = (x, 1)
 *
 * Shapes (mp = m rounded up to a multiple of 4; padded neurons are zero
 * and stay zero: a_k = 0 gives δ = 0 and ∂L/∂a_k = Σ_i g_i σ(0), and σ(0) = 0
 * except for sigmoid and softplus, so padded a_k would move; the JS glue
 * therefore rejects those two unless m is a multiple of 4):
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
 * As in twoLayer.ts, a step is one pass over blocks of 4 neurons: update
 * (w_k, a_k), then the next forward pass at the new θ (lookahead). Unlike
 * ReLU's, σ costs far more than the memory traffic of H, so the forward pass
 * keeps σ(H) and σ'(H) (sc, dc: (n, mp) each, evaluated together) and the
 * update reads them: one evaluation of the activation per sample, neuron and
 * step. For large d (h ≠ 0) H is kept from the forward pass and the update
 * is X̃ᵀδ (./dense.ts); sc and dc are then unused.
 *
 * act: the activation code of ./smooth.ts.
 * facc (n v128): per-lane partial sums Σ_k a_k σ(H[i,k]) of each sample.
 * ds (n v128): δ[i, block] of the current block.
 */
import { hsum } from './simd';
import { firstLayer, firstLayerUpdate } from './dense';
import { both, dsig, sigma } from './smooth';

/** H[i,k] = Σ_l X̃[i,l] W[l,k] for the block at byte offset k (summed from l = 0 up, as firstLayer). */
function preact(i: i32, d1: i32, bytes: usize, x: usize, w: usize, k: usize): v128 {
  const xi = x + ((<usize>i * <usize>d1) << 2);
  let h = f32x4.mul(f32x4.splat(load<f32>(xi)), v128.load(w + k));
  for (let l = 1; l < d1; l++) {
    h = f32x4.add(h, f32x4.mul(f32x4.splat(load<f32>(xi + ((<usize>l) << 2))), v128.load(w + <usize>l * bytes + k)));
  }
  return h;
}

/**
 * facc[i] += a_k σ(H[i,k]) for the block at byte offset k (a_k and W[·,k]
 * given), keeping σ(H[i,k]) in sc and σ'(H[i,k]) in dc (n rows of `bytes`)
 * for the update that follows: σ and σ' are evaluated once per step.
 */
function accumulate(act: i32, n: i32, d1: i32, bytes: usize, x: usize, w: usize, k: usize, ak: v128, facc: usize, sc: usize, dc: usize): void {
  for (let i = 0; i < n; i++) {
    const h = preact(i, d1, bytes, x, w, k);
    const s = both(act, h);
    const o = <usize>i * bytes + k;
    v128.store(sc + o, s);
    v128.store(dc + o, dsig);
    const fi = facc + ((<usize>i) << 4);
    v128.store(fi, f32x4.add(v128.load(fi), f32x4.mul(ak, s)));
  }
}

/** The forward pass at the current θ, into facc (and H into h unless h = 0). */
export function smoothForward(act: i32, n: i32, d1: i32, mp: i32, x: usize, w: usize, a: usize, facc: usize, h: usize, sc: usize, dc: usize): void {
  const bytes = (<usize>mp) << 2;
  if (h != 0) {
    // H = X̃ W, then facc[i] = Σ_k a_k σ(H[i,k]) (lane-wise, k in order)
    firstLayer(n, d1, bytes, x, w, h);
    for (let i = 0; i < n; i++) {
      const hi = h + <usize>i * bytes;
      let acc = f32x4.splat(0);
      for (let k: usize = 0; k < bytes; k += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), sigma(act, v128.load(hi + k))));
      v128.store(facc + ((<usize>i) << 4), acc);
    }
    return;
  }
  memory.fill(facc, 0, (<usize>n) << 4);
  for (let k: usize = 0; k < bytes; k += 16) accumulate(act, n, d1, bytes, x, w, k, v128.load(a + k), facc, sc, dc);
}

/** F_i = (1/α) Σ_k a_k σ(H[i,k]) from facc; E_i = F_i − y_i into e; returns L (float64 sum). */
export function smoothLoss(n: i32, alpha: f32, y: usize, facc: usize, e: usize): f64 {
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
 * θ ← θ − lr ∇L(θ), with E from the last smoothLoss; gscale = 2 / (n α).
 * With h = 0 (lookahead), σ(H) and σ'(H) at the current θ are read from sc
 * and dc, and on return facc, sc and dc hold the forward pass at the new θ;
 * otherwise H is read from h (and overwritten by δ), and the next loss
 * needs smoothForward. g: n floats of scratch.
 */
export function smoothUpdate(
  act: i32,
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
  sc: usize,
  dc: usize,
): void {
  const bytes = (<usize>mp) << 2;
  const lrv = f32x4.splat(lr);
  for (let i = 0; i < n; i++) store<f32>(g + ((<usize>i) << 2), load<f32>(e + ((<usize>i) << 2)) * gscale);
  if (h != 0) {
    // ∂L/∂a_k = Σ_i g_i σ(H[i,k]);  δ[i,k] = g_i a_k σ'(H[i,k]) (over H);  a ← a − lr ∂L/∂a
    for (let k: usize = 0; k < bytes; k += 16) {
      const ak = v128.load(a + k);
      let ga = f32x4.splat(0);
      for (let i = 0; i < n; i++) {
        const p = h + <usize>i * bytes + k;
        const gi = f32x4.splat(load<f32>(g + ((<usize>i) << 2)));
        const s = both(act, v128.load(p));
        ga = f32x4.add(ga, f32x4.mul(gi, s));
        v128.store(p, f32x4.mul(f32x4.mul(gi, ak), dsig));
      }
      v128.store(a + k, f32x4.sub(ak, f32x4.mul(lrv, ga)));
    }
    // W ← W − lr X̃ᵀ δ
    firstLayerUpdate(n, d1, bytes, lr, x, w, h);
    return;
  }
  memory.fill(facc, 0, (<usize>n) << 4);

  for (let k: usize = 0; k < bytes; k += 16) {
    const ak = v128.load(a + k);
    // σ(H[i,k]), σ'(H[i,k]) at the old θ (kept by the last forward pass);
    // ∂L/∂a_k = Σ_i g_i σ(H[i,k]); δ[i,k] = g_i a_k σ'(H[i,k])
    let ga = f32x4.splat(0);
    for (let i = 0; i < n; i++) {
      const o = <usize>i * bytes + k;
      const gi = f32x4.splat(load<f32>(g + ((<usize>i) << 2)));
      ga = f32x4.add(ga, f32x4.mul(gi, v128.load(sc + o)));
      v128.store(ds + ((<usize>i) << 4), f32x4.mul(f32x4.mul(gi, ak), v128.load(dc + o)));
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
    accumulate(act, n, d1, bytes, x, w, k, an, facc, sc, dc);
  }
}
