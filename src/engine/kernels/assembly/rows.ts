// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * SIMD primitives on one row of a weight matrix, 4 float32 lanes at a time.
 *
 * A "row" is `bytes` bytes long (a multiple of 16, rows are zero-padded to
 * a multiple of 4 floats), 16-byte aligned. `w` is the weight row; `p0..p3`
 * are rows of per-sample arrays (δ² or H² rows, one per sample of a group).
 *
 *   dotUpdate{1..4}: t_s = Σ_k w[k] p_s[k]  with the OLD w, then
 *                    w[k] ← w[k] + Σ_s c_s p_s[k]          (one read-modify-write of w)
 *   dot4:            t_s = Σ_k w[k] p_s[k]                  (no write)
 *   axpy4:           w[k] ← w[k] + Σ_s c_s p_s[k]
 *   acc{1..4}:       p_s[k] ← p_s[k] + z_s w[k]             (forward accumulation)
 *   accPair{1..4}:   p_s[k] ← p_s[k] + (y_s v[k] + z_s w[k]) (two rows at once: half the stores)
 *
 * The dot products t_s are written to `out` (float32, s entries).
 *
 * Used by the three-layer kernel only (threeLayer.ts); compiled into
 * threeLayer.wasm, never into the two-layer module.
 */

import { hsum } from './simd';

export function dotUpdate1(w: usize, p0: usize, c0: f32, bytes: usize, out: usize): void {
  const C0 = f32x4.splat(c0);
  let t0 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    let wk = v128.load(w + k);
    const d0 = v128.load(p0 + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, d0));
    wk = f32x4.add(wk, f32x4.mul(C0, d0));
    v128.store(w + k, wk);
  }
  store<f32>(out, hsum(t0));
}

export function dotUpdate2(w: usize, p0: usize, p1: usize, c0: f32, c1: f32, bytes: usize, out: usize): void {
  const C0 = f32x4.splat(c0);
  const C1 = f32x4.splat(c1);
  let t0 = f32x4.splat(0);
  let t1 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    let wk = v128.load(w + k);
    const d0 = v128.load(p0 + k);
    const d1 = v128.load(p1 + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, d0));
    t1 = f32x4.add(t1, f32x4.mul(wk, d1));
    wk = f32x4.add(wk, f32x4.mul(C0, d0));
    wk = f32x4.add(wk, f32x4.mul(C1, d1));
    v128.store(w + k, wk);
  }
  store<f32>(out, hsum(t0));
  store<f32>(out + 4, hsum(t1));
}

export function dotUpdate3(w: usize, p0: usize, p1: usize, p2: usize, c0: f32, c1: f32, c2: f32, bytes: usize, out: usize): void {
  const C0 = f32x4.splat(c0);
  const C1 = f32x4.splat(c1);
  const C2 = f32x4.splat(c2);
  let t0 = f32x4.splat(0);
  let t1 = f32x4.splat(0);
  let t2 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    let wk = v128.load(w + k);
    const d0 = v128.load(p0 + k);
    const d1 = v128.load(p1 + k);
    const d2 = v128.load(p2 + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, d0));
    t1 = f32x4.add(t1, f32x4.mul(wk, d1));
    t2 = f32x4.add(t2, f32x4.mul(wk, d2));
    wk = f32x4.add(wk, f32x4.mul(C0, d0));
    wk = f32x4.add(wk, f32x4.mul(C1, d1));
    wk = f32x4.add(wk, f32x4.mul(C2, d2));
    v128.store(w + k, wk);
  }
  store<f32>(out, hsum(t0));
  store<f32>(out + 4, hsum(t1));
  store<f32>(out + 8, hsum(t2));
}

