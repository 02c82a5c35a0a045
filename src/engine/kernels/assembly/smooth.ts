// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Smooth activations σ and their derivatives σ' on 4 float32 lanes, the
 * activations of src/engine/activations.ts other than ReLU (codes below;
 * the JS glue passes the code, src/engine/twoLayer/kernelSmooth.ts):
 *
 *   1 tanh       σ = tanh h                     σ' = 1 − tanh² h
 *   2 sigmoid    σ = 1 / (1 + e^{−h})           σ' = σ (1 − σ)
 *   3 softplus   σ = log(1 + e^h)               σ' = 1 / (1 + e^{−h})
 *   4 xtanh      σ = h tanh h                   σ' = tanh h + h (1 − tanh² h)
 *   5 sigmoid0   σ = 1 / (1 + e^{−h}) − 1/2     σ' = (1 − tanh²(h/2)) / 4 = s (1 − s)
 *   6 softplus0  σ = log(1 + e^h) − log 2       σ' = 1 / (1 + e^{−h}) = (1 + tanh(h/2)) / 2
 *
 * No SIMD exp exists in WebAssembly: e^x, tanh and log1p are evaluated here
 * to float32 accuracy (a few ulp), with the shifted activations computed
 * without cancellation near h = 0 (where a small initialisation puts every
 * neuron): sigmoid0(h) = tanh(h/2)/2 exactly, and softplus0 by its Taylor
 * series for |h| < 1/2. TensorFlow.js computes sigmoid(h) − 1/2 and
 * softplus(h) − log 2 in float32, which near 0 carry an absolute error of
 * ~3·10⁻⁸ (half an ulp of 1/2 or log 2): there the two paths agree to that
 * absolute error, not to float32 rounding of σ.
 *
 * A NaN input gives a NaN output (f32x4.min/max propagate NaN).
 */

export const TANH: i32 = 1;
export const SIGMOID: i32 = 2;
export const SOFTPLUS: i32 = 3;
export const XTANH: i32 = 4;
export const SIGMOID0: i32 = 5;
export const SOFTPLUS0: i32 = 6;

const LN2: f32 = <f32>Math.LN2;

/** σ'(h) of the last call of both(): a second return value. */
export let dsig: v128 = f32x4.splat(0);

// a·b + c, lane-wise (no fused multiply-add: two roundings, as in every step here)
function madd(a: v128, b: v128, c: f32): v128 {
  return f32x4.add(f32x4.mul(a, b), f32x4.splat(c));
}

/**
 * e^x (Cephes expf): x = n log 2 + r with n = round(x / log 2), |r| ≤ log(2)/2,
 * e^r by its degree-7 polynomial 1 + r + r²/2 P(r), and 2^n put into the
 * exponent bits. x is clamped to [−87, 88] (e^x stays a normal float).
 */
export function expv(x: v128): v128 {
  const xc = f32x4.min(f32x4.max(x, f32x4.splat(-87.0)), f32x4.splat(88.0));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(<f32>Math.LOG2E)));
  // r = x − n log 2, log 2 = 0.693359375 − 2.12194440e−4 (the first part exact in float32)
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.1219444e-4)));
  const r2 = f32x4.mul(r, r);
  let p = madd(f32x4.splat(1.98756915e-4), r, 1.3981999507e-3);
  p = madd(p, r, 8.3334519073e-3);
  p = madd(p, r, 4.1665795894e-2);
  p = madd(p, r, 1.6666665459e-1);
  p = madd(p, r, 5.0000001201e-1);
  const y = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1));
  // 2^n: (n + 127) << 23 as the bits of a float
  const e = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, e);
}

/**
 * tanh h (Cephes tanhf): for |h| < 0.625, h + h z P(z) with z = h² (no
 * cancellation near 0); otherwise sign(h) (1 − 2 / (e^{2|h|} + 1)). Each lane
 * takes the formula of its own |h|; when all four are below 0.625 (every
 * neuron of a small initialisation) the exponential is not evaluated at all.
 */
export function tanhv(h: v128): v128 {
  const ax = f32x4.abs(h);
  const z = f32x4.mul(h, h);
  let p = madd(f32x4.splat(-5.70498872745e-3), z, 2.06390887954e-2);
  p = madd(p, z, -5.37397155531e-2);
  p = madd(p, z, 1.33314422036e-1);
  p = madd(p, z, -3.33332819422e-1);
  const small = f32x4.add(f32x4.mul(f32x4.mul(h, z), p), h);
  const isSmall = f32x4.lt(ax, f32x4.splat(0.625));
  if (i32x4.all_true(isSmall)) return small;
  const one = f32x4.splat(1);
  const big = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(expv(f32x4.add(ax, ax)), one)));
  // big ≥ 0: give it the sign bit of h
  const signed = v128.or(big, v128.and(h, i32x4.splat(0x80000000)));
  return v128.bitselect(small, signed, isSmall);
}

