/**
 * Effective (small-initialisation) dynamics of two- and three-layer networks,
 * in float64, with an adaptive Dormand–Prince RK45 integrator.
 *
 * With σ(0) = 0, σ'(0) = 1, a small output (residual e_i ≈ −y_i) and the input
 * augmented x̃ = (x, 1), the loss gradient only sees the data through
 *
 *   z = (1/n) Σ_i y_i x̃_i ∈ R^{d+1}                    (science.md "Mechanism [D]")
 *
 * (a) two-layer, chen2023, normalised time τ = κ t̄ (linear, exponential growth):
 *       dā_k/dτ = (1/κ') w̄_k·z,   dw̄_k/dτ = κ' ā_k z
 * (b) three-layer, chen2024 (quadratic, finite-time blow-up), u = W1 z:
 *       ȧ = W2 u,   Ẇ2 = a uᵀ,   Ẇ1 = W2ᵀ a zᵀ
 *     i.e. gradient ascent of E = aᵀ W2 W1 z, with conservation laws
 *       aaᵀ − W2W2ᵀ = const,   W2ᵀW2 − W1W1ᵀ = const.
 * (c) its rank-one aligned reduction a = α e, W2 = β e gᵀ, W1 = γ g ẑᵀ:
 *       α̇ = |z| βγ,  β̇ = |z| αγ,  γ̇ = |z| αβ,
 *     whose blow-up time is exact: T* = R_F(α0², β0², γ0²)/|z| when α0β0γ0 ≥ 0.
 */
import { cosh, log, sinh } from './chen2024/fdlibm.js';
import { exactNormalSource } from './chen2024/normal.js';

// ---------------------------------------------------------------------------------------------
// Dormand–Prince RK5(4) with error control

/** dy/dt = f(t, y), written into `dydt`. */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

export interface Dopri5Options {
  /** integrate up to this time (may be Infinity when onStep stops the run) */
  tEnd: number;
  /** relative tolerance per component (default 1e-10) */
  rtol?: number;
  /** absolute tolerance per component (default rtol · max|y0|, or rtol if y0 = 0) */
  atol?: number;
  /** first step (default: Hairer's starting-step heuristic) */
  h0?: number;
  /** give up after this many accepted + rejected steps (default 1e6) */
  maxSteps?: number;
  /** called after every accepted step with the new (t, y, y'); return true to stop */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that never stops may return nothing
  onStep?: (t: number, y: Float64Array, dydt: Float64Array) => boolean | void;
}

export type Dopri5Status = 'tEnd' | 'stopped' | 'max-steps' | 'step-underflow' | 'non-finite';

export interface Dopri5Result {
  t: number;
  y: Float64Array;
  /** y'(t) at the final point */
  dydt: Float64Array;
  status: Dopri5Status;
  accepted: number;
  rejected: number;
}

// Butcher tableau of Dormand & Prince (1980), 5th-order solution, FSAL.
const C2 = 1 / 5,
  C3 = 3 / 10,
  C4 = 4 / 5,
  C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40,
  A32 = 9 / 40;
const A41 = 44 / 45,
  A42 = -56 / 15,
  A43 = 32 / 9;
const A51 = 19372 / 6561,
  A52 = -25360 / 2187,
  A53 = 64448 / 6561,
  A54 = -212 / 729;
const A61 = 9017 / 3168,
  A62 = -355 / 33,
  A63 = 46732 / 5247,
  A64 = 49 / 176,
  A65 = -5103 / 18656;
const A71 = 35 / 384,
  A73 = 500 / 1113,
  A74 = 125 / 192,
  A75 = -2187 / 6784,
  A76 = 11 / 84;
// error weights e = b(5th) − b*(4th)
const E1 = 71 / 57600,
  E3 = -71 / 16695,
  E4 = 71 / 1920,
  E5 = -17253 / 339200,
  E6 = 22 / 525,
  E7 = -1 / 40;

