/**
 * What the chen2024 experiments measure on a three-layer state (a network's
 * parameters or its effective model's, layout of src/engine/effectiveDynamics.ts):
 * the final-stage condition, the drift of the conservation laws, the distance
 * to the effective model's trajectory, and checkpoints of raw parameters.
 */
import { conservedQuantities, dopri5, packThreeLayer, type ThreeLayerState, threeLayerRhs, unpackThreeLayer } from '../effectiveDynamics.js';

/**
 * The first condition of the final stage, as derived here from the effective
 * model (the paper's own formula is not in the available text). With
 * u = W1 z (the first layer's neurons seen through z) and v = W2ᵀ a (what the
 * layers above feed back to them), the effective model gives
 *
 *   u̇ = |z|² v,   v̇ = (|a|² I + W2ᵀW2) u,   E = aᵀW2W1z = Σ_l u_l v_l,
 *
 * and the component of each row W1_l orthogonal to z is constant (Ẇ1 = v zᵀ).
 * Condition 1: u_l v_l ≥ 0 for every neuron l (each neuron adds to E). Under
 * it |u_l| only grows, so every row of W1 turns towards ±z: condensation; the
 * growing mode of the (u, v) system satisfies it. Its violation is measured by
 * the sum of the positive numbers p_l = −u_l v_l, relative to Σ_l |u_l v_l|:
 *
 *   r = Σ_l max(p_l, 0) / Σ_l |p_l| ∈ [0, 1]     (about 1/2 for independent u, v; 0 when it holds).
 */
export function finalStageCondition(s: ThreeLayerState, z: ArrayLike<number>): { r: number; positiveSum: number; violating: number } {
  const { m, d1, a, W2, W1 } = s;
  let positiveSum = 0;
  let total = 0;
  let violating = 0;
  for (let l = 0; l < m; l++) {
    let u = 0;
    for (let j = 0; j < d1; j++) u += W1[l * d1 + j] * z[j];
    let v = 0;
    for (let k = 0; k < m; k++) v += W2[k * m + l] * a[k];
    const p = -u * v;
    total += Math.abs(p);
    if (p > 0) {
      positiveSum += p;
      violating++;
    }
  }
  return { r: total > 0 ? positiveSum / total : 0, positiveSum, violating };
}

const sumSquares = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
};

/**
 * Drift of the two conservation laws of the effective model between s0 and s,
 * relative to the size of their terms at s (not at s0: the state grows by
 * many orders of magnitude, and rounding is relative to its current size):
 *   aW2  = ‖C_a(s) − C_a(s0)‖_F / (‖a‖² + ‖W2‖_F²),      C_a = aaᵀ − W2W2ᵀ
 *   W2W1 = ‖C_1(s) − C_1(s0)‖_F / (‖W2‖_F² + ‖W1‖_F²),   C_1 = W2ᵀW2 − W1W1ᵀ
 * Zero for the exact effective flow.
 */
export function relativeConservationDrift(c0: ReturnType<typeof conservedQuantities>, s: ThreeLayerState): { aW2: number; W2W1: number } {
  const c = conservedQuantities(s);
  const diff = (p: Float64Array, q: Float64Array) => {
    let acc = 0;
    for (let i = 0; i < p.length; i++) acc += (p[i] - q[i]) ** 2;
    return Math.sqrt(acc);
  };
  const a = sumSquares(s.a);
  const w2 = sumSquares(s.W2);
  const w1 = sumSquares(s.W1);
  return { aW2: diff(c.aW2, c0.aW2) / (a + w2), W2W1: diff(c.W2W1, c0.W2W1) / (w2 + w1) };
}

/** ‖θ − θ_ref‖ / ‖θ_ref‖ over all parameters. */
export function relativeDistance3(s: ThreeLayerState, ref: ThreeLayerState): number {
  let num = 0;
  let den = 0;
  for (const [x, y] of [
    [s.a, ref.a],
    [s.W2, ref.W2],
    [s.W1, ref.W1],
  ] as const) {
    for (let i = 0; i < x.length; i++) {
      num += (x[i] - y[i]) ** 2;
      den += y[i] * y[i];
    }
  }
  return Math.sqrt(num / den);
}

/**
 * The effective model's trajectory from s0, advanced on demand to increasing
 * times (dopri5, rtol as given). Past its blow-up (‖θ‖ ≥ growth · ‖θ(0)‖, or
 * an integration failure) `at` returns undefined.
 */
export class EffectiveTrajectory {
  private t = 0;
  private y: Float64Array;
  private readonly rhs;
  private readonly normStop: number;
  private ended = false;

  constructor(
    private readonly s0: ThreeLayerState,
    z: ArrayLike<number>,
    private readonly opts: { rtol?: number; growth?: number } = {},
  ) {
    this.y = packThreeLayer(s0);
    this.rhs = threeLayerRhs(s0.m, s0.d1, z);
    this.normStop = (opts.growth ?? 1e8) * Math.sqrt(sumSquares(this.y));
  }

  /** The state at time t ≥ the last time asked for, or undefined past the blow-up. */
  at(t: number): ThreeLayerState | undefined {
    if (t < this.t) throw new Error(`EffectiveTrajectory: time ${t} is before ${this.t}`);
    if (this.ended) return undefined;
    if (t > this.t) {
      const run = dopri5(this.rhs, this.t, this.y, {
        tEnd: t,
        rtol: this.opts.rtol ?? 1e-12,
        onStep: (_t, y) => sumSquares(y) >= this.normStop ** 2,
      });
      if (run.status !== 'tEnd') {
        this.ended = true;
        return undefined;
      }
      this.t = t;
      this.y = run.y;
    }
    return unpackThreeLayer(this.y, this.s0.m, this.s0.d1);
  }
}

/** A three-layer state as raw bytes (float64 a, W2, W1), for a checkpoint. */
export function encodeState(s: ThreeLayerState): Uint8Array {
  const y = packThreeLayer(s);
  return new Uint8Array(y.buffer, y.byteOffset, y.byteLength);
}

/** The state of encodeState, checked against the expected shape. */
export function decodeState(bytes: Uint8Array, m: number, d1: number): ThreeLayerState {
  const expected = (m + m * m + m * d1) * 8;
  if (bytes.byteLength !== expected) throw new Error(`decodeState: a checkpoint of width ${m} and input ${d1} has ${expected} bytes, got ${bytes.byteLength}`);
  const y = new Float64Array(bytes.slice().buffer);
  return unpackThreeLayer(y, m, d1);
}

/** Symmetric eigenvalues of a (n, n) row-major matrix by cyclic Jacobi rotations, descending. */
export function symmetricEigenvalues(S: ArrayLike<number>, n: number, { tol = 1e-13, maxSweeps = 100 } = {}): number[] {
  const A = Float64Array.from(S);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i * n + i] ** 2;
      for (let j = i + 1; j < n; j++) off += A[i * n + j] ** 2;
    }
    if (off <= tol * tol * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => A[i * n + i]).sort((p, q) => q - p);
}

/** Singular values of a (n, n) row-major matrix P, descending: square roots of the eigenvalues of PᵀP. */
export function singularValues(P: ArrayLike<number>, n: number): number[] {
  const S = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const pki = P[k * n + i];
      if (pki === 0) continue;
      for (let j = 0; j < n; j++) S[i * n + j] += pki * P[k * n + j];
    }
  }
  return symmetricEigenvalues(S, n).map((e) => Math.sqrt(Math.max(e, 0)));
}
