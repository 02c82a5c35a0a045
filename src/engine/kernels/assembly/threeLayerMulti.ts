// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Three-layer ReLU network of zhou2022 (§3), dOut ≥ 1 outputs, full-batch GD:
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]) ∈ R^dOut,   x̃ = (x, 1)
 *
 * The one-output kernel (threeLayer.ts) with an (m, dOut) output layer.
 * Shapes (mp = m rounded up to a multiple of 4; padded columns are zero
 * and stay zero, since their a rows, W¹ column and W² column are zero):
 *   X̃  (n, d+1)        x
 *   Y  (n, dOut)       y    row-major
 *   W1 (d+1, mp)       w1   column k = W¹ row k (last entry: bias b¹_k)
 *   W2 (m+1, mp)       w2   row j = weights out of first-layer neuron j; row m = biases b²
 *   aᵀ (dOut, mp)      at   row o = the weights of output o (a held transposed)
 *   H1 = X̃ W1 (n, mp)  h1,  Z1 = σ(H1),  Z̃1 = [Z1, 1] (n, m+1)
 *   H2 = Z̃1 W2 (n, mp) h2,  Z2 = σ(H2)
 *   F  = Z2 a / α (n, dOut), E = F − Y (n, dOut) in e,  L = (1/n) Σ_i Σ_o E_io²
 *
 * Gradients (g_io = ∂L/∂F_io · (1/α) = 2 E_io / (n α)):
 *   ∂L/∂a_ko     = Σ_i g_io Z2[i,k]
 *   δ2[i,k]      = σ'(H2[i,k]) Σ_o g_io a_ko            (n, mp)
 *   ∂L/∂W2[j,k]  = Σ_i Z̃1[i,j] δ2[i,k]
 *   gZ1[i,j]     = Σ_k W2[j,k] δ2[i,k]                 (old W2, j < m)
 *   δ1[i,j]      = gZ1[i,j] σ'(H1[i,j])
 *   ∂L/∂W1[l,j]  = Σ_i X̃[i,l] δ1[i,j]
 *
 * The outputs only enter through F and δ2: once δ2 is formed, the pass over
 * W2 and W1 is the one-output kernel's (same sparsity of ReLU: a row of W2
 * only meets the samples with Z1[i,j] > 0; same one read-modify-write pass
 * over W2; same lookahead for small d).
 *
 * σ(h) = f32x4.pmax(h, 0) and σ'(h) = [h > 0]; "active" is !(h ≤ 0), so a
 * NaN pre-activation propagates to the loss (as in threeLayer.ts).
 *
 * Speed for many samples (e.g. MNIST: n = 100, d = 784) without changing a
 * single sum: every quantity is summed in the same order as by the routines
 * of the one-output kernel (rows.ts, dense.ts), so with dOut = 1 the two
 * kernels give the same bits (up to the sign of an exact zero in W2), and
 * the lookahead on or off gives the same bits, as there.
 *   - First layer (no lookahead): register blocks of 4 samples × 2 vectors,
 *     8 independent accumulators (dense.ts: 4).
 *   - Row of W2 with more than 4 active samples: dot products and update 8
 *     samples at a time (rows.ts: 4), two vectors per iteration.
 *   - Forward accumulation of a row pair: two vectors per iteration.
 * Measured on one core (MNIST-sized, n = 100, m = 1000 and 2500): about
 * 1.2× the step rate of the same kernel built on rows.ts and dense.ts alone.
 * Column tiles of the passes over W2 (to keep δ2 and H2 in L2) gained
 * nothing measurable and are not used: V8's code for these loops (an
 * address computation per load, spills) rather than memory is the limit.
 */
import { accPair1, accPair2, accPair3, accPair4, accRows, axpy4, dotUpdateRows } from './rows';
import { hsum } from './simd';
import { firstLayer, firstLayerUpdate } from './dense';

// ---------------------------------------------------------------------------
// First layer: dense.ts's sums, 4 samples (rows of W1) × 2 vectors per block

/**
 * H1[i,k] = Σ_l X̃[i,l] W1[l,k], summed from l = 0 up as firstLayer (dense.ts)
 * does. Blocks of 4 samples × 2 vectors; with an odd number of vectors the
 * last block overlaps the one before (that vector is recomputed, same bits).
 */