/**
 * Integrate y' = f(t, y) from (t0, y0) to tEnd with the Dormand–Prince
 * RK5(4) pair (local extrapolation, FSAL). Error control (Hairer, Nørsett &
 * Wanner, II.4): err = RMS_i( Δ_i / (atol + rtol max(|y_i|, |y_i^new|)) ), accept
 * when err ≤ 1, next step h · clamp(0.9 err^{−1/5}, 0.2, 5) (no growth right after
 * a rejection). The last step lands exactly on tEnd.
 */
export function dopri5(f: Rhs, t0: number, y0: ArrayLike<number>, opts: Dopri5Options): Dopri5Result {
  const n = y0.length;
  const { tEnd, rtol = 1e-10, maxSteps = 1_000_000, onStep } = opts;
  if (!(tEnd >= t0)) throw new Error(`dopri5: tEnd = ${tEnd} must be ≥ t0 = ${t0}`);
  let yMax = 0;
  for (let i = 0; i < n; i++) yMax = Math.max(yMax, Math.abs(y0[i]));
  const atol = opts.atol ?? rtol * (yMax > 0 ? yMax : 1);

  let t = t0;
  let y = Float64Array.from(y0);
  let yNew = new Float64Array(n);
  const yTmp = new Float64Array(n);
  let k1 = new Float64Array(n);
  const k2 = new Float64Array(n),
    k3 = new Float64Array(n),
    k4 = new Float64Array(n);
  const k5 = new Float64Array(n),
    k6 = new Float64Array(n);
  let k7 = new Float64Array(n);
  f(t, y, k1);

  const scaledNorm = (v: Float64Array, ref: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (v[i] / (atol + rtol * Math.abs(ref[i]))) ** 2;
    return Math.sqrt(s / Math.max(n, 1));
  };

  // starting step (Hairer, Nørsett & Wanner, II.4, "Starting step size")
  let h = opts.h0 ?? 0;
  if (!(h > 0)) {
    const d0 = scaledNorm(y, y);
    const d1 = scaledNorm(k1, y);
    let hTry = d0 > 1e-5 && d1 > 1e-5 ? (0.01 * d0) / d1 : 1e-6;
    hTry = Math.min(hTry, tEnd - t0);
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + hTry * k1[i];
    f(t + hTry, yTmp, k2);
    for (let i = 0; i < n; i++) k3[i] = k2[i] - k1[i];
    const d2 = scaledNorm(k3, y) / hTry;
    const h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, hTry * 1e-3) : (0.01 / Math.max(d1, d2)) ** (1 / 5);
    h = Math.min(100 * hTry, h1);
  }

  let accepted = 0;
  let rejected = 0;
  let justRejected = false;
  let status: Dopri5Status = 'tEnd';
  while (t < tEnd) {
    if (accepted + rejected >= maxSteps) {
      status = 'max-steps';
      break;
    }
    let last = false;
    if (t + h >= tEnd) {
      h = tEnd - t;
      last = true;
    }
    if (!(h > Math.abs(t) * 1e-15) || !Number.isFinite(h)) {
      status = 'step-underflow';
      break;
    }
    // stages
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + h * A21 * k1[i];
    f(t + C2 * h, yTmp, k2);
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    f(t + C3 * h, yTmp, k3);
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    f(t + C4 * h, yTmp, k4);
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    f(t + C5 * h, yTmp, k5);
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    f(t + h, yTmp, k6);
    for (let i = 0; i < n; i++) yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    f(t + h, yNew, k7);
    // error estimate
    let err = 0;
    for (let i = 0; i < n; i++) {
      const delta = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
      err += (delta / sc) ** 2;
    }
    err = Math.sqrt(err / Math.max(n, 1));
    if (!Number.isFinite(err)) {
      // an overflowing trial step: retry much smaller
      rejected++;
      h *= 0.1;
      justRejected = true;
      if (rejected > 10 * (accepted + 10)) {
        status = 'non-finite';
        break;
      }
      continue;
    }
    let factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** (-1 / 5)));
    if (err <= 1) {
      t = last ? tEnd : t + h;
      [y, yNew] = [yNew, y];
      [k1, k7] = [k7, k1];
      accepted++;
      if (justRejected) factor = Math.min(factor, 1);
      justRejected = false;
      h *= factor;
      if (onStep?.(t, y, k1)) {
        status = 'stopped';
        break;
      }
    } else {
      rejected++;
      justRejected = true;
      h *= Math.min(factor, 1);
    }
  }
  return { t, y, dydt: k1, status, accepted, rejected };
}

