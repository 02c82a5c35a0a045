/**
 * tanh, expm1, exp, log, sinh and cosh that give the same bits in every
 * JavaScript engine: ports of fdlibm 5.3 (Sun Microsystems, 1993; "Freely
 * Distributable LIBM", netlib.org/fdlibm: s_tanh.c, s_expm1.c, e_exp.c,
 * e_log.c, e_sinh.c, e_cosh.c), the C library that V8's own Math functions
 * were ported from (v8/src/base/ieee754.cc). Only IEEE-754 operations that
 * the language rounds exactly (+ − × ÷, comparisons, |0 truncation of small
 * integers) and reads/writes of a double's 32-bit words are used: no FMA
 * contraction, no extended precision, no engine's Math.tanh/exp/log, whose
 * last bits differ between engines (Node 24's V8 and Chromium 156 disagree
 * on a share of arguments), so that chen2024's float64 networks re-run bit
 * for bit in a reader's browser. Each function is within 1 ulp of the true
 * value (fdlibm's bound) and agrees with Math.* to 1 ulp
 * (test/engine/fdlibm.test.ts). Used by chen2024 code only.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** index of the high (sign, exponent) word in u32 */
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The high 32 bits of x, as a signed integer (fdlibm's __HI). */
function hiWord(x: number): number {
  f64[0] = x;
  return u32[HI] | 0;
}

/** The low 32 bits of x, unsigned (fdlibm's __LO). */
function loWord(x: number): number {
  f64[0] = x;
  return u32[LO];
}

/** x with its high word replaced. */
function withHi(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0];
}

/** The double of words (hi, lo = 0). */
function fromHi(hi: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = 0;
  return f64[0];
}

const HUGE = 1.0e300;
const TINY = 1.0e-300;
const TWOM1000 = 9.3326361850321887899e-302;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
// biome-ignore lint/suspicious/noApproximativeNumericConstant: fdlibm's constant as written in its source (the same double as Math.LOG2E)
const INVLN2 = 1.442695040888963387;

// s_expm1.c
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/** e^x − 1 (fdlibm s_expm1.c). */
export function expm1(x: number): number {
  let hx = hiWord(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  // huge and non-finite arguments
  if (hx >= 0x4043687a) {
    // |x| ≥ 56 ln 2
    if (hx >= 0x40862e42) {
      // |x| ≥ 709.78…
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x; // NaN
        return negative ? -1 : x; // expm1(±∞) = {−1, ∞}
      }
      if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
    }
    if (negative && x + TINY < 0) return TINY - 1; // x < −56 ln 2: −1 with inexact
  }
  // argument reduction
  let k: number;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln 2
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln 2
      if (!negative) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INVLN2 * x + (negative ? -0.5 : 0.5)) | 0; // C's (int): truncation toward 0
      const t = k;
      hi = x - t * LN2_HI; // t·ln2_hi is exact here
      lo = t * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^−54: x, with inexact when x ≠ 0
    const t = HUGE + x;
    return x - (t - (HUGE + x));
  } else k = 0;
  // x is now in the primary range
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  let y: number;
  if (k <= -2 || k > 56) {
    // suffice to return exp(x) − 1
    y = 1 - (e - x);
    y = withHi(y, hiWord(y) + (k << 20)); // add k to y's exponent
    return y - 1;
  }
  if (k < 20) {
    t = fromHi(0x3ff00000 - (0x200000 >> k)); // t = 1 − 2^−k
    y = t - (e - x);
    y = withHi(y, hiWord(y) + (k << 20));
  } else {
    t = fromHi((0x3ff - k) << 20); // 2^−k
    y = x - (e + t);
    y += 1;
    y = withHi(y, hiWord(y) + (k << 20));
  }
  return y;
}

// e_exp.c
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x (fdlibm e_exp.c). */
export function exp(x: number): number {
  let hx = hiWord(x);
  const xsb = hx < 0 ? 1 : 0;
  hx &= 0x7fffffff;
  // non-finite and out-of-range arguments
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0; // exp(±∞) = {∞, 0}
    }
    if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000; // underflow
  }
  // argument reduction
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln 2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln 2
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = (INVLN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
      const t = k;
      hi = x - t * LN2_HI; // t·ln2_hi is exact here
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^−28
    if (HUGE + x > 1) return 1 + x; // with inexact
  } else k = 0;
  // x is now in the primary range
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return withHi(y, hiWord(y) + (k << 20));
  return withHi(y, hiWord(y) + ((k + 1000) << 20)) * TWOM1000;
}

// e_log.c
const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** The natural logarithm (fdlibm e_log.c). */
export function log(x: number): number {
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022
    if (((hx & 0x7fffffff) | lx) === 0) return Number.NEGATIVE_INFINITY; // log(±0) = −∞
    if (hx < 0) return Number.NaN; // log(negative) = NaN
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^−20 ≤ f < 2^−20
    if (f === 0) {
      if (k === 0) return 0;
      const dk = k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    const dk = k;
    return dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/** The hyperbolic tangent (fdlibm s_tanh.c). */
export function tanh(x: number): number {
  const jx = hiWord(x);
  const ix = jx & 0x7fffffff;
  // x is ±∞ or NaN
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1;
  let z: number;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^−28: x, as in V8's port (ieee754.cc); later fdlibm versions take expm1's path down to 2^−55, which can differ from x in the last bit
    if (ix >= 0x3ff00000) {
      // |x| ≥ 1
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else z = 1 - TINY; // |x| ≥ 22: ±1 with inexact
  return jx >= 0 ? z : -z;
}

/** The hyperbolic sine (fdlibm e_sinh.c). */
export function sinh(x: number): number {
  const jx = hiWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x; // ±∞ or NaN
  const h = jx < 0 ? -0.5 : 0.5;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000 && 1.0e307 + x > 1) return x; // |x| < 2^−28
    const t = expm1(Math.abs(x));
    if (ix < 0x3ff00000) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ix < 0x40862e42) return h * exp(Math.abs(x)); // |x| < log(DBL_MAX)
  const lx = loWord(x);
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    // |x| ≤ the overflow threshold
    const w = exp(0.5 * Math.abs(x));
    const t = h * w;
    return t * w;
  }
  return x * 1.0e307; // overflow
}

/** The hyperbolic cosine (fdlibm e_cosh.c). */
export function cosh(x: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x; // ±∞ or NaN
  if (ix < 0x3fd62e43) {
    // |x| < 0.5 ln 2: 1 + expm1(|x|)² / (2 e^|x|)
    const t = expm1(Math.abs(x));
    const w = 1 + t;
    if (ix < 0x3c800000) return w; // cosh(tiny) = 1
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    // |x| < 22: (e^|x| + 1/e^|x|) / 2
    const t = exp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(Math.abs(x)); // |x| < log(DBL_MAX)
  const lx = loWord(x);
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = exp(0.5 * Math.abs(x));
    const t = 0.5 * w;
    return t * w;
  }
  return HUGE * HUGE; // overflow
}
