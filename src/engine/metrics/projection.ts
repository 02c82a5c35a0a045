/** Projections of unit neuron vectors on a reference direction (luo2021 §4.2, Fig. 7). Float64 throughout. */
import { normalizeRows } from './rows.js';

type Vec = ArrayLike<number>;

/**
 * Projection of each unit neuron vector on a reference direction
 * (luo2021 §4.2, high-dimensional condensation maps, Fig. 7):
 *
 *   I_k = ŵ_k · p,   ŵ_k = w_k / ‖w_k‖,   p = (1, …, 1, 0, …, 0) / √pDim,
 *
 * with ones in the first pDim components. The default pDim = dim is the
 * original code's choice (S6: `sum(v)/||v||/sqrt(dim)` over the augmented
 * vector (w_k, b_k), i.e. p = 1/√(d+1)); pDim = dim − 1 reads the paper's
 * p = 1/√d over the input components only (ŵ still normalised with the bias).
 * A zero row gives I = 0.
 */
export function projectionI(rows: Vec, count: number, dim: number, pDim = dim): Float64Array {
  if (!(pDim >= 1 && pDim <= dim)) throw new Error(`projectionI: pDim must be in [1, ${dim}], got ${pDim}`);
  const unit = normalizeRows(rows, count, dim); // (count, dim)
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let s = 0;
    for (let j = 0; j < pDim; j++) s += unit[k * dim + j];
    out[k] = s / Math.sqrt(pDim);
  }
  return out;
}