// ---------------------------------------------------------------------------------------------
// (a) two-layer linearised system (chen2023)

/** Normalised two-layer parameters: ā (m), w̄ row-major (m, d1), row k = w̄_k, d1 = d + 1. */
export interface TwoLayerLinearState {
  m: number;
  d1: number;
  a: Float64Array;
  w: Float64Array;
}

/** Packed layout: [ā (m), w̄ (m·d1)]. */
export function packTwoLayer(s: TwoLayerLinearState): Float64Array {
  const y = new Float64Array(s.m + s.m * s.d1);
  y.set(s.a, 0);
  y.set(s.w, s.m);
  return y;
}

export function unpackTwoLayer(y: Float64Array, m: number, d1: number): TwoLayerLinearState {
  return { m, d1, a: y.slice(0, m), w: y.slice(m, m + m * d1) };
}

/**
 * Right-hand side of the linearised two-layer flow (science.md "Mechanism [D]"):
 *   dā_k/dτ = (1/κ') w̄_k·z,   dw̄_k/dτ = κ' ā_k z.
 */
export function twoLayerLinearRhs(m: number, d1: number, z: ArrayLike<number>, kappaPrime: number): Rhs {
  if (z.length !== d1) throw new Error(`twoLayerLinearRhs: z has ${z.length} components, expected ${d1}`);
  return (_t, y, dydt) => {
    for (let k = 0; k < m; k++) {
      let q = 0; // w̄_k·z
      for (let j = 0; j < d1; j++) q += y[m + k * d1 + j] * z[j];
      dydt[k] = q / kappaPrime;
      for (let j = 0; j < d1; j++) dydt[m + k * d1 + j] = kappaPrime * y[k] * z[j];
    }
  };
}

/**
 * Closed-form solution of the linearised two-layer flow. With ζ = |z| and
 * q0 = w̄_k(0)·z (the only coupling is through q = w̄_k·z, which obeys
 * dā/dτ = q/κ', dq/dτ = κ' ζ² ā, eigenvalues ±ζ):
 *
 *   ā_k(τ) = ā_k(0) cosh(ζτ) + q0/(κ'ζ) sinh(ζτ)
 *   w̄_k(τ) = w̄_k(0) + z [ κ' ā_k(0) sinh(ζτ)/ζ + q0 (cosh(ζτ) − 1)/ζ² ]
 *
 * so w̄_k grows along ±z (condensation onto one line) and the orthogonal
 * components stay fixed. cosh − 1 is evaluated as 2 sinh²(ζτ/2).
 */
export function twoLayerLinearClosedForm(s0: TwoLayerLinearState, z: ArrayLike<number>, kappaPrime: number, tau: number): TwoLayerLinearState {
  const { m, d1 } = s0;
  if (z.length !== d1) throw new Error(`twoLayerLinearClosedForm: z has ${z.length} components, expected ${d1}`);
  let zz = 0;
  for (let j = 0; j < d1; j++) zz += z[j] * z[j];
  const zeta = Math.sqrt(zz);
  const a = Float64Array.from(s0.a);
  const w = Float64Array.from(s0.w);
  if (zeta === 0) return { m, d1, a, w };
  const ch = cosh(zeta * tau);
  const sh = sinh(zeta * tau);
  const chm1 = 2 * sinh((zeta * tau) / 2) ** 2; // cosh(ζτ) − 1
  for (let k = 0; k < m; k++) {
    const a0 = s0.a[k];
    let q0 = 0;
    for (let j = 0; j < d1; j++) q0 += s0.w[k * d1 + j] * z[j];
    a[k] = a0 * ch + (q0 / (kappaPrime * zeta)) * sh;
    const c = (kappaPrime * a0 * sh) / zeta + (q0 * chm1) / zz;
    for (let j = 0; j < d1; j++) w[k * d1 + j] = s0.w[k * d1 + j] + c * z[j];
  }
  return { m, d1, a, w };
}

