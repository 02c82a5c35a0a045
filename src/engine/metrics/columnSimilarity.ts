/**
 * The similarity matrix D of the largest columns of a row-major (rows, cols)
 * matrix: the paper's rows of W^{[2]} are the columns of the engine's (m+1, m)
 * storage (zhou2022 Fig. 3: "the half of the neurons with the largest norm").
 * Float64 throughout.
 */
import { similarityMatrix } from './cosineSimilarity.js';

type Vec = ArrayLike<number>;

export interface ColumnSimilarity {
  /** (used, used) row-major, in the order of `columns` */
  D: Float64Array;
  /** the columns D is over (indices into 0 … cols−1), by decreasing norm */
  columns: number[];
  /** size of the top set they were drawn from (round(fraction · cols)) */
  top: number;
}

/**
 * D over the top-`fraction` columns by norm; when that set has more than
 * `maxColumns` members, over `maxColumns` of them spread evenly over the norm
 * ranking (every ⌊M/maxColumns⌋-th rank): a deterministic sample that keeps
 * the whole range of norms.
 */
export function topColumnSimilarity(matrix: Vec, rows: number, cols: number, { fraction = 0.5, maxColumns = 200 } = {}): ColumnSimilarity {
  if (matrix.length !== rows * cols) throw new Error(`topColumnSimilarity: expected ${rows}×${cols} entries, got ${matrix.length}`);
  const norms = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let k = 0; k < cols; k++) norms[k] += matrix[r + k] * matrix[r + k];
  }
  const ranked = Array.from({ length: cols }, (_, k) => k).sort((k, l) => norms[l] - norms[k] || k - l);
  const top = Math.min(cols, Math.max(cols > 0 ? 1 : 0, Math.round(fraction * cols)));
  const columns = top <= maxColumns ? ranked.slice(0, top) : Array.from({ length: maxColumns }, (_, r) => ranked[Math.floor((r * top) / maxColumns)]);
  const U = columns.length;
  const sel = new Float64Array(U * rows);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let u = 0; u < U; u++) sel[u * rows + i] = matrix[r + columns[u]];
  }
  return { D: similarityMatrix(sel, U, rows), columns, top };
}