export function dotUpdate4(w: usize, p0: usize, p1: usize, p2: usize, p3: usize, c0: f32, c1: f32, c2: f32, c3: f32, bytes: usize, out: usize): void {
  const C0 = f32x4.splat(c0);
  const C1 = f32x4.splat(c1);
  const C2 = f32x4.splat(c2);
  const C3 = f32x4.splat(c3);
  let t0 = f32x4.splat(0);
  let t1 = f32x4.splat(0);
  let t2 = f32x4.splat(0);
  let t3 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    let wk = v128.load(w + k);
    const d0 = v128.load(p0 + k);
    const d1 = v128.load(p1 + k);
    const d2 = v128.load(p2 + k);
    const d3 = v128.load(p3 + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, d0));
    t1 = f32x4.add(t1, f32x4.mul(wk, d1));
    t2 = f32x4.add(t2, f32x4.mul(wk, d2));
    t3 = f32x4.add(t3, f32x4.mul(wk, d3));
    wk = f32x4.add(wk, f32x4.mul(C0, d0));
    wk = f32x4.add(wk, f32x4.mul(C1, d1));
    wk = f32x4.add(wk, f32x4.mul(C2, d2));
    wk = f32x4.add(wk, f32x4.mul(C3, d3));
    v128.store(w + k, wk);
  }
  store<f32>(out, hsum(t0));
  store<f32>(out + 4, hsum(t1));
  store<f32>(out + 8, hsum(t2));
  store<f32>(out + 12, hsum(t3));
}

export function dot4(w: usize, p0: usize, p1: usize, p2: usize, p3: usize, bytes: usize, out: usize): void {
  let t0 = f32x4.splat(0);
  let t1 = f32x4.splat(0);
  let t2 = f32x4.splat(0);
  let t3 = f32x4.splat(0);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    t0 = f32x4.add(t0, f32x4.mul(wk, v128.load(p0 + k)));
    t1 = f32x4.add(t1, f32x4.mul(wk, v128.load(p1 + k)));
    t2 = f32x4.add(t2, f32x4.mul(wk, v128.load(p2 + k)));
    t3 = f32x4.add(t3, f32x4.mul(wk, v128.load(p3 + k)));
  }
  store<f32>(out, hsum(t0));
  store<f32>(out + 4, hsum(t1));
  store<f32>(out + 8, hsum(t2));
  store<f32>(out + 12, hsum(t3));
}

export function axpy4(w: usize, p0: usize, p1: usize, p2: usize, p3: usize, c0: f32, c1: f32, c2: f32, c3: f32, bytes: usize): void {
  const C0 = f32x4.splat(c0);
  const C1 = f32x4.splat(c1);
  const C2 = f32x4.splat(c2);
  const C3 = f32x4.splat(c3);
  for (let k: usize = 0; k < bytes; k += 16) {
    let wk = v128.load(w + k);
    wk = f32x4.add(wk, f32x4.mul(C0, v128.load(p0 + k)));
    wk = f32x4.add(wk, f32x4.mul(C1, v128.load(p1 + k)));
    wk = f32x4.add(wk, f32x4.mul(C2, v128.load(p2 + k)));
    wk = f32x4.add(wk, f32x4.mul(C3, v128.load(p3 + k)));
    v128.store(w + k, wk);
  }
}

export function acc1(w: usize, p0: usize, z0: f32, bytes: usize): void {
  const Z0 = f32x4.splat(z0);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.mul(Z0, wk)));
  }
}

export function acc2(w: usize, p0: usize, p1: usize, z0: f32, z1: f32, bytes: usize): void {
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.mul(Z0, wk)));
    v128.store(p1 + k, f32x4.add(v128.load(p1 + k), f32x4.mul(Z1, wk)));
  }
}

export function acc3(w: usize, p0: usize, p1: usize, p2: usize, z0: f32, z1: f32, z2: f32, bytes: usize): void {
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  const Z2 = f32x4.splat(z2);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.mul(Z0, wk)));
    v128.store(p1 + k, f32x4.add(v128.load(p1 + k), f32x4.mul(Z1, wk)));
    v128.store(p2 + k, f32x4.add(v128.load(p2 + k), f32x4.mul(Z2, wk)));
  }
}

export function acc4(w: usize, p0: usize, p1: usize, p2: usize, p3: usize, z0: f32, z1: f32, z2: f32, z3: f32, bytes: usize): void {
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  const Z2 = f32x4.splat(z2);
  const Z3 = f32x4.splat(z3);
  for (let k: usize = 0; k < bytes; k += 16) {
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.mul(Z0, wk)));
    v128.store(p1 + k, f32x4.add(v128.load(p1 + k), f32x4.mul(Z1, wk)));
    v128.store(p2 + k, f32x4.add(v128.load(p2 + k), f32x4.mul(Z2, wk)));
    v128.store(p3 + k, f32x4.add(v128.load(p3 + k), f32x4.mul(Z3, wk)));
  }
}

