/**
 * The two-layer ReLU network's output in plain TypeScript (no TensorFlow.js):
 *
 *   f(x) = (1/α) Σ_k a_k relu(w_k · x̃),   x̃ = (x, 1)
 *
 * For evaluating a trained network (e.g. the fitted curve of luo2021 Fig. 2)
 * in a run that never needs TensorFlow.js. Two precisions:
 *
 *  - 'float64': every product and sum in float64 (the most accurate value).
 *  - 'float32' (default): the float32 arithmetic of twoLayerPredict (./tf.ts)
 *    on TensorFlow.js's wasm backend: h = Σ_j x̃_j w_jk and Σ_k a_k relu(h_k)
 *    each summed in index order in float32 (every product and partial sum
 *    rounded to float32), then divided by α in float32. This reproduces that
 *    backend's values bit for bit (checked on the stored luo2021-fig2 curves:
 *    3006 of 3006 points), so results computed with twoLayerPredict stay
 *    exactly the same; the float64 value differs from it by float32 rounding
 *    (~1e-7 relative), enough to change the 6th significant digit of ~18 % of
 *    those points.
 *
 * Both agree with twoLayerPredict to float32 rounding on every backend
 * (test/engine/two-layer.test.ts).
 */
import type { TwoLayerParams } from './params.js';

export type PredictPrecision = 'float32' | 'float64';

/** F = f(x) for a batch of inputs x (n, d) row-major: (n, dOut) row-major. */
export function predictTwoLayer(
  params: TwoLayerParams,
  alpha: number,
  activation: 'relu',
  x: ArrayLike<number>,
  n: number,
  precision: PredictPrecision = 'float32',
): Float64Array {
  if (activation !== 'relu') throw new Error(`predictTwoLayer: only ReLU is implemented, got ${activation}`);
  const { m, d, a, w } = params;
  const dOut = params.dOut ?? 1;
  if (a.length !== m * dOut || w.length !== (d + 1) * m) throw new Error(`predictTwoLayer: parameter shapes do not match (m, d, dOut) = (${m}, ${d}, ${dOut})`);
  if (x.length !== n * d) throw new Error(`predictTwoLayer: x must be (${n}, ${d}), got ${x.length} entries`);
  // r: rounding after each operation (float32), or none (float64)
  const r = precision === 'float32' ? Math.fround : (v: number) => v;
  const f = new Float64Array(n * dOut);
  const acc = new Float64Array(dOut);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    for (let k = 0; k < m; k++) {
      let h = 0;
      for (let j = 0; j < d; j++) h = r(h + r(x[i * d + j] * w[j * m + k]));
      h = r(h + w[d * m + k]); // x̃_d = 1: the bias
      const z = Math.max(h, 0); // relu, as tf.relu (a NaN passes through)
      for (let o = 0; o < dOut; o++) acc[o] = r(acc[o] + r(z * a[k * dOut + o]));
    }
    for (let o = 0; o < dOut; o++) f[i * dOut + o] = r(acc[o] / r(alpha));
  }
  return f;
}