function firstLayerWide(n: i32, d1: i32, bytes: usize, x: usize, w1: usize, h1: usize): void {
  if (bytes < 32) {
    firstLayer(n, d1, bytes, x, w1, h1);
    return;
  }
  const xrow = (<usize>d1) << 2;
  for (let k0: usize = 0; k0 < bytes; k0 += 32) {
    const k = min(k0, bytes - 32);
    for (let i = 0; i < n; i += 4) {
      let x0 = x + <usize>i * xrow;
      let x1 = x + <usize>min(i + 1, n - 1) * xrow;
      let x2 = x + <usize>min(i + 2, n - 1) * xrow;
      let x3 = x + <usize>min(i + 3, n - 1) * xrow;
      const x0end = x0 + xrow;
      let wl = w1 + k;
      let wa = v128.load(wl);
      let wb = v128.load(wl, 16);
      let s = v128.load32_splat(x0);
      let H0a = f32x4.mul(s, wa);
      let H0b = f32x4.mul(s, wb);
      s = v128.load32_splat(x1);
      let H1a = f32x4.mul(s, wa);
      let H1b = f32x4.mul(s, wb);
      s = v128.load32_splat(x2);
      let H2a = f32x4.mul(s, wa);
      let H2b = f32x4.mul(s, wb);
      s = v128.load32_splat(x3);
      let H3a = f32x4.mul(s, wa);
      let H3b = f32x4.mul(s, wb);
      x0 += 4;
      x1 += 4;
      x2 += 4;
      x3 += 4;
      wl += bytes;
      while (x0 < x0end) {
        wa = v128.load(wl);
        wb = v128.load(wl, 16);
        s = v128.load32_splat(x0);
        H0a = f32x4.add(H0a, f32x4.mul(s, wa));
        H0b = f32x4.add(H0b, f32x4.mul(s, wb));
        s = v128.load32_splat(x1);
        H1a = f32x4.add(H1a, f32x4.mul(s, wa));
        H1b = f32x4.add(H1b, f32x4.mul(s, wb));
        s = v128.load32_splat(x2);
        H2a = f32x4.add(H2a, f32x4.mul(s, wa));
        H2b = f32x4.add(H2b, f32x4.mul(s, wb));
        s = v128.load32_splat(x3);
        H3a = f32x4.add(H3a, f32x4.mul(s, wa));
        H3b = f32x4.add(H3b, f32x4.mul(s, wb));
        x0 += 4;
        x1 += 4;
        x2 += 4;
        x3 += 4;
        wl += bytes;
      }
      const h = h1 + <usize>i * bytes + k;
      v128.store(h, H0a);
      v128.store(h, H0b, 16);
      if (i + 1 < n) {
        v128.store(h + bytes, H1a);
        v128.store(h + bytes, H1b, 16);
      }
      if (i + 2 < n) {
        v128.store(h + 2 * bytes, H2a);
        v128.store(h + 2 * bytes, H2b, 16);
      }
      if (i + 3 < n) {
        v128.store(h + 3 * bytes, H3a);
        v128.store(h + 3 * bytes, H3b, 16);
      }
    }
  }
}

/**
 * W1[l,k] ← W1[l,k] − lr Σ_i X̃[i,l] δ1[i,k], summed from i = 0 up as
 * firstLayerUpdate (dense.ts) does. Blocks of 4 rows l × 2 vectors; with an
 * odd number of vectors the last block overlaps the one before and stores
 * only its new vector.
 */