export function accPair1(v: usize, w: usize, p0: usize, y0: f32, z0: f32, bytes: usize): void {
  const Y0 = f32x4.splat(y0);
  const Z0 = f32x4.splat(z0);
  for (let k: usize = 0; k < bytes; k += 16) {
    const vk = v128.load(v + k);
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.add(f32x4.mul(Y0, vk), f32x4.mul(Z0, wk))));
  }
}

export function accPair2(v: usize, w: usize, p0: usize, p1: usize, y0: f32, y1: f32, z0: f32, z1: f32, bytes: usize): void {
  const Y0 = f32x4.splat(y0);
  const Y1 = f32x4.splat(y1);
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  for (let k: usize = 0; k < bytes; k += 16) {
    const vk = v128.load(v + k);
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.add(f32x4.mul(Y0, vk), f32x4.mul(Z0, wk))));
    v128.store(p1 + k, f32x4.add(v128.load(p1 + k), f32x4.add(f32x4.mul(Y1, vk), f32x4.mul(Z1, wk))));
  }
}

export function accPair3(v: usize, w: usize, p0: usize, p1: usize, p2: usize, y0: f32, y1: f32, y2: f32, z0: f32, z1: f32, z2: f32, bytes: usize): void {
  const Y0 = f32x4.splat(y0);
  const Y1 = f32x4.splat(y1);
  const Y2 = f32x4.splat(y2);
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  const Z2 = f32x4.splat(z2);
  for (let k: usize = 0; k < bytes; k += 16) {
    const vk = v128.load(v + k);
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.add(f32x4.mul(Y0, vk), f32x4.mul(Z0, wk))));
    v128.store(p1 + k, f32x4.add(v128.load(p1 + k), f32x4.add(f32x4.mul(Y1, vk), f32x4.mul(Z1, wk))));
    v128.store(p2 + k, f32x4.add(v128.load(p2 + k), f32x4.add(f32x4.mul(Y2, vk), f32x4.mul(Z2, wk))));
  }
}

export function accPair4(
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
  bytes: usize,
): void {
  const Y0 = f32x4.splat(y0);
  const Y1 = f32x4.splat(y1);
  const Y2 = f32x4.splat(y2);
  const Y3 = f32x4.splat(y3);
  const Z0 = f32x4.splat(z0);
  const Z1 = f32x4.splat(z1);
  const Z2 = f32x4.splat(z2);
  const Z3 = f32x4.splat(z3);
  for (let k: usize = 0; k < bytes; k += 16) {
    const vk = v128.load(v + k);
    const wk = v128.load(w + k);
    v128.store(p0 + k, f32x4.add(v128.load(p0 + k), f32x4.add(f32x4.mul(Y0, vk), f32x4.mul(Z0, wk))));
    v128.store(p1 + k, f32x4.add(v128.load(p1 + k), f32x4.add(f32x4.mul(Y1, vk), f32x4.mul(Z1, wk))));
    v128.store(p2 + k, f32x4.add(v128.load(p2 + k), f32x4.add(f32x4.mul(Y2, vk), f32x4.mul(Z2, wk))));
    v128.store(p3 + k, f32x4.add(v128.load(p3 + k), f32x4.add(f32x4.mul(Y3, vk), f32x4.mul(Z3, wk))));
  }
}

/**
 * Two rows v, w at once: for the s samples listed in idx, row idx[t] of P
 * += y[t] v + z[t] w. Groups of four, then the remainder.
 */