/** Numerical solution of the linearised two-layer flow at τ = tauEnd (dopri5). */
export function integrateTwoLayerLinear(
  s0: TwoLayerLinearState,
  z: ArrayLike<number>,
  kappaPrime: number,
  tauEnd: number,
  { rtol = 1e-12, atol }: { rtol?: number; atol?: number } = {},
): TwoLayerLinearState {
  const run = dopri5(twoLayerLinearRhs(s0.m, s0.d1, z, kappaPrime), 0, packTwoLayer(s0), { tEnd: tauEnd, rtol, atol });
  if (run.status !== 'tEnd') throw new Error(`integrateTwoLayerLinear: integration ended with status ${run.status}`);
  return unpackTwoLayer(run.y, s0.m, s0.d1);
}

/**
 * End of the initial (linear) stage, heuristic [D] (science.md "Mechanism"):
 * the output κ Σ_k ā_k σ(w̄_k·x) ~ m κ κ' ā² reaches O(1) when e^{2|z|τ} ~ 1/(m κ κ'):
 *   τ* ≈ log(1/(m κ κ')) / (2|z|).
 */
export function linearStageEndTime(m: number, kappa: number, kappaPrime: number, zNorm: number): number {
  return log(1 / (m * kappa * kappaPrime)) / (2 * zNorm);
}

// ---------------------------------------------------------------------------------------------
// (b) three-layer quadratic effective system (chen2024)

/** a (m); W2 row-major (m, m); W1 row-major (m, d1), d1 = d + 1. */
export interface ThreeLayerState {
  m: number;
  d1: number;
  a: Float64Array;
  W2: Float64Array;
  W1: Float64Array;
}

/** Packed layout: [a (m), W2 (m·m), W1 (m·d1)]. */
export function packThreeLayer(s: ThreeLayerState): Float64Array {
  const { m, d1 } = s;
  const y = new Float64Array(m + m * m + m * d1);
  y.set(s.a, 0);
  y.set(s.W2, m);
  y.set(s.W1, m + m * m);
  return y;
}

export function unpackThreeLayer(y: Float64Array, m: number, d1: number): ThreeLayerState {
  return { m, d1, a: y.slice(0, m), W2: y.slice(m, m + m * m), W1: y.slice(m + m * m, m + m * m + m * d1) };
}

/** Every entry of a, W2, W1 drawn i.i.d. from N(0, ε²) (draw order a, W2, W1). */
export function initThreeLayerEffective(m: number, d1: number, eps: number, seed: number): ThreeLayerState {
  const next = exactNormalSource(seed);
  const draw = (len: number) => Float64Array.from({ length: len }, () => eps * next());
  const a = draw(m);
  const W2 = draw(m * m);
  const W1 = draw(m * d1);
  return { m, d1, a, W2, W1 };
}

/**
 * Right-hand side of the three-layer effective system (science.md "Effective dynamics [D/R]"):
 *   u = W1 z (m)
 *   ȧ = W2 u                  (m)
 *   Ẇ2 = a uᵀ                 (m, m)
 *   Ẇ1 = (W2ᵀ a) zᵀ           (m, d1)
 */
