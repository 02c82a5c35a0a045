/**
 * Neurons of a trained two-layer net with scalar input and a bias
 * (chen2023's 1-d data): their (w_k, b_k) rows and their amplitude-weighted
 * alignment with ±z.
 */
import { alignmentWith, amplitudes } from '../../src/engine/metrics/alignment.js';

/** W (2, m) row-major → rows (m, 2): row k = (w_k, b_k). */
export function neuronRows(w: ArrayLike<number>, m: number): Float64Array {
  const rows = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    rows[2 * k] = w[k];
    rows[2 * k + 1] = w[m + k];
  }
  return rows;
}

/** The amplitudes A_k = |a_k| ‖(w_k, b_k)‖ and their weighted mean of |cos((w_k, b_k), z)|. */
export function weightedAlignment(a: ArrayLike<number>, rows: Float64Array, m: number, z: ArrayLike<number>): { amps: Float64Array; alignment: number } {
  const amps = amplitudes(a, rows, m, 2);
  const align = alignmentWith(rows, m, 2, z);
  let num = 0;
  let den = 0;
  for (let k = 0; k < m; k++) {
    num += amps[k] * align[k];
    den += amps[k];
  }
  return { amps, alignment: num / den };
}
