/**
 * Norms and unit vectors of the rows of a row-major (count, dim) matrix,
 * accumulated in float64.
 */

type Vec = ArrayLike<number>;

/** ‖row_k‖₂ for each of the `count` rows of a (count, dim) matrix → (count). */
export function rowNorms(rows: Vec, count: number, dim: number): Float64Array {
  checkShape('rowNorms', rows, count, dim);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += rows[k * dim + j] ** 2;
    out[k] = Math.sqrt(s);
  }
  return out;
}

/** The unit rows ŵ_k = w_k/‖w_k‖ (a zero row stays zero) → (count, dim). */
export function normalizeRows(rows: Vec, count: number, dim: number): Float64Array {
  const norms = rowNorms(rows, count, dim);
  const out = new Float64Array(count * dim);
  for (let k = 0; k < count; k++) {
    if (norms[k] === 0) continue;
    for (let j = 0; j < dim; j++) out[k * dim + j] = rows[k * dim + j] / norms[k];
  }
  return out;
}

function checkShape(name: string, rows: Vec, count: number, dim: number): void {
  if (rows.length !== count * dim) throw new Error(`${name}: expected (${count}, ${dim}) = ${count * dim} entries, got ${rows.length}`);
}
