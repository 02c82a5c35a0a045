/**
 * Parameters of the three-layer network of zhou2022 (§3), both hidden
 * widths m, biases folded in, and their seeded initialisation (plain
 * TypeScript: no TensorFlow.js):
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]),   x̃ = (x, 1)
 *
 * Shapes: H1 = X̃ W1 (n, m); Z1 = σ(H1); Z̃1 = [Z1, 1] (n, m+1);
 * H2 = Z̃1 W2 (n, m); Z2 = σ(H2); F = Z2 a / α (n, dOut); E = F − Y;
 * L = (1/n) Σ_i Σ_o E_io².
 */
import { normalArray, normalSource } from '../random.js';
import { ZigguratNormal } from '../ziggurat.js';
import type { ThreeLayerScales } from './parametrisation.js';

export interface ThreeLayerParams {
  m: number;
  /** input dimension d (without the bias coordinate) */
  d: number;
  dOut: number;
  /** (d+1, m) row-major: column k = W¹ row k (its last entry = bias b¹_k) */
  w1: Float32Array;
  /** (m+1, m) row-major: column k = inputs of 2nd-layer neuron k; row m = biases b² */
  w2: Float32Array;
  /** (m, dOut) row-major */
  a: Float32Array;
  /**
   * Compensated parameters only (ThreeLayerMultiKernel with `compensated`):
   * the low parts, θ = θ_hi + θ_lo with θ_hi the arrays above (|θ_lo| ≤ half
   * an ulp of θ_hi). Absent for plain float32 parameters.
   */
  low?: { w1: Float32Array; w2: Float32Array; a: Float32Array };
}

/**
 * The normal generator of an initialisation:
 *  - 'd3': d3-random's randomNormal on randomLcg (../random.ts), the draws of
 *    every run before the ziggurat was added (the default: stored results
 *    stay reproducible bit for bit);
 *  - 'ziggurat': ../ziggurat.ts (xoshiro128** + ziggurat), other values from
 *    the same seed. Measured on this machine (both other cores busy), 10^8
 *    draws into a 400 MB array already in memory: 4.4–6.0 s with 'd3',
 *    0.75–0.8 s here (6×); the whole initThreeLayer at m = 10000 (d = 784,
 *    10 outputs): 4.6 s → 2.0 s, of which ≈ 1.2 s is the first touch of the
 *    new 400 MB W² array (page faults), the same for both.
 */
export type ThreeLayerInitGenerator = 'd3' | 'ziggurat';

/** A draw of n normals N(0, std²) from one seeded stream (calls share the stream, in order). */
function normalDrawer(seed: number, generator: ThreeLayerInitGenerator): (n: number, std: number) => Float32Array {
  if (generator === 'ziggurat') {
    const z = new ZigguratNormal(seed);
    return (n, std) => z.fill(new Float32Array(n), std);
  }
  const next = normalSource(seed);
  return (n, std) => normalArray(next, n, std);
}

/**
 * Initial parameters from a seed. Draw order: a row by row (m·dOut), then W2
 * row by row ((m+1)·m, b² last), then W1 row by row ((d+1)·m, b¹ last).
 *
 * With `antisymmetric` (m even, h = m/2), f(θ0) = 0: the second-layer neurons
 * come in mirrored pairs (k, k+h) with the same inputs (column k+h of W2 =
 * column k, bias included) and opposite outputs (a_{k+h} = −a_k), so their
 * contributions cancel for every input. W1 stays fully random. This is the
 * two-layer ASI of luo2021 (Remark 5, code S6) applied to the last hidden layer.
 * Draw order then: a (h·dOut), W2 ((m+1)·h), W1 ((d+1)·m).
 *
 * `generator` (default 'd3', the draws of every earlier run): see
 * ThreeLayerInitGenerator.
 */
export function initThreeLayer(
  m: number,
  d: number,
  { beta1, beta2, beta3 }: Pick<ThreeLayerScales, 'beta1' | 'beta2' | 'beta3'>,
  seed: number,
  antisymmetric = false,
  dOut = 1,
  generator: ThreeLayerInitGenerator = 'd3',
): ThreeLayerParams {
  const draw = normalDrawer(seed, generator);
  if (!antisymmetric) {
    const a = draw(m * dOut, beta3);
    const w2 = draw((m + 1) * m, beta2);
    const w1 = draw((d + 1) * m, beta1);
    return { m, d, dOut, w1, w2, a };
  }
  if (m % 2 !== 0) throw new Error(`antisymmetric initialisation needs an even width, got m = ${m}`);
  const h = m / 2;
  const aHalf = draw(h * dOut, beta3);
  const w2Half = draw((m + 1) * h, beta2);
  const w1 = draw((d + 1) * m, beta1);
  const a = new Float32Array(m * dOut);
  const w2 = new Float32Array((m + 1) * m);
  for (let k = 0; k < h; k++) {
    for (let o = 0; o < dOut; o++) {
      a[k * dOut + o] = aHalf[k * dOut + o];
      a[(k + h) * dOut + o] = -aHalf[k * dOut + o];
    }
    for (let j = 0; j <= m; j++) {
      w2[j * m + k] = w2Half[j * h + k];
      w2[j * m + k + h] = w2Half[j * h + k];
    }
  }
  return { m, d, dOut, w1, w2, a };
}
