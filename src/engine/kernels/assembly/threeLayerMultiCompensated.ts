// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Compensated GD step of the three-layer network with dOut ≥ 1 outputs
 * (threeLayerMulti.ts): every parameter is a pair of float32 values,
 * θ = θ_hi + θ_lo, so that updates far below half an ulp of θ_hi (relative
 * 2^-24 ≈ 6e-8) accumulate instead of being rounded away (the float32 floor
 * of src/engine/threeLayer/train.ts).
 *
 * The step. The gradient is computed as by multiUpdate, from θ_hi (the
 * forward pass multiForward, δ2, the dot products gZ1 all read the hi arrays
 * only); for each parameter array the whole update Δ = −lr ∂L/∂θ of the step
 * is formed in float32 (a row of W² in the `delta` row: Σ_t c_t δ2[idx_t, ·],
 * t in increasing order), then added to the pair with TwoSum (Knuth):
 *
 *   y   = θ_lo + Δ                      (rounded: error ≤ 2^-24 |y|)
 *   hi' = fl(θ_hi + y)
 *   lo' = (θ_hi + y) − hi'              (exact: TwoSum's error term)
 *
 * so hi' + lo' = θ_hi + y exactly, and |lo'| ≤ half an ulp of hi'.
 *
 * Errors this leaves, per step:
 *  - Δ is a float32 sum: relative error ~2^-24 × (number of terms) of Δ
 *    itself (not of θ): the motion is resolved whatever its size.
 *  - The rounding of y adds at most 2^-24 (|θ_lo| + |Δ|) ≲ 2^-48 |θ| + 2^-24 |Δ|:
 *    a relative motion per step well above 2^-48 ≈ 3.6e-15 is resolved
 *    (trainThreeLayer's floor on this path: rateFloor · 2^-24).
 *  - The gradient is evaluated at θ_hi, not at θ_hi + θ_lo: a relative
 *    perturbation of each parameter of at most 2^-25, below the rounding of
 *    the float32 forward pass itself. It changes the gradient by a relative
 *    ~1e-7 (times the conditioning of the net), i.e. the trajectory by that
 *    fraction of its motion: it does not accumulate like the lost updates do.
 * Calibrated against plain float64 GD in test/engine/three-layer-compensated.test.ts.
 *
 * Layout: as multiUpdate, plus w1lo (d+1, mp), w2lo (m+1, mp), atlo
 * (dOut, mp) (the low parts, zero-padded like the hi arrays) and `delta`, a
 * row of mp floats of scratch. Not bit-identical to multiUpdate (a row of W²
 * adds Δ once instead of term by term).
 */
import { axpy4 } from './rows';
import { hsum } from './simd';
import { addRow, axpy8, coefAt, dot4acc, dot8acc, flushRow, rowAt } from './threeLayerMulti';

// ---------------------------------------------------------------------------
// Compensated additions

/** (hi, lo) at (p, q) ← hi + lo + Δ for 4 lanes: y = lo + Δ, then TwoSum(hi, y). */
function twoSum4(p: usize, q: usize, dv: v128): void {
  const hi = v128.load(p);
  const y = f32x4.add(v128.load(q), dv);
  const s = f32x4.add(hi, y);
  const bp = f32x4.sub(s, hi);
  const ap = f32x4.sub(s, bp);
  v128.store(p, s);
  v128.store(q, f32x4.add(f32x4.sub(hi, ap), f32x4.sub(y, bp)));
}

/** The scalar twoSum4. */
function twoSum1(p: usize, q: usize, d: f32): void {
  const hi = load<f32>(p);
  const y = load<f32>(q) + d;
  const s = hi + y;
  const bp = s - hi;
  const ap = s - bp;
  store<f32>(p, s);
  store<f32>(q, hi - ap + (y - bp));
}

/** A row pair (w, lo) ← (w, lo) + delta, `bytes` long. */
function addDeltaRow(w: usize, lo: usize, delta: usize, bytes: usize): void {
  for (let k: usize = 0; k < bytes; k += 16) twoSum4(w + k, lo + k, v128.load(delta + k));
}

// ---------------------------------------------------------------------------
// A row of W² against the δ2 rows of its active samples

/** out[t] = Σ_k w[k] P[idx[t], k] for the s samples in idx (4-lane partial sums in acc, s + 3 vectors; then hsum). */
function rowDots(w: usize, P: usize, bytes: usize, idx: usize, s: i32, out: usize, acc: usize, zero: usize): void {
  memory.fill(acc, 0, (<usize>((s + 3) & ~3)) << 4);
  let t = 0;
  for (; t + 8 <= s; t += 8) {
    const q = idx + ((<usize>t) << 2);
    dot8acc(
      w,
      P + <usize>load<i32>(q) * bytes,
      P + <usize>load<i32>(q, 4) * bytes,
      P + <usize>load<i32>(q, 8) * bytes,
      P + <usize>load<i32>(q, 12) * bytes,
      P + <usize>load<i32>(q, 16) * bytes,
      P + <usize>load<i32>(q, 20) * bytes,
      P + <usize>load<i32>(q, 24) * bytes,
      P + <usize>load<i32>(q, 28) * bytes,
      acc + ((<usize>t) << 4),
      bytes,
    );
  }
  for (; t < s; t += 4) {
    dot4acc(
      w,
      rowAt(P, bytes, idx, t, s, zero),
      rowAt(P, bytes, idx, t + 1, s, zero),
      rowAt(P, bytes, idx, t + 2, s, zero),
      rowAt(P, bytes, idx, t + 3, s, zero),
      acc + ((<usize>t) << 4),
      bytes,
    );
  }
  for (let u = 0; u < s; u++) store<f32>(out + ((<usize>u) << 2), hsum(v128.load(acc + ((<usize>u) << 4))));
}

/** delta[k] = Σ_t c[t] P[idx[t], k] (t in increasing order, from 0), for the s samples in idx. */
function rowDelta(P: usize, bytes: usize, idx: usize, c: usize, s: i32, delta: usize, zero: usize): void {
  memory.fill(delta, 0, bytes);
  let t = 0;
  for (; t + 8 <= s; t += 8) {
    const q = idx + ((<usize>t) << 2);
    const b = c + ((<usize>t) << 2);
    axpy8(
      delta,
      P + <usize>load<i32>(q) * bytes,
      P + <usize>load<i32>(q, 4) * bytes,
      P + <usize>load<i32>(q, 8) * bytes,
      P + <usize>load<i32>(q, 12) * bytes,
      P + <usize>load<i32>(q, 16) * bytes,
      P + <usize>load<i32>(q, 20) * bytes,
      P + <usize>load<i32>(q, 24) * bytes,
      P + <usize>load<i32>(q, 28) * bytes,
      load<f32>(b),
      load<f32>(b, 4),
      load<f32>(b, 8),
      load<f32>(b, 12),
      load<f32>(b, 16),
      load<f32>(b, 20),
      load<f32>(b, 24),
      load<f32>(b, 28),
      bytes,
    );
  }
  for (; t < s; t += 4) {
    axpy4(
      delta,
      rowAt(P, bytes, idx, t, s, zero),
      rowAt(P, bytes, idx, t + 1, s, zero),
      rowAt(P, bytes, idx, t + 2, s, zero),
      rowAt(P, bytes, idx, t + 3, s, zero),
      coefAt(c, t, s),
      coefAt(c, t + 1, s),
      coefAt(c, t + 2, s),
      coefAt(c, t + 3, s),
      bytes,
    );
  }
}

// ---------------------------------------------------------------------------
// Output layer and first layer

/**
 * outputLayer of threeLayerMulti.ts (δ2 with the old a, the same sums), with
 * the compensated update of a: (aᵀ, aᵀ_lo) += −lr Σ_i g_io Z2[i,k].
 */
function outputLayerCompensated(n: i32, mp: i32, dOut: i32, lr: f32, g: usize, at: usize, atlo: usize, h2: usize, dl2: usize, ga: usize): void {
  const bytes = (<usize>mp) << 2;
  const zv = f32x4.splat(0);
  const lrv = f32x4.splat(lr);
  const grow = (<usize>dOut) << 2;
  const gaEnd = ga + ((<usize>dOut) << 4);
  for (let k: usize = 0; k < bytes; k += 16) {
    for (let q = ga; q < gaEnd; q += 16) v128.store(q, zv);
    for (let i = 0; i < n; i++) {
      const hk = v128.load(h2 + <usize>i * bytes + k);
      const zk = f32x4.pmax(hk, zv);
      const gi = g + <usize>i * grow;
      let go = v128.load32_splat(gi);
      let acc = f32x4.mul(go, v128.load(at + k));
      v128.store(ga, f32x4.add(v128.load(ga), f32x4.mul(go, zk)));
      for (let o = 1; o < dOut; o++) {
        go = v128.load32_splat(gi + ((<usize>o) << 2));
        acc = f32x4.add(acc, f32x4.mul(go, v128.load(at + <usize>o * bytes + k)));
        const q = ga + ((<usize>o) << 4);
        v128.store(q, f32x4.add(v128.load(q), f32x4.mul(go, zk)));
      }
      v128.store(dl2 + <usize>i * bytes + k, v128.and(acc, f32x4.gt(hk, zv)));
    }
    for (let o = 0; o < dOut; o++) {
      const off = <usize>o * bytes + k;
      twoSum4(at + off, atlo + off, f32x4.neg(f32x4.mul(lrv, v128.load(ga + ((<usize>o) << 4)))));
    }
  }
}

/**
 * (W1, W1_lo) += −lr X̃ᵀ δ1: the sums of firstLayerUpdateWide
 * (threeLayerMulti.ts), blocks of 4 rows l × 2 vectors (1 vector when a row
 * has only one), then the compensated addition.
 */
function firstLayerUpdateCompensated(n: i32, d1: i32, bytes: usize, lr: f32, x: usize, w1: usize, w1lo: usize, dl1: usize): void {
  const lrv = f32x4.splat(lr);
  const xrow = (<usize>d1) << 2;
  const dend = dl1 + <usize>n * bytes;
  const step: usize = bytes < 32 ? 16 : 32;
  for (let k0: usize = 0; k0 < bytes; k0 += step) {
    const k = min(k0, bytes - step);
    const both = step == 32 && k == k0; // false: vector k is done already (or there is one vector only)
    for (let l = 0; l < d1; l += 4) {
      let x0 = x + ((<usize>l) << 2);
      let x1 = x + ((<usize>min(l + 1, d1 - 1)) << 2);
      let x2 = x + ((<usize>min(l + 2, d1 - 1)) << 2);
      let x3 = x + ((<usize>min(l + 3, d1 - 1)) << 2);
      let G0a = f32x4.splat(0);
      let G0b = f32x4.splat(0);
      let G1a = f32x4.splat(0);
      let G1b = f32x4.splat(0);
      let G2a = f32x4.splat(0);
      let G2b = f32x4.splat(0);
      let G3a = f32x4.splat(0);
      let G3b = f32x4.splat(0);
      // with one vector (step 16) the "b" lanes read the same vector and are not stored
      const bOff: usize = step - 16;
      for (let dp = dl1 + k; dp < dend; dp += bytes) {
        const da = v128.load(dp);
        const db = v128.load(dp + bOff);
        let s = v128.load32_splat(x0);
        G0a = f32x4.add(G0a, f32x4.mul(s, da));
        G0b = f32x4.add(G0b, f32x4.mul(s, db));
        s = v128.load32_splat(x1);
        G1a = f32x4.add(G1a, f32x4.mul(s, da));
        G1b = f32x4.add(G1b, f32x4.mul(s, db));
        s = v128.load32_splat(x2);
        G2a = f32x4.add(G2a, f32x4.mul(s, da));
        G2b = f32x4.add(G2b, f32x4.mul(s, db));
        s = v128.load32_splat(x3);
        G3a = f32x4.add(G3a, f32x4.mul(s, da));
        G3b = f32x4.add(G3b, f32x4.mul(s, db));
        x0 += xrow;
        x1 += xrow;
        x2 += xrow;
        x3 += xrow;
      }
      const off = <usize>l * bytes + k;
      const p = w1 + off;
      const q = w1lo + off;
      if (step == 16 || both) twoSum4(p, q, f32x4.neg(f32x4.mul(lrv, G0a)));
      if (step == 32) twoSum4(p + 16, q + 16, f32x4.neg(f32x4.mul(lrv, G0b)));
      if (l + 1 < d1) {
        if (step == 16 || both) twoSum4(p + bytes, q + bytes, f32x4.neg(f32x4.mul(lrv, G1a)));
        if (step == 32) twoSum4(p + bytes + 16, q + bytes + 16, f32x4.neg(f32x4.mul(lrv, G1b)));
      }
      if (l + 2 < d1) {
        if (step == 16 || both) twoSum4(p + 2 * bytes, q + 2 * bytes, f32x4.neg(f32x4.mul(lrv, G2a)));
        if (step == 32) twoSum4(p + 2 * bytes + 16, q + 2 * bytes + 16, f32x4.neg(f32x4.mul(lrv, G2b)));
      }
      if (l + 3 < d1) {
        if (step == 16 || both) twoSum4(p + 3 * bytes, q + 3 * bytes, f32x4.neg(f32x4.mul(lrv, G3a)));
        if (step == 32) twoSum4(p + 3 * bytes + 16, q + 3 * bytes + 16, f32x4.neg(f32x4.mul(lrv, G3b)));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The step

/**
 * θ ← θ − lr ∇L(θ_hi), compensated (module comment), from the forward pass
 * cached in h1, h2, e (at θ_hi). Arguments as multiUpdate, plus the low parts
 * w1lo, w2lo, atlo and `delta` (mp floats of scratch). With lookahead, h1 and
 * h2 hold the forward pass at the new θ_hi on return.
 */
export function multiUpdateCompensated(
  n: i32,
  d1: i32,
  m: i32,
  mp: i32,
  dOut: i32,
  lr: f32,
  gscale: f32,
  x: usize,
  w1: usize,
  w2: usize,
  at: usize,
  w1lo: usize,
  w2lo: usize,
  atlo: usize,
  h1: usize,
  h2: usize,
  dl2: usize,
  dl1: usize,
  e: usize,
  scratch: usize,
  zero: usize,
  delta: usize,
  lookahead: bool,
  bias2: bool,
): void {
  const bytes = (<usize>mp) << 2;
  const nb = (<usize>n) << 2;
  // the scratch layout of multiUpdate
  const ga = scratch;
  const acc = ga + ((<usize>dOut) << 4);
  const idx = acc + ((<usize>(n + 4)) << 4);
  const c = idx + nb;
  const t = c + nb;
  const zq = t + nb + 16;
  const zj = zq + nb;
  const cb = zj + nb;
  const g = cb + nb;
  let pending: usize = 0;

  const ng = n * dOut;
  for (let q = 0; q < ng; q++) store<f32>(g + ((<usize>q) << 2), load<f32>(e + ((<usize>q) << 2)) * gscale);

  outputLayerCompensated(n, mp, dOut, lr, g, at, atlo, h2, dl2, ga);

  // bias row: Δ = −lr Σ_i δ2[i,:]
  const bias = w2 + <usize>m * bytes;
  if (bias2) {
    for (let i = 0; i < n; i++) {
      store<i32>(idx + ((<usize>i) << 2), i);
      store<f32>(c + ((<usize>i) << 2), -lr);
    }
    rowDelta(dl2, bytes, idx, c, n, delta, zero);
    addDeltaRow(bias, w2lo + <usize>m * bytes, delta, bytes);
  }
  if (lookahead) {
    if (bias2) {
      for (let i = 0; i < n; i++) memory.copy(h2 + <usize>i * bytes, bias, bytes);
    } else {
      memory.fill(h2, 0, <usize>n * bytes);
    }
  } else {
    memory.fill(dl1, 0, <usize>n * bytes);
  }

  for (let j = 0; j < m; j++) {
    const wj = w2 + <usize>j * bytes;
    const col = (<usize>j) << 2;
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

    // gZ1 from the old row (hi), then the row's Δ and the compensated addition
    rowDots(wj, dl2, bytes, idx, s, t, acc, zero);
    rowDelta(dl2, bytes, idx, c, s, delta, zero);
    addDeltaRow(wj, w2lo + <usize>j * bytes, delta, bytes);

    if (!lookahead) {
      for (let u = 0; u < s; u++) {
        const i = load<i32>(idx + ((<usize>u) << 2));
        store<f32>(dl1 + <usize>i * bytes + col, load<f32>(t + ((<usize>u) << 2)));
      }
      continue;
    }

    for (let l = 0; l < d1; l++) {
      let gw: f32 = 0;
      for (let u = 0; u < s; u++) {
        const i = load<i32>(idx + ((<usize>u) << 2));
        gw += load<f32>(x + ((<usize>i * <usize>d1 + <usize>l) << 2)) * load<f32>(t + ((<usize>u) << 2));
      }
      const off = <usize>l * bytes + col;
      twoSum1(w1 + off, w1lo + off, -(lr * gw));
    }

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

  if (!lookahead) firstLayerUpdateCompensated(n, d1, bytes, lr, x, w1, w1lo, dl1);
}
