/**
 * Condensation degree ζ (zhou2022 §5.4): how strongly the largest rows of a
 * weight matrix concentrate on one direction. Float64 throughout.
 */
import { selectRows, similarityMatrix, topByNorm } from './cosineSimilarity.js';

type Vec = ArrayLike<number>;

/**
 * ζ from a similarity matrix of M rows: the mean of |D_{kk'}| over the
 * M(M − 1) ordered pairs k ≠ k'. NaN when M < 2.
 */
export function zetaFromSimilarity(D: Vec, M: number): number {
  if (D.length !== M * M) throw new Error(`zetaFromSimilarity: expected ${M}×${M} entries, got ${D.length}`);
  if (M < 2) return NaN;
  let s = 0;
  for (let k = 0; k < M; k++) {
    for (let l = 0; l < M; l++) if (l !== k) s += Math.abs(D[k * M + l]);
  }
  return s / (M * (M - 1));
}

/**
 * Condensation degree ζ of the rows of W^{[2]} (zhou2022 §5.4, Fig. 8).
 *
 * The paper's formula is garbled in the available text; legible are a sum of
 * D(W_[k], W_[k']) over rows ranked by magnitude, and ζ ∈ [0, 1] with 1 = all
 * rows in one direction and 0 = mutually orthogonal rows. This is the
 * PROPOSED DEFAULT of the reproduction (science.md [G]), not the paper's
 * verified formula:
 *
 *   ζ = (1 / (M(M − 1))) Σ_{k ≠ k' ≤ M} |D(W_[k], W_[k'])|,
 *
 * where W_[k] is the row with the k-th largest norm and M = round(fraction · m)
 * (fraction = 1/2 by default, the half drawn in zhou2022 Fig. 3).
 * |D| counts opposite rows (one line, two orientations) as condensed.
 * For random rows in dimension n, ζ ≈ sqrt(2/(π n)). Cost O(M² dim).
 */
export function condensationDegree(rows: Vec, count: number, dim: number, fraction = 0.5): number {
  const top = topByNorm(rows, count, dim, fraction);
  const M = top.length;
  const D = similarityMatrix(selectRows(rows, dim, top), M, dim); // (M, M)
  return zetaFromSimilarity(D, M);
}

/**
 * ζ of the columns of a row-major (rows, cols) matrix (the paper's rows of
 * W^{[2]} are the columns of the engine's (m+1, m) storage), with the
 * top-`fraction` columns by norm as in condensationDegree. When that top set
 * has more than `maxRows` members, ζ is estimated on `maxRows` of them spread
 * evenly over the norm ranking (every ⌊M/maxRows⌋-th rank, deterministic): all
 * pairs of that sample, a U-statistic of the mean over pairs, so that the
 * O(M² dim) exact sum (2.5·10¹¹ products at m = 10000) is not needed.
 * Returns ζ, the top count M and the number of rows it was computed on.
 */
export function condensationDegreeOfColumns(
  matrix: Vec,
  rows: number,
  cols: number,
  { fraction = 0.5, maxRows = 600 }: { fraction?: number; maxRows?: number } = {},
): { zeta: number; top: number; used: number } {
  if (matrix.length !== rows * cols) throw new Error(`condensationDegreeOfColumns: expected ${rows}×${cols} entries, got ${matrix.length}`);
  // column norms
  const norms = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let k = 0; k < cols; k++) norms[k] += matrix[r + k] * matrix[r + k];
  }
  const ranked = Array.from({ length: cols }, (_, k) => k).sort((k, l) => norms[l] - norms[k] || k - l);
  const M = Math.min(cols, Math.max(cols > 0 ? 1 : 0, Math.round(fraction * cols)));
  const top = ranked.slice(0, M);
  const used = M <= maxRows ? top : Array.from({ length: maxRows }, (_, r) => top[Math.floor((r * M) / maxRows)]);
  // the chosen columns as rows (used.length, rows)
  const U = used.length;
  const sel = new Float64Array(U * rows);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let u = 0; u < U; u++) sel[u * rows + i] = matrix[r + used[u]];
  }
  const D = similarityMatrix(sel, U, rows);
  return { zeta: zetaFromSimilarity(D, U), top: M, used: U };
}