export function threeLayerRhs(m: number, d1: number, z: ArrayLike<number>): Rhs {
  if (z.length !== d1) throw new Error(`threeLayerRhs: z has ${z.length} components, expected ${d1}`);
  const u = new Float64Array(m);
  const v = new Float64Array(m); // W2ᵀ a
  const oW2 = m;
  const oW1 = m + m * m;
  return (_t, y, dydt) => {
    // u = W1 z
    for (let l = 0; l < m; l++) {
      let s = 0;
      for (let j = 0; j < d1; j++) s += y[oW1 + l * d1 + j] * z[j];
      u[l] = s;
    }
    // ȧ = W2 u, Ẇ2 = a uᵀ
    v.fill(0);
    for (let k = 0; k < m; k++) {
      const ak = y[k];
      let s = 0;
      for (let l = 0; l < m; l++) {
        const w2kl = y[oW2 + k * m + l];
        s += w2kl * u[l];
        v[l] += w2kl * ak;
        dydt[oW2 + k * m + l] = ak * u[l];
      }
      dydt[k] = s;
    }
    // Ẇ1 = (W2ᵀ a) zᵀ
    for (let l = 0; l < m; l++) {
      for (let j = 0; j < d1; j++) dydt[oW1 + l * d1 + j] = v[l] * z[j];
    }
  };
}

export interface ThreeLayerSample {
  t: number;
  /** ‖θ‖ = sqrt(‖a‖² + ‖W2‖_F² + ‖W1‖_F²) */
  norm: number;
  normA: number;
  normW2: number;
  normW1: number;
  /** norm-weighted alignment of the rows of W1 with ±z: Σ_k |W1_k·ẑ| / Σ_k ‖W1_k‖ ∈ [0, 1] */
  alignW1: number;
}

export interface ThreeLayerOptions {
  /** stop at this time if the solution has not blown up first (default Infinity) */
  tEnd?: number;
  /** blow-up is declared when ‖θ‖ ≥ growth · ‖θ(0)‖ (default 1e8) */
  growth?: number;
  /** dopri5 relative tolerance (default 1e-12) */
  rtol?: number;
  /** dopri5 absolute tolerance (default rtol · max|θ(0)|) */
  atol?: number;
  /** samples per decade of ‖θ‖ and per decade of t (default 10) */
  samplesPerDecade?: number;
  /** also keep the packed state at every sample (default false) */
  keepStates?: boolean;
  maxSteps?: number;
}

export interface ThreeLayerRun {
  status: 'blow-up' | 'tEnd' | Exclude<Dopri5Status, 'tEnd' | 'stopped'>;
  /** time reached */
  t: number;
  final: ThreeLayerState;
  /**
   * Blow-up time estimate (NaN unless status = 'blow-up'). Near T* the
   * quadratic flow has ‖θ‖ ≈ C/(T* − t), so T* − t ≈ ‖θ‖ / (d‖θ‖/dt) with
   * d‖θ‖/dt = θ·θ̇/‖θ‖; the error is o(T* − t) ≤ T* / growth in relative terms.
   */
  blowUpTime: number;
  /** samples log-spaced in ‖θ‖ and in t: the initial point, then every factor 10^{1/samplesPerDecade}, and the final point */
  samples: ThreeLayerSample[];
  /** packed states at the samples, when keepStates */
  states?: Float64Array[];
  accepted: number;
  rejected: number;
}

function sampleOf(t: number, y: Float64Array, m: number, d1: number, z: ArrayLike<number>): ThreeLayerSample {
  let na = 0;
  let n2 = 0;
  let n1 = 0;
  for (let k = 0; k < m; k++) na += y[k] * y[k];
  for (let i = m; i < m + m * m; i++) n2 += y[i] * y[i];
  let zz = 0;
  for (let j = 0; j < d1; j++) zz += z[j] * z[j];
  const zn = Math.sqrt(zz);
  let proj = 0;
  let rowSum = 0;
  for (let l = 0; l < m; l++) {
    let rr = 0;
    let rz = 0;
    for (let j = 0; j < d1; j++) {
      const w = y[m + m * m + l * d1 + j];
      rr += w * w;
      rz += w * z[j];
    }
    n1 += rr;
    rowSum += Math.sqrt(rr);
    proj += zn > 0 ? Math.abs(rz) / zn : 0;
  }
  return {
    t,
    norm: Math.sqrt(na + n2 + n1),
    normA: Math.sqrt(na),
    normW2: Math.sqrt(n2),
    normW1: Math.sqrt(n1),
    alignW1: rowSum > 0 ? proj / rowSum : 0,
  };
}