function firstLayerUpdateWide(n: i32, d1: i32, bytes: usize, lr: f32, x: usize, w1: usize, dl1: usize): void {
  if (bytes < 32) {
    firstLayerUpdate(n, d1, bytes, lr, x, w1, dl1);
    return;
  }
  const lrv = f32x4.splat(lr);
  const xrow = (<usize>d1) << 2;
  const dend = dl1 + <usize>n * bytes;
  for (let k0: usize = 0; k0 < bytes; k0 += 32) {
    const k = min(k0, bytes - 32);
    const both = k == k0; // false: vector k is done already
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
      for (let dp = dl1 + k; dp < dend; dp += bytes) {
        const da = v128.load(dp);
        const db = v128.load(dp, 16);
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
      const p = w1 + <usize>l * bytes + k;
      if (both) v128.store(p, f32x4.sub(v128.load(p), f32x4.mul(lrv, G0a)));
      v128.store(p, f32x4.sub(v128.load(p, 16), f32x4.mul(lrv, G0b)), 16);
      if (l + 1 < d1) {
        if (both) v128.store(p + bytes, f32x4.sub(v128.load(p + bytes), f32x4.mul(lrv, G1a)));
        v128.store(p + bytes, f32x4.sub(v128.load(p + bytes, 16), f32x4.mul(lrv, G1b)), 16);
      }
      if (l + 2 < d1) {
        if (both) v128.store(p + 2 * bytes, f32x4.sub(v128.load(p + 2 * bytes), f32x4.mul(lrv, G2a)));
        v128.store(p + 2 * bytes, f32x4.sub(v128.load(p + 2 * bytes, 16), f32x4.mul(lrv, G2b)), 16);
      }
      if (l + 3 < d1) {
        if (both) v128.store(p + 3 * bytes, f32x4.sub(v128.load(p + 3 * bytes), f32x4.mul(lrv, G3a)));
        v128.store(p + 3 * bytes, f32x4.sub(v128.load(p + 3 * bytes, 16), f32x4.mul(lrv, G3b)), 16);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Groups of rows of per-sample arrays (δ2 or H2 rows, `bytes` long)

/** Row idx[t] of P, or the zero row when t ≥ s (padding of a group). */
export function rowAt(P: usize, bytes: usize, idx: usize, t: i32, s: i32, zero: usize): usize {
  return t < s ? P + <usize>load<i32>(idx + ((<usize>t) << 2)) * bytes : zero;
}

/** c[t], or 0 when t ≥ s. */
export function coefAt(c: usize, t: i32, s: i32): f32 {
  return t < s ? load<f32>(c + ((<usize>t) << 2)) : 0;
}

/**
 * acc[s] += w ⊙ p_s (4 lanes each, over `len` bytes, k in increasing order)
 * for 8 rows: the partial sums of 8 dot products. Two vectors per iteration
 * (one address computation per row for both: V8 adds each address anew).
 */
export function dot8acc(w: usize, p0: usize, p1: usize, p2: usize, p3: usize, p4: usize, p5: usize, p6: usize, p7: usize, acc: usize, len: usize): void {
  let t0 = v128.load(acc);
  let t1 = v128.load(acc, 16);
  let t2 = v128.load(acc, 32);
  let t3 = v128.load(acc, 48);
  let t4 = v128.load(acc, 64);
  let t5 = v128.load(acc, 80);
  let t6 = v128.load(acc, 96);
  let t7 = v128.load(acc, 112);
  let k: usize = 0;
  for (; k + 32 <= len; k += 32) {
    const wa = v128.load(w + k);
    const wb = v128.load(w + k, 16);
    let q = p0 + k;
    t0 = f32x4.add(f32x4.add(t0, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p1 + k;
    t1 = f32x4.add(f32x4.add(t1, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p2 + k;
    t2 = f32x4.add(f32x4.add(t2, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p3 + k;
    t3 = f32x4.add(f32x4.add(t3, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p4 + k;
    t4 = f32x4.add(f32x4.add(t4, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p5 + k;
    t5 = f32x4.add(f32x4.add(t5, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p6 + k;
    t6 = f32x4.add(f32x4.add(t6, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
    q = p7 + k;
    t7 = f32x4.add(f32x4.add(t7, f32x4.mul(wa, v128.load(q))), f32x4.mul(wb, v128.load(q, 16)));
  }
  if (k < len) {
    const wk = v128.load(w + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, v128.load(p0 + k)));
    t1 = f32x4.add(t1, f32x4.mul(wk, v128.load(p1 + k)));
    t2 = f32x4.add(t2, f32x4.mul(wk, v128.load(p2 + k)));
    t3 = f32x4.add(t3, f32x4.mul(wk, v128.load(p3 + k)));
    t4 = f32x4.add(t4, f32x4.mul(wk, v128.load(p4 + k)));
    t5 = f32x4.add(t5, f32x4.mul(wk, v128.load(p5 + k)));
    t6 = f32x4.add(t6, f32x4.mul(wk, v128.load(p6 + k)));
    t7 = f32x4.add(t7, f32x4.mul(wk, v128.load(p7 + k)));
  }
  v128.store(acc, t0);
  v128.store(acc, t1, 16);
  v128.store(acc, t2, 32);
  v128.store(acc, t3, 48);
  v128.store(acc, t4, 64);
  v128.store(acc, t5, 80);
  v128.store(acc, t6, 96);
  v128.store(acc, t7, 112);
}

/** dot8acc for 4 rows. */
export function dot4acc(w: usize, p0: usize, p1: usize, p2: usize, p3: usize, acc: usize, len: usize): void {
  let t0 = v128.load(acc);
  let t1 = v128.load(acc, 16);
  let t2 = v128.load(acc, 32);
  let t3 = v128.load(acc, 48);
  for (let k: usize = 0; k < len; k += 16) {
    const wk = v128.load(w + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, v128.load(p0 + k)));
    t1 = f32x4.add(t1, f32x4.mul(wk, v128.load(p1 + k)));
    t2 = f32x4.add(t2, f32x4.mul(wk, v128.load(p2 + k)));
    t3 = f32x4.add(t3, f32x4.mul(wk, v128.load(p3 + k)));
  }
  v128.store(acc, t0);
  v128.store(acc, t1, 16);
  v128.store(acc, t2, 32);
  v128.store(acc, t3, 48);
}

/** w[k] ← w[k] + c0 p0[k] + … + c7 p7[k], added in that order (axpy4 of rows.ts twice, in one pass); two vectors per iteration. */
export function axpy8(
  w: usize,
  p0: usize,
  p1: usize,
  p2: usize,
  p3: usize,
  p4: usize,
  p5: usize,
  p6: usize,
  p7: usize,
  c0: f32,
  c1: f32,
  c2: f32,
  c3: f32,
  c4: f32,
  c5: f32,
  c6: f32,
  c7: f32,
  len: usize,
): void {
  const C0 = f32x4.splat(c0);
  const C1 = f32x4.splat(c1);
  const C2 = f32x4.splat(c2);
  const C3 = f32x4.splat(c3);
  const C4 = f32x4.splat(c4);
  const C5 = f32x4.splat(c5);
  const C6 = f32x4.splat(c6);
  const C7 = f32x4.splat(c7);
  let k: usize = 0;
  for (; k + 32 <= len; k += 32) {
    const q = w + k;
    let wa = v128.load(q);
    let wb = v128.load(q, 16);
    let r = p0 + k;
    wa = f32x4.add(wa, f32x4.mul(C0, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C0, v128.load(r, 16)));
    r = p1 + k;
    wa = f32x4.add(wa, f32x4.mul(C1, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C1, v128.load(r, 16)));
    r = p2 + k;
    wa = f32x4.add(wa, f32x4.mul(C2, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C2, v128.load(r, 16)));
    r = p3 + k;
    wa = f32x4.add(wa, f32x4.mul(C3, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C3, v128.load(r, 16)));
    r = p4 + k;
    wa = f32x4.add(wa, f32x4.mul(C4, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C4, v128.load(r, 16)));
    r = p5 + k;
    wa = f32x4.add(wa, f32x4.mul(C5, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C5, v128.load(r, 16)));
    r = p6 + k;
    wa = f32x4.add(wa, f32x4.mul(C6, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C6, v128.load(r, 16)));
    r = p7 + k;
    wa = f32x4.add(wa, f32x4.mul(C7, v128.load(r)));
    wb = f32x4.add(wb, f32x4.mul(C7, v128.load(r, 16)));
    v128.store(q, wa);
    v128.store(q, wb, 16);
  }
  if (k < len) {
    let wk = v128.load(w + k);
    wk = f32x4.add(wk, f32x4.mul(C0, v128.load(p0 + k)));
    wk = f32x4.add(wk, f32x4.mul(C1, v128.load(p1 + k)));
    wk = f32x4.add(wk, f32x4.mul(C2, v128.load(p2 + k)));
    wk = f32x4.add(wk, f32x4.mul(C3, v128.load(p3 + k)));
    wk = f32x4.add(wk, f32x4.mul(C4, v128.load(p4 + k)));
    wk = f32x4.add(wk, f32x4.mul(C5, v128.load(p5 + k)));
    wk = f32x4.add(wk, f32x4.mul(C6, v128.load(p6 + k)));
    wk = f32x4.add(wk, f32x4.mul(C7, v128.load(p7 + k)));
    v128.store(w + k, wk);
  }
}

/**
 * dotUpdateRows of rows.ts, the same sums in the same order, 8 samples at a
 * time: for the s samples listed in idx with coefficients c,
 *   out[t] = Σ_k w[k] P[idx[t], k]          (old w; 4-lane partial sums in acc, then hsum)
 *   w[k]  ← w[k] + Σ_t c[t] P[idx[t], k]    (t in increasing order)
 * Groups of 8, then of 4 padded with the zero row and coefficient 0; s ≤ 4
 * goes to dotUpdateRows (one fused pass). out: s + 3 floats; acc: s + 3
 * vectors of scratch.
 */
function dotUpdateRowsWide(w: usize, P: usize, bytes: usize, idx: usize, c: usize, s: i32, out: usize, acc: usize, zero: usize): void {
  if (s <= 4) {
    dotUpdateRows(w, P, bytes, idx, c, s, out, zero);
    return;
  }
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
  t = 0;
  for (; t + 8 <= s; t += 8) {
    const q = idx + ((<usize>t) << 2);
    const b = c + ((<usize>t) << 2);
    axpy8(
      w,
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
      w,
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
  for (let u = 0; u < s; u++) store<f32>(out + ((<usize>u) << 2), hsum(v128.load(acc + ((<usize>u) << 4))));
}

/** accPair4 of rows.ts (p_s[k] += y_s v[k] + z_s w[k], the same expression), two vectors per iteration. */
function accPair4x2(
  v: usize,
  w: usize,
  p0: usize,
  p1: usize,
  p2: usize,
  p3: usize,
  y0: f32,
  y1: f32,
  y2: f32,
  y3: f32,
  z0: f32,
  z1: f32,
  z2: f32,
  z3: f32,
  len: usize,
): void {
  if (len & 16) {
    // an odd number of vectors: the first one alone
    accPair4(v, w, p0, p1, p2, p3, y0, y1, y2, y3, z0, z1, z2, z3, 16);
    v += 16;
    w += 16;
    p0 += 16;
    p1 += 16;
    p2 += 16;
    p3 += 16;
    len -= 16;
  }
  const Y0 = f32x4.splat(y0);
  const Y1 = f32x4.splat(y1);
  const Y2 = f32x4.splat(y2);
  const Y3 = f32x4.splat(y3);
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  const Z2 = f32x4.splat(z2);
  const Z3 = f32x4.splat(z3);
  for (let k: usize = 0; k < len; k += 32) {
    let q = v + k;
    const va = v128.load(q);
    const vb = v128.load(q, 16);
    q = w + k;
    const wa = v128.load(q);
    const wb = v128.load(q, 16);
    q = p0 + k;
    v128.store(q, f32x4.add(v128.load(q), f32x4.add(f32x4.mul(Y0, va), f32x4.mul(Z0, wa))));
    v128.store(q, f32x4.add(v128.load(q, 16), f32x4.add(f32x4.mul(Y0, vb), f32x4.mul(Z0, wb))), 16);
    q = p1 + k;
    v128.store(q, f32x4.add(v128.load(q), f32x4.add(f32x4.mul(Y1, va), f32x4.mul(Z1, wa))));
    v128.store(q, f32x4.add(v128.load(q, 16), f32x4.add(f32x4.mul(Y1, vb), f32x4.mul(Z1, wb))), 16);
    q = p2 + k;
    v128.store(q, f32x4.add(v128.load(q), f32x4.add(f32x4.mul(Y2, va), f32x4.mul(Z2, wa))));
    v128.store(q, f32x4.add(v128.load(q, 16), f32x4.add(f32x4.mul(Y2, vb), f32x4.mul(Z2, wb))), 16);
    q = p3 + k;
    v128.store(q, f32x4.add(v128.load(q), f32x4.add(f32x4.mul(Y3, va), f32x4.mul(Z3, wa))));
    v128.store(q, f32x4.add(v128.load(q, 16), f32x4.add(f32x4.mul(Y3, vb), f32x4.mul(Z3, wb))), 16);
  }
}

/** accPairRows of rows.ts (the same sums), with accPair4x2 for the groups of four: row idx[t] of P += y[t] v + z[t] w. */
function accPairRowsWide(v: usize, w: usize, P: usize, bytes: usize, idx: usize, y: usize, z: usize, s: i32): void {
  let t = 0;
  for (; t + 4 <= s; t += 4) {
    const q = idx + ((<usize>t) << 2);
    const b = y + ((<usize>t) << 2);
    const c = z + ((<usize>t) << 2);
    accPair4x2(
      v,
      w,
      P + <usize>load<i32>(q) * bytes,
      P + <usize>load<i32>(q, 4) * bytes,
      P + <usize>load<i32>(q, 8) * bytes,
      P + <usize>load<i32>(q, 12) * bytes,
      load<f32>(b),
      load<f32>(b, 4),
      load<f32>(b, 8),
      load<f32>(b, 12),
      load<f32>(c),
      load<f32>(c, 4),
      load<f32>(c, 8),
      load<f32>(c, 12),
      bytes,
    );
  }
  const q = idx + ((<usize>t) << 2);
  const b = y + ((<usize>t) << 2);
  const c = z + ((<usize>t) << 2);
  const r = s - t;
  if (r == 1) {
    accPair1(v, w, P + <usize>load<i32>(q) * bytes, load<f32>(b), load<f32>(c), bytes);
  } else if (r == 2) {
    accPair2(v, w, P + <usize>load<i32>(q) * bytes, P + <usize>load<i32>(q, 4) * bytes, load<f32>(b), load<f32>(b, 4), load<f32>(c), load<f32>(c, 4), bytes);
  } else if (r == 3) {
    accPair3(
      v,
      w,
      P + <usize>load<i32>(q) * bytes,
      P + <usize>load<i32>(q, 4) * bytes,
      P + <usize>load<i32>(q, 8) * bytes,
      load<f32>(b),
      load<f32>(b, 4),
      load<f32>(b, 8),
      load<f32>(c),
      load<f32>(c, 4),
      load<f32>(c, 8),
      bytes,
    );
  }
}

// ---------------------------------------------------------------------------
// Forward pass

/**
 * The forward accumulation H2[i,:] += Z1[i,j] W2[j,:], fed one row at a time
 * and done two rows per pass (addRow of threeLayer.ts, the same sums). zj
 * holds the coefficients of row `w` (Z1[i,j], 0 where inactive); `pending`
 * is the row waiting for a partner (0: none), zq its coefficients. Returns
 * the new pending row. idx, ca, cb: n entries of scratch each.
 */
export function addRow(w: usize, zj: usize, pending: usize, zq: usize, h2: usize, bytes: usize, n: i32, idx: usize, ca: usize, cb: usize): usize {
  if (pending == 0) {
    memory.copy(zq, zj, (<usize>n) << 2);
    return w;
  }
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
  accPairRowsWide(pending, w, h2, bytes, idx, ca, cb, s);
  return 0;
}

/** The last row without a partner, if any. */
export function flushRow(pending: usize, zq: usize, h2: usize, bytes: usize, n: i32, idx: usize, ca: usize): void {
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
 * H1 = X̃ W1, then H2 = Z̃1 W2 (bias row first, then rows j = 0..m−1 in order;
 * rows with no active sample skipped). Without bias2 row m of W2 is not used.
 * scratch: 4(5n) bytes.
 */
export function multiForward(n: i32, d1: i32, m: i32, mp: i32, x: usize, w1: usize, w2: usize, h1: usize, h2: usize, scratch: usize, bias2: bool): void {
  const bytes = (<usize>mp) << 2;
  firstLayerWide(n, d1, bytes, x, w1, h1);
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
 * F_io = (1/α) Σ_k aᵀ[o,k] σ(H2[i,k]); E_io = F_io − Y_io (stored in e);
 * returns L = (1/n) Σ_i Σ_o E_io² (the sum in float64, i outer, o inner).
 */
export function multiLoss(n: i32, mp: i32, dOut: i32, alpha: f32, y: usize, at: usize, h2: usize, e: usize): f64 {
  const bytes = (<usize>mp) << 2;
  const zero = f32x4.splat(0);
  let L: f64 = 0;
  for (let i = 0; i < n; i++) {
    const hi = h2 + <usize>i * bytes;
    for (let o = 0; o < dOut; o++) {
      const ao = at + <usize>o * bytes;
      let acc = f32x4.splat(0);
      for (let k: usize = 0; k < bytes; k += 16) {
        acc = f32x4.add(acc, f32x4.mul(v128.load(ao + k), f32x4.pmax(v128.load(hi + k), zero)));
      }
      const q = (<usize>i * <usize>dOut + <usize>o) << 2;
      const E = hsum(acc) / alpha - load<f32>(y + q);
      store<f32>(e + q, E);
      L += <f64>E * <f64>E;
    }
  }
  return L / <f64>n;
}

// ---------------------------------------------------------------------------
// Update

/**
 * δ2[i,k] = σ'(H2[i,k]) Σ_o g_io aᵀ[o,k] with the old a (o summed from 0 up);
 * then aᵀ[o,k] ← aᵀ[o,k] − lr Σ_i g_io Z2[i,k]. g: (n, dOut); ga: dOut
 * vectors of scratch (16-byte aligned).
 */
function outputLayer(n: i32, mp: i32, dOut: i32, lr: f32, g: usize, at: usize, h2: usize, dl2: usize, ga: usize): void {
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
      // o = 0 starts the sum (no added zero: with dOut = 1, δ2 = g_i a_k as in threeLayer.ts)
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
      const p = at + <usize>o * bytes + k;
      v128.store(p, f32x4.sub(v128.load(p), f32x4.mul(lrv, v128.load(ga + ((<usize>o) << 4)))));
    }
  }
}

/**
 * θ ← θ − lr ∇L(θ) from the forward pass cached in h1, h2, e.
 * gscale = 2 / (n α). With lookahead, h1 and h2 hold the forward pass at
 * the new θ on return; without, dl1 receives δ1 and W1 is updated last.
 * Without bias2, row m of W2 is neither used nor updated.
 * scratch: 4(4 dOut + n dOut + 10n + 20) bytes, 16-byte aligned; zero: a row of mp zeros.
 */
export function multiUpdate(
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
  const nb = (<usize>n) << 2;
  const ga = scratch; // (dOut vectors) accumulators of ∂L/∂a
  const acc = ga + ((<usize>dOut) << 4); // (n + 4 vectors) partial sums of the dot products of a row
  const idx = acc + ((<usize>(n + 4)) << 4); // (n) int32: the active samples of a row
  const c = idx + nb; // (n) coefficients −lr Z1[i,j]
  const t = c + nb; // (n + 4) dot products gZ1[i,j]
  const zq = t + nb + 16; // (n) Z1[·,j] of the row pending in the new H2
  const zj = zq + nb; // (n) new Z1[·,j]
  const cb = zj + nb; // (n) second coefficients of a row pair
  const g = cb + nb; // (n, dOut) g_io
  let pending: usize = 0;

  // g_io = 2 E_io / (n α)
  const ng = n * dOut;
  for (let q = 0; q < ng; q++) store<f32>(g + ((<usize>q) << 2), load<f32>(e + ((<usize>q) << 2)) * gscale);

  // δ2 with the old a; then a ← a − lr ∂L/∂a
  outputLayer(n, mp, dOut, lr, g, at, h2, dl2, ga);

  // bias row: W2[m,:] ← W2[m,:] − lr Σ_i δ2[i,:]   (Z̃1[i,m] = 1)
  const bias = w2 + <usize>m * bytes;
  if (bias2) {
    for (let i = 0; i < n; i++) {
      store<i32>(idx + ((<usize>i) << 2), i);
      store<f32>(c + ((<usize>i) << 2), -lr);
    }
    dotUpdateRowsWide(bias, dl2, bytes, idx, c, n, t, acc, zero);
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

    // gZ1[idx_t, j] (old row) → t;  W2[j,:] −= lr Σ_t Z1[idx_t,j] δ2[idx_t,:]
    dotUpdateRowsWide(wj, dl2, bytes, idx, c, s, t, acc, zero);

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

    // new H1[·,j]; the active samples add Z1[i,j] W2[j,:] to the new H2
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
  if (!lookahead) firstLayerUpdateWide(n, d1, bytes, lr, x, w1, dl1);
}
