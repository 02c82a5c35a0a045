/**
 * Parameters of the two-layer network of luo2021 (§3), bias folded into w_k:
 *
 *   f(x) = (1/α) Σ_{k=1}^m a_k σ(w_k · x̃),   x̃ = (x, 1) ∈ R^{d+1}
 *   a_k ~ N(0, β1²),  w_k ~ N(0, β2² I_{d+1})
 *
 * and their seeded initialisation. Plain TypeScript: no TensorFlow.js.
 */
import { normalArray, normalSource } from '../random.js';
import type { TwoLayerScales } from './parametrisation.js';

export interface TwoLayerParams {
  m: number;
  /** input dimension d (without the bias coordinate) */
  d: number;
  /** number of outputs; absent means 1 */
  dOut?: number;
  /** a, (m, dOut) row-major: a[k*dOut + o] = output o of neuron k (length m when dOut = 1) */
  a: Float32Array;
  /** W, row-major (d+1, m): W[j*m + k] = component j of w_k */
  w: Float32Array;
}

/**
 * Initial parameters from a seed. Draw order: a row by row (a_1 .. a_m for
 * dOut = 1), then W row by row. With `antisymmetric`, the second half of the
 * neurons copies the first half's w_k with −a_k, so f(θ0) = 0 (luo2021
 * Remark 5, ASI); m must be even. dOut = 1 draws exactly what it always did.
 */
export function initTwoLayer(
  m: number,
  d: number,
  { beta1, beta2 }: Pick<TwoLayerScales, 'beta1' | 'beta2'>,
  seed: number,
  antisymmetric = false,
  dOut = 1,
): TwoLayerParams {
  const next = normalSource(seed);
  if (!antisymmetric) {
    const a = normalArray(next, m * dOut, beta1);
    const w = normalArray(next, (d + 1) * m, beta2);
    return { m, d, dOut, a, w };
  }
  if (m % 2 !== 0) throw new Error(`antisymmetric initialisation needs an even width, got m = ${m}`);
  const h = m / 2;
  const aHalf = normalArray(next, h * dOut, beta1);
  const wHalf = normalArray(next, (d + 1) * h, beta2);
  const a = new Float32Array(m * dOut);
  const w = new Float32Array((d + 1) * m);
  for (let k = 0; k < h; k++) {
    for (let o = 0; o < dOut; o++) {
      a[k * dOut + o] = aHalf[k * dOut + o];
      a[(k + h) * dOut + o] = -aHalf[k * dOut + o];
    }
    for (let j = 0; j <= d; j++) {
      w[j * m + k] = wHalf[j * h + k];
      w[j * m + k + h] = wHalf[j * h + k];
    }
  }
  return { m, d, dOut, a, w };
}