/**
 * Integrate the three-layer effective system from s0 with dopri5 until
 * ‖θ‖ ≥ growth·‖θ(0)‖ (blow-up) or t = tEnd. By degree-2 homogeneity, the
 * solution from ε·θ̂0 is ε·θ̂(ε t), so T* ∝ 1/ε; and T* ∝ 1/|z|.
 */
export function integrateThreeLayer(s0: ThreeLayerState, z: ArrayLike<number>, opts: ThreeLayerOptions = {}): ThreeLayerRun {
  const { m, d1 } = s0;
  const { tEnd = Infinity, growth = 1e8, rtol = 1e-12, atol, samplesPerDecade = 10, keepStates = false, maxSteps } = opts;
  const y0 = packThreeLayer(s0);
  const first = sampleOf(0, y0, m, d1, z);
  const normStop = growth * first.norm;
  const step = Math.LN10 / samplesPerDecade;
  const samples: ThreeLayerSample[] = [first];
  const states: Float64Array[] | undefined = keepStates ? [Float64Array.from(y0)] : undefined;
  let lastNorm = first.norm;
  let lastT = 0;
  let blewUp = false;
  const run = dopri5(threeLayerRhs(m, d1, z), 0, y0, {
    tEnd,
    rtol,
    atol,
    maxSteps,
    onStep: (t, y) => {
      const s = sampleOf(t, y, m, d1, z);
      blewUp = s.norm >= normStop;
      const farInNorm = Math.abs(log(s.norm / lastNorm)) >= step;
      const farInTime = lastT === 0 || log(t / lastT) >= step;
      if (!blewUp && t < tEnd && (farInNorm || farInTime)) {
        samples.push(s);
        states?.push(Float64Array.from(y));
        lastNorm = s.norm;
        lastT = t;
      }
      return blewUp;
    },
  });
  samples.push(sampleOf(run.t, run.y, m, d1, z));
  states?.push(Float64Array.from(run.y));
  // T* ≈ t + ‖θ‖ / (θ·θ̇/‖θ‖)
  let blowUpTime = NaN;
  if (blewUp) {
    let nn = 0;
    let ndot = 0;
    for (let i = 0; i < run.y.length; i++) {
      nn += run.y[i] * run.y[i];
      ndot += run.y[i] * run.dydt[i];
    }
    blowUpTime = run.t + nn / ndot;
  }
  const status: ThreeLayerRun['status'] = blewUp ? 'blow-up' : run.status === 'tEnd' || run.status === 'stopped' ? 'tEnd' : run.status;
  return {
    status,
    t: run.t,
    final: unpackThreeLayer(run.y, m, d1),
    blowUpTime,
    samples,
    states,
    accepted: run.accepted,
    rejected: run.rejected,
  };
}

/** A Bᵀ for row-major A (p, q), B (r, q) → (p, r). */
function mulABt(A: Float64Array, B: Float64Array, p: number, q: number, r: number): Float64Array {
  const out = new Float64Array(p * r);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < r; k++) {
      let s = 0;
      for (let j = 0; j < q; j++) s += A[i * q + j] * B[k * q + j];
      out[i * r + k] = s;
    }
  }
  return out;
}

/** Aᵀ A for row-major A (p, q) → (q, q). */
function mulAtA(A: Float64Array, p: number, q: number): Float64Array {
  const out = new Float64Array(q * q);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < q; j++) {
      const aij = A[i * q + j];
      if (aij === 0) continue;
      for (let k = 0; k < q; k++) out[j * q + k] += aij * A[i * q + k];
    }
  }
  return out;
}