/**
 * log(1 + v) for v = e^{−|h|} ∈ (0, 1]: 2 atanh(s) = 2 (s + s³/3 + … + s¹³/13),
 * s = v / (2 + v) ≤ 1/3 (the first omitted term, 2 s¹⁵/15, is below 2·10⁻⁸ of
 * the sum at s = 1/3).
 */
function log1pv(v: v128): v128 {
  const s = f32x4.div(v, f32x4.add(f32x4.splat(2), v));
  const s2 = f32x4.mul(s, s);
  let q = madd(f32x4.splat(1.0 / 13.0), s2, 1.0 / 11.0);
  q = madd(q, s2, 1.0 / 9.0);
  q = madd(q, s2, 1.0 / 7.0);
  q = madd(q, s2, 1.0 / 5.0);
  q = madd(q, s2, 1.0 / 3.0);
  q = madd(q, s2, 1.0);
  return f32x4.mul(f32x4.add(s, s), q);
}

/**
 * softplus0(h) = log(1 + e^h) − log 2. For |h| < 1/2 its Taylor series
 *   h/2 + h²/8 − h⁴/192 + h⁶/2880 − 17 h⁸/645120 + 31 h¹⁰/14515200
 * (first omitted term below 10⁻⁹ of σ there); otherwise
 * (max(h, 0) − log 2) + log(1 + e^{−|h|}), the exponential evaluated only
 * when some lane needs it.
 */
function softplus0v(h: v128): v128 {
  const z = f32x4.mul(h, h);
  let q = madd(f32x4.splat(31.0 / 14515200.0), z, -17.0 / 645120.0);
  q = madd(q, z, 1.0 / 2880.0);
  q = madd(q, z, -1.0 / 192.0);
  q = madd(q, z, 1.0 / 8.0);
  const small = f32x4.add(f32x4.mul(h, f32x4.splat(0.5)), f32x4.mul(z, q));
  const isSmall = f32x4.lt(f32x4.abs(h), f32x4.splat(0.5));
  if (i32x4.all_true(isSmall)) return small;
  const v = expv(f32x4.neg(f32x4.abs(h)));
  const big = f32x4.add(f32x4.sub(f32x4.max(h, f32x4.splat(0)), f32x4.splat(LN2)), log1pv(v));
  return v128.bitselect(small, big, isSmall);
}

/** 1 / (1 + e^{−h}) = (1 + tanh(h/2)) / 2 (the derivative of softplus0 and softplus). */
function sigmoidTanh(h: v128): v128 {
  const half = f32x4.splat(0.5);
  return f32x4.add(half, f32x4.mul(half, tanhv(f32x4.mul(h, half))));
}

/** 1 / (1 + e^{−h}) from v = e^{−|h|}: 1/(1+v) for h ≥ 0, v/(1+v) for h < 0. */
function sigmoidFromV(h: v128, v: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(v128.bitselect(one, v, f32x4.ge(h, f32x4.splat(0))), f32x4.add(one, v));
}

/** σ(h) of activation `act`. */
export function sigma(act: i32, h: v128): v128 {
  if (act == TANH) return tanhv(h);
  if (act == XTANH) return f32x4.mul(h, tanhv(h));
  if (act == SIGMOID0) return f32x4.mul(tanhv(f32x4.mul(h, f32x4.splat(0.5))), f32x4.splat(0.5));
  if (act == SOFTPLUS0) return softplus0v(h);
  const v = expv(f32x4.neg(f32x4.abs(h)));
  if (act == SIGMOID) return sigmoidFromV(h, v);
  return f32x4.add(f32x4.max(h, f32x4.splat(0)), log1pv(v)); // SOFTPLUS
}

/** σ(h) of activation `act`, returned; σ'(h) into `dsig` (sharing what σ and σ' have in common). */
export function both(act: i32, h: v128): v128 {
  const one = f32x4.splat(1);
  if (act == TANH) {
    const t = tanhv(h);
    dsig = f32x4.sub(one, f32x4.mul(t, t));
    return t;
  }
  if (act == XTANH) {
    const t = tanhv(h);
    dsig = f32x4.add(t, f32x4.mul(h, f32x4.sub(one, f32x4.mul(t, t))));
    return f32x4.mul(h, t);
  }
  if (act == SIGMOID0) {
    const t = tanhv(f32x4.mul(h, f32x4.splat(0.5)));
    dsig = f32x4.mul(f32x4.sub(one, f32x4.mul(t, t)), f32x4.splat(0.25));
    return f32x4.mul(t, f32x4.splat(0.5));
  }
  if (act == SOFTPLUS0) {
    dsig = sigmoidTanh(h);
    return softplus0v(h);
  }
  const v = expv(f32x4.neg(f32x4.abs(h)));
  const s = sigmoidFromV(h, v);
  if (act == SIGMOID) {
    dsig = f32x4.mul(s, f32x4.sub(one, s));
    return s;
  }
  dsig = s; // SOFTPLUS
  return f32x4.add(f32x4.max(h, f32x4.splat(0)), log1pv(v));
}