export function accPairRows(v: usize, w: usize, P: usize, bytes: usize, idx: usize, y: usize, z: usize, s: i32): void {
  let t = 0;
  for (; t + 4 <= s; t += 4) {
    const q = idx + ((<usize>t) << 2);
    const b = y + ((<usize>t) << 2);
    const c = z + ((<usize>t) << 2);
    accPair4(
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

/**
 * For the s samples listed in idx (int32) with coefficients z (float32):
 * row idx[t] of the per-sample array P (rows of `bytes` bytes) += z[t] w.
 * Groups of four, then the remainder.
 */
export function accRows(w: usize, P: usize, bytes: usize, idx: usize, z: usize, s: i32): void {
  let t = 0;
  for (; t + 4 <= s; t += 4) {
    const q = idx + ((<usize>t) << 2);
    const c = z + ((<usize>t) << 2);
    acc4(
      w,
      P + <usize>load<i32>(q) * bytes,
      P + <usize>load<i32>(q, 4) * bytes,
      P + <usize>load<i32>(q, 8) * bytes,
      P + <usize>load<i32>(q, 12) * bytes,
      load<f32>(c),
      load<f32>(c, 4),
      load<f32>(c, 8),
      load<f32>(c, 12),
      bytes,
    );
  }
  const q = idx + ((<usize>t) << 2);
  const c = z + ((<usize>t) << 2);
  const r = s - t;
  if (r == 1) {
    acc1(w, P + <usize>load<i32>(q) * bytes, load<f32>(c), bytes);
  } else if (r == 2) {
    acc2(w, P + <usize>load<i32>(q) * bytes, P + <usize>load<i32>(q, 4) * bytes, load<f32>(c), load<f32>(c, 4), bytes);
  } else if (r == 3) {
    acc3(
      w,
      P + <usize>load<i32>(q) * bytes,
      P + <usize>load<i32>(q, 4) * bytes,
      P + <usize>load<i32>(q, 8) * bytes,
      load<f32>(c),
      load<f32>(c, 4),
      load<f32>(c, 8),
      bytes,
    );
  }
}

/** Row idx[t] of P, or the zero row when t ≥ s (padding of the last group). */
function rowOf(P: usize, bytes: usize, idx: usize, t: i32, s: i32, zero: usize): usize {
  return t < s ? P + <usize>load<i32>(idx + ((<usize>t) << 2)) * bytes : zero;
}

/** c[t], or 0 when t ≥ s. */
function coefOf(c: usize, t: i32, s: i32): f32 {
  return t < s ? load<f32>(c + ((<usize>t) << 2)) : 0;
}

/**
 * For the s samples listed in idx with coefficients c:
 *   out[t] = Σ_k w[k] P[idx[t], k]   (old w)
 *   w[k]  ← w[k] + Σ_t c[t] P[idx[t], k]
 * One fused pass when s ≤ 4; otherwise all dot products first (groups of
 * four, padded with the zero row), then the update. `out` holds s + 3 floats.
 */
export function dotUpdateRows(w: usize, P: usize, bytes: usize, idx: usize, c: usize, s: i32, out: usize, zero: usize): void {
  if (s == 1) {
    dotUpdate1(w, rowOf(P, bytes, idx, 0, s, zero), coefOf(c, 0, s), bytes, out);
  } else if (s == 2) {
    dotUpdate2(w, rowOf(P, bytes, idx, 0, s, zero), rowOf(P, bytes, idx, 1, s, zero), coefOf(c, 0, s), coefOf(c, 1, s), bytes, out);
  } else if (s == 3) {
    dotUpdate3(
      w,
      rowOf(P, bytes, idx, 0, s, zero),
      rowOf(P, bytes, idx, 1, s, zero),
      rowOf(P, bytes, idx, 2, s, zero),
      coefOf(c, 0, s),
      coefOf(c, 1, s),
      coefOf(c, 2, s),
      bytes,
      out,
    );
  } else if (s == 4) {
    dotUpdate4(
      w,
      rowOf(P, bytes, idx, 0, s, zero),
      rowOf(P, bytes, idx, 1, s, zero),
      rowOf(P, bytes, idx, 2, s, zero),
      rowOf(P, bytes, idx, 3, s, zero),
      coefOf(c, 0, s),
      coefOf(c, 1, s),
      coefOf(c, 2, s),
      coefOf(c, 3, s),
      bytes,
      out,
    );
  } else if (s > 4) {
    for (let t = 0; t < s; t += 4) {
      dot4(
        w,
        rowOf(P, bytes, idx, t, s, zero),
        rowOf(P, bytes, idx, t + 1, s, zero),
        rowOf(P, bytes, idx, t + 2, s, zero),
        rowOf(P, bytes, idx, t + 3, s, zero),
        bytes,
        out + ((<usize>t) << 2),
      );
    }
    for (let t = 0; t < s; t += 4) {
      axpy4(
        w,
        rowOf(P, bytes, idx, t, s, zero),
        rowOf(P, bytes, idx, t + 1, s, zero),
        rowOf(P, bytes, idx, t + 2, s, zero),
        rowOf(P, bytes, idx, t + 3, s, zero),
        coefOf(c, t, s),
        coefOf(c, t + 1, s),
        coefOf(c, t + 2, s),
        coefOf(c, t + 3, s),
        bytes,
      );
    }
  }
}