/** The two conserved matrices (m, m): C_a = aaᵀ − W2W2ᵀ and C_1 = W2ᵀW2 − W1W1ᵀ. */
export function conservedQuantities(s: ThreeLayerState): { aW2: Float64Array; W2W1: Float64Array } {
  const { m, d1, a, W2, W1 } = s;
  const W2W2t = mulABt(W2, W2, m, m, m);
  const W1W1t = mulABt(W1, W1, m, d1, m);
  const W2tW2 = mulAtA(W2, m, m);
  const aW2 = new Float64Array(m * m);
  const W2W1 = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      aW2[i * m + k] = a[i] * a[k] - W2W2t[i * m + k];
      W2W1[i * m + k] = W2tW2[i * m + k] - W1W1t[i * m + k];
    }
  }
  return { aW2, W2W1 };
}

/**
 * Drift of the conservation laws between s0 and s, relative to the initial scale:
 *   aW2  = ‖C_a(s) − C_a(s0)‖_F / (‖a(0)‖² + ‖W2(0)‖_F²)
 *   W2W1 = ‖C_1(s) − C_1(s0)‖_F / (‖W2(0)‖_F² + ‖W1(0)‖_F²)
 * Exactly 0 for the true flow; the denominators are the sizes of the two
 * terms of each invariant at t = 0.
 */
export function conservationDrift(s0: ThreeLayerState, s: ThreeLayerState): { aW2: number; W2W1: number } {
  const c0 = conservedQuantities(s0);
  const c = conservedQuantities(s);
  const sq = (v: Float64Array) => v.reduce((acc, x) => acc + x * x, 0);
  const diff = (p: Float64Array, q: Float64Array) => Math.sqrt(p.reduce((acc, x, i) => acc + (x - q[i]) ** 2, 0));
  return {
    aW2: diff(c.aW2, c0.aW2) / (sq(s0.a) + sq(s0.W2)),
    W2W1: diff(c.W2W1, c0.W2W1) / (sq(s0.W2) + sq(s0.W1)),
  };
}

// ---------------------------------------------------------------------------------------------
// (c) rank-one aligned reduction (exact blow-up time)

/**
 * The rank-one aligned state a = α e, W2 = β e gᵀ, W1 = γ g ẑᵀ, for unit
 * vectors e (m), g (m) and ẑ = z/|z| (d1) (normalised here). The system keeps
 * this form: u = W1 z = γ|z| g, so
 *   ȧ = W2 u = |z| βγ e,   Ẇ2 = a uᵀ = |z| αγ e gᵀ,   Ẇ1 = W2ᵀ a zᵀ = |z| αβ g ẑᵀ.
 */
export function rankOneAlignedState(
  e: ArrayLike<number>,
  g: ArrayLike<number>,
  z: ArrayLike<number>,
  alpha: number,
  beta: number,
  gamma: number,
): ThreeLayerState {
  const m = e.length;
  const d1 = z.length;
  if (g.length !== m) throw new Error(`rankOneAlignedState: e has ${m} entries but g has ${g.length}`);
  const unit = (v: ArrayLike<number>) => {
    const n = Math.sqrt(Array.from(v).reduce((acc, x) => acc + x * x, 0));
    if (!(n > 0)) throw new Error('rankOneAlignedState: zero direction');
    return Float64Array.from(v, (x) => x / n);
  };
  const eh = unit(e);
  const gh = unit(g);
  const zh = unit(z);
  const a = Float64Array.from(eh, (x) => alpha * x);
  const W2 = new Float64Array(m * m);
  const W1 = new Float64Array(m * d1);
  for (let k = 0; k < m; k++) {
    for (let l = 0; l < m; l++) W2[k * m + l] = beta * eh[k] * gh[l];
    for (let j = 0; j < d1; j++) W1[k * d1 + j] = gamma * gh[k] * zh[j];
  }
  return { m, d1, a, W2, W1 };
}

/** The reduced system: (α̇, β̇, γ̇) = |z| (βγ, αγ, αβ); y = [α, β, γ]. */
export function reducedRhs(zNorm: number): Rhs {
  return (_t, y, dydt) => {
    dydt[0] = zNorm * y[1] * y[2];
    dydt[1] = zNorm * y[0] * y[2];
    dydt[2] = zNorm * y[0] * y[1];
  };
}

