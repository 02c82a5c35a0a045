/**
 * The three-layer network's output on new inputs, in float64 from the
 * float32 parameters (src/engine/threeLayer/params.ts layout):
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]),   x̃ = (x, 1).
 *
 * For each input: z1 = σ(x̃ W1) (m); h2 = [z1, 1] W2 (m), accumulated row by
 * row of W2 (row j of the (m+1, m) storage is contiguous) and only over the
 * active units z1_j > 0; f = σ(h2) a / α. Cost O(n m²) per call, with about
 * half of the rows of W2 skipped.
 */
import type { ThreeLayerParams } from './params.js';

/** f at the inputs x (row-major (n, d)) → (n, dOut) row-major. */
export function predictThreeLayer(p: ThreeLayerParams, alpha: number, x: ArrayLike<number>): Float64Array {
  const { m, d, dOut } = p;
  const n = x.length / d;
  if (!Number.isInteger(n)) throw new Error(`predictThreeLayer: ${x.length} inputs is not a multiple of d = ${d}`);
  const out = new Float64Array(n * dOut);
  const h2 = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    // h2 starts at the bias row b² (row m of W2)
    for (let k = 0; k < m; k++) h2[k] = p.w2[m * m + k];
    for (let j = 0; j < m; j++) {
      let h1 = p.w1[d * m + j];
      for (let t = 0; t < d; t++) h1 += p.w1[t * m + j] * x[i * d + t];
      if (h1 <= 0) continue;
      const row = j * m;
      for (let k = 0; k < m; k++) h2[k] += h1 * p.w2[row + k];
    }
    for (let o = 0; o < dOut; o++) {
      let f = 0;
      for (let k = 0; k < m; k++) if (h2[k] > 0) f += h2[k] * p.a[k * dOut + o];
      out[i * dOut + o] = f / alpha;
    }
  }
  return out;
}
