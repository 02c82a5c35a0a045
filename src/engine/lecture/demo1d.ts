/**
 * The 1-d condensation demo of the lecture (Zhang 2025, "Condensation
 * phenomenon"; the group's web page gives its settings [V S7]):
 *
 *   target  f*(x) = −σ(x) + σ(2(x + 0.3)) − σ(1.5(x − 0.4)) + σ(0.5(x − 0.8)),  σ = ReLU
 *   network h(x) = Σ_k a_k σ(w_k x + b_k)  (α = 1), m neurons
 *   a_k, w_k, b_k ~ N(0, σ0²), σ0 = 1/m²  (i.e. N(0, 1/m⁴))
 *   data    n points evenly spaced on [−1, 1]
 *
 * and each neuron's feature (θ_k, A_k):
 *
 *   θ_k = sign(b_k) · arccos(w_k / √(w_k² + b_k²)),   A_k = √(w_k² + b_k²).
 *
 * Plain TypeScript: no TensorFlow.js, no kernel (the run chooses the trainer).
 */
import { linspace } from '../data/toy1d.js';
import type { Dataset } from '../data/toy1d.js';

const relu = (v: number) => Math.max(v, 0);

/** The lecture's target function. */
export function lectureTarget(x: number): number {
  return -relu(x) + relu(2 * (x + 0.3)) - relu(1.5 * (x - 0.4)) + relu(0.5 * (x - 0.8));
}

/** n points evenly spaced on [−1, 1] (both ends included) with the lecture's target. */
export function lectureData(n: number): Dataset {
  if (!Number.isInteger(n) || n < 2) throw new Error(`lectureData: n must be an integer ≥ 2, got ${n}`);
  const x = linspace(-1, 1, n);
  return { x, y: Float32Array.from(x, lectureTarget), n, d: 1, dOut: 1 };
}

/**
 * The features (θ_k, A_k) of m neurons of a 1-d two-layer net, from W (2, m)
 * row-major (row 0: w_k, row 1: b_k; the layout of twoLayer/params.ts).
 * A zero neuron has θ = 0 (Math.sign(0) = 0).
 */
export function lectureFeatures(w: ArrayLike<number>, m: number): { theta: Float64Array; amplitude: Float64Array } {
  if (w.length !== 2 * m) throw new Error(`lectureFeatures: W must be (2, ${m}) = ${2 * m} entries, got ${w.length}`);
  const theta = new Float64Array(m);
  const amplitude = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const wk = w[k];
    const bk = w[m + k];
    const A = Math.hypot(wk, bk);
    amplitude[k] = A;
    theta[k] = A === 0 ? 0 : Math.sign(bk) * Math.acos(Math.max(-1, Math.min(1, wk / A)));
  }
  return { theta, amplitude };
}