/** Equal initial data α = β = γ = ε: α̇ = |z| α², so α(t) = ε / (1 − ε|z| t) and T* = 1/(ε|z|). */
export function reducedEqualSolution(eps: number, zNorm: number, t: number): number {
  return eps / (1 - eps * zNorm * t);
}

/**
 * Carlson's symmetric elliptic integral R_F(x, y, z) = ½ ∫_0^∞ dt / √((t+x)(t+y)(t+z)),
 * x, y, z ≥ 0, at most one of them 0 (Infinity otherwise). Duplication
 * algorithm (Carlson 1995; Numerical Recipes 3rd ed. §6.12), relative error
 * < ERRTOL⁶/(4(1 − ERRTOL)) ≈ 6e-17.
 */
export function carlsonRF(x: number, y: number, z: number): number {
  if (!(x >= 0 && y >= 0 && z >= 0)) return NaN;
  if ((x === 0 ? 1 : 0) + (y === 0 ? 1 : 0) + (z === 0 ? 1 : 0) >= 2) return Infinity;
  const ERRTOL = 0.0025;
  let xt = x;
  let yt = y;
  let zt = z;
  let ave: number;
  let delx: number;
  let dely: number;
  let delz: number;
  do {
    const sx = Math.sqrt(xt);
    const sy = Math.sqrt(yt);
    const sz = Math.sqrt(zt);
    const lambda = sx * (sy + sz) + sy * sz;
    xt = 0.25 * (xt + lambda);
    yt = 0.25 * (yt + lambda);
    zt = 0.25 * (zt + lambda);
    ave = (xt + yt + zt) / 3;
    delx = (ave - xt) / ave;
    dely = (ave - yt) / ave;
    delz = (ave - zt) / ave;
  } while (Math.max(Math.abs(delx), Math.abs(dely), Math.abs(delz)) > ERRTOL);
  const e2 = delx * dely - delz * delz;
  const e3 = delx * dely * delz;
  return (1 + (e2 / 24 - 0.1 - (3 / 44) * e3) * e2 + e3 / 14) / Math.sqrt(ave);
}

/**
 * Exact blow-up time of the reduced system (derived here):
 * α² − β² and β² − γ² are conserved and d(α²)/dt = d(β²)/dt = d(γ²)/dt = 2|z|αβγ,
 * and sign flips of two variables at once are symmetries, so only the sign
 * of αβγ matters.
 *
 * - α0β0γ0 ≥ 0: flip to α, β, γ ≥ 0. With A = α0² − γ0², B = β0² − γ0²,
 *   γ̇ = |z| √((γ² + A)(γ² + B)), and ∫_y^∞ dγ/√((γ²+A)(γ²+B)) = R_F(y², y²+A, y²+B), so
 *     T* = R_F(α0², β0², γ0²) / |z|        (= 1/(ε|z|) for α0 = β0 = γ0 = ε).
 * - α0β0γ0 < 0: flip to α, β, γ < 0; the smallest in magnitude (γ, say) rises
 *   through 0 first, then all grow; γ runs over (−|γ0|, ∞) with the same law, so
 *     T* = (2 R_F(0, A, B) − R_F(α0², β0², γ0²)) / |z|,  A, B ≥ 0 the other two squares minus γ0²
 *   (Infinity when A = 0 or B = 0: the solution then decays to a fixed point).
 */
export function reducedBlowUpTime(alpha0: number, beta0: number, gamma0: number, zNorm: number): number {
  if (!(zNorm > 0)) return Infinity;
  const sq = [alpha0 * alpha0, beta0 * beta0, gamma0 * gamma0];
  const direct = carlsonRF(sq[0], sq[1], sq[2]);
  if (Math.sign(alpha0) * Math.sign(beta0) * Math.sign(gamma0) >= 0) return direct / zNorm;
  sq.sort((p, q) => p - q);
  const A = sq[1] - sq[0];
  const B = sq[2] - sq[0];
  return (2 * carlsonRF(0, A, B) - direct) / zNorm;
}
