/**
 * Cosine similarity between neurons (zhou2022 §5.3.1, luo2021):
 *
 *   D(u, v) = uᵀv / ((uᵀu)^{1/2} (vᵀv)^{1/2})
 *
 * Neuron vectors are passed as a row-major matrix `rows` of shape (count, dim):
 * row k = rows[k*dim .. (k+1)*dim). (The two-layer model stores W as (d+1, m)
 * with neurons in columns: pass `transpose(W, d+1, m)`.)
 *
 * Convention for a zero vector: D(0, v) = 0 for every v ≠ itself and D(0, 0) = 1
 * on the diagonal, so a similarity matrix always has a unit diagonal.
 * Everything is accumulated in float64.
 */

import { normalizeRows, rowNorms } from './rows.js';

type Vec = ArrayLike<number>;

/** D(u, v) = uᵀv / (|u| |v|); 0 if either vector is zero. */
export function cosineSimilarity(u: Vec, v: Vec): number {
  if (u.length !== v.length) throw new Error(`cosineSimilarity: lengths ${u.length} ≠ ${v.length}`);
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let j = 0; j < u.length; j++) {
    uv += u[j] * v[j];
    uu += u[j] * u[j];
    vv += v[j] * v[j];
  }
  if (uu === 0 || vv === 0) return 0;
  const D = uv / (Math.sqrt(uu) * Math.sqrt(vv));
  return Math.max(-1, Math.min(1, D));
}

/** (rows, cols) row-major → (cols, rows) row-major. */
export function transpose(matrix: Vec, rows: number, cols: number): Float64Array {
  if (matrix.length !== rows * cols) throw new Error(`transpose: expected ${rows}×${cols} = ${rows * cols} entries, got ${matrix.length}`);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = matrix[i * cols + j];
  }
  return out;
}

/** The rows listed in `indices`, in that order → (indices.length, dim). */
export function selectRows(rows: Vec, dim: number, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length * dim);
  for (let r = 0; r < indices.length; r++) {
    const k = indices[r];
    for (let j = 0; j < dim; j++) out[r * dim + j] = rows[k * dim + j];
  }
  return out;
}

/**
 * D_{kk'} = D(row_k, row_k') for all pairs → (count, count) row-major.
 * Exactly symmetric, with D_kk = 1 (also for a zero row, by convention)
 * and every entry clamped to [−1, 1]. Cost O(count² dim).
 */
export function similarityMatrix(rows: Vec, count: number, dim: number): Float64Array {
  checkShape('similarityMatrix', rows, count, dim);
  const unit = normalizeRows(rows, count, dim); // (count, dim)
  const D = new Float64Array(count * count);
  for (let k = 0; k < count; k++) {
    D[k * count + k] = 1;
    for (let l = k + 1; l < count; l++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += unit[k * dim + j] * unit[l * dim + j];
      s = Math.max(-1, Math.min(1, s));
      D[k * count + l] = s;
      D[l * count + k] = s;
    }
  }
  return D;
}

/** How many rows `topByNorm` keeps: M = round(fraction · count), at least 1 (when count ≥ 1). */
export function topCount(count: number, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`topCount: fraction must be in (0, 1], got ${fraction}`);
  return Math.min(count, Math.max(count > 0 ? 1 : 0, Math.round(fraction * count)));
}

/**
 * Indices of the M = round(fraction · count) rows with the largest norm
 * (zhou2022 Fig. 3: "the half of the neurons with the largest norm"),
 * ranked: position r holds the row with the (r+1)-th largest norm (the W_[k]
 * of the ζ formula). Ties in norm go to the lower index.
 */
export function topByNorm(rows: Vec, count: number, dim: number, fraction = 0.5): number[] {
  const norms = rowNorms(rows, count, dim);
  const order = Array.from({ length: count }, (_, k) => k);
  order.sort((k, l) => norms[l] - norms[k] || k - l);
  return order.slice(0, topCount(count, fraction));
}

/**
 * Leading eigenvector (largest eigenvalue) of a symmetric (count, count) matrix
 * by power iteration, in float64.
 *
 * - Start: a fixed pseudo-random positive vector (a linear congruential
 *   sequence), so that a degenerate leading eigenspace — e.g. two orthogonal
 *   blocks of equal size — still gives a vector with distinct block values.
 * - If the dominant eigenvalue in magnitude is negative, the iteration is
 *   repeated on D + |λ| I, which converges to the largest (algebraic) one,
 *   as np.argmax(eigenvalues) picks.
 * - Sign fixed so that the entry of largest magnitude is positive (the lowest
 *   index among ties).
 * Stops when ‖v_{t+1} − v_t‖ < tol or after maxIter steps.
 */
export function leadingEigenvector(
  D: Vec,
  count: number,
  { tol = 1e-10, maxIter = 1000 }: { tol?: number; maxIter?: number } = {},
): { vector: Float64Array; eigenvalue: number; iterations: number } {
  if (D.length !== count * count) throw new Error(`leadingEigenvector: expected ${count}×${count} entries, got ${D.length}`);
  let run = powerIteration(D, count, 0, tol, maxIter);
  if (run.eigenvalue < 0) {
    const shifted = powerIteration(D, count, -run.eigenvalue, tol, maxIter);
    run = { ...shifted, iterations: run.iterations + shifted.iterations }; // eigenvalue already unshifted
  }
  const v = run.vector;
  let big = 0;
  for (let i = 1; i < count; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
  if (count > 0 && v[big] < 0) for (let i = 0; i < count; i++) v[i] = -v[i];
  return run;
}

/** v ← (D + shift·I) v / ‖·‖ until converged; eigenvalue = Rayleigh quotient of D + shift·I. */
function powerIteration(D: Vec, count: number, shift: number, tol: number, maxIter: number) {
  let v = new Float64Array(count);
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    v[i] = 0.5 + seed / 2 ** 32;
  }
  normalize(v);
  let w = new Float64Array(count);
  let eigenvalue = 0;
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    // w = (D + shift I) v
    for (let i = 0; i < count; i++) {
      let s = shift * v[i];
      for (let j = 0; j < count; j++) s += D[i * count + j] * v[j];
      w[i] = s;
    }
    // Rayleigh quotient vᵀ(D + shift I)v with |v| = 1
    eigenvalue = 0;
    for (let i = 0; i < count; i++) eigenvalue += v[i] * w[i];
    if (normalize(w) === 0) break;
    // the dominant eigenvalue may be negative: compare up to sign
    const sgn = eigenvalue < 0 ? -1 : 1;
    let diff = 0;
    for (let i = 0; i < count; i++) diff += (sgn * w[i] - v[i]) ** 2;
    for (let i = 0; i < count; i++) w[i] *= sgn;
    [v, w] = [w, v];
    if (Math.sqrt(diff) < tol) {
      iterations++;
      break;
    }
  }
  return { vector: v, eigenvalue: eigenvalue - shift, iterations };
}

function normalize(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return n;
}

/**
 * A neuron order that makes the blocks of a similarity matrix visible.
 * Returns a permutation of 0..count−1; deterministic (fixed start vector,
 * fixed eigenvector signs, ties to the lower index).
 *
 * method 'eigenvector' (default): ascending entries of the leading eigenvector
 *   of D, as the group's `seperate_vectors_by_eigenvector` does (np.argsort of
 *   the eigenvector of the largest eigenvalue; science.md [G]). Opposite blocks
 *   (D ≈ −1) and blocks of unequal weight separate cleanly. Limitation (shared
 *   with the original): with two orthogonal blocks of (nearly) equal size the
 *   top two eigenvalues are nearly degenerate, the computed eigenvector is a
 *   noise-dependent mix, and the blocks can interleave.
 * method 'angular': embed neuron i in the plane of the top two eigenvectors,
 *   (√λ1 v1_i, √λ2 v2_i) — for unit rows this is their best rank-2 projection,
 *   and for rows that span a plane it is the rows themselves up to a rotation —
 *   sort by the polar angle and cut the circle at its largest angular gap.
 *   Separates any blocks whose directions differ within that plane (±,
 *   orthogonal, several orientations of a 2-d feature), at twice the cost.
 */
export function orderForBlocks(D: Vec, count: number, method: 'eigenvector' | 'angular' = 'eigenvector'): number[] {
  const first = leadingEigenvector(D, count);
  const order = Array.from({ length: count }, (_, k) => k);
  if (method === 'eigenvector' || count < 3) {
    const v = first.vector;
    order.sort((k, l) => v[k] - v[l] || k - l);
    return order;
  }
  // second eigenvector: leading eigenvector of the deflated D − λ1 v1 v1ᵀ
  const v1 = first.vector;
  const lambda1 = Math.max(first.eigenvalue, 0);
  const deflated = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) deflated[i * count + j] = D[i * count + j] - first.eigenvalue * v1[i] * v1[j];
  }
  const second = leadingEigenvector(deflated, count);
  const lambda2 = Math.max(second.eigenvalue, 0);
  const v2 = second.vector;
  // polar angle in the (√λ1 v1, √λ2 v2) plane, in (−π, π]
  const angle = Float64Array.from({ length: count }, (_, i) => Math.atan2(Math.sqrt(lambda2) * v2[i], Math.sqrt(lambda1) * v1[i]));
  order.sort((k, l) => angle[k] - angle[l] || k - l);
  // cut the circle after the largest gap (the wrap-around gap included)
  let cut = 0;
  let widest = angle[order[0]] + 2 * Math.PI - angle[order[count - 1]];
  for (let r = 1; r < count; r++) {
    const gap = angle[order[r]] - angle[order[r - 1]];
    if (gap > widest) {
      widest = gap;
      cut = r;
    }
  }
  return [...order.slice(cut), ...order.slice(0, cut)];
}

/** D[order][:, order] → (count, count). */
export function permuteMatrix(D: Vec, count: number, order: ArrayLike<number>): Float64Array {
  if (order.length !== count) throw new Error(`permuteMatrix: order has ${order.length} entries for ${count} rows`);
  const out = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) out[i * count + j] = D[order[i] * count + order[j]];
  }
  return out;
}

/**
 * Block-average a (count, count) matrix down to (size, size), size = min(count, maxSize),
 * for storage. Bin b holds the indices [⌊b·count/size⌋, ⌊(b+1)·count/size⌋);
 * entry (b, c) is the mean of D over bin b × bin c. With count ≤ maxSize
 * the matrix is returned unchanged (as a copy).
 */
export function downsampleMatrix(D: Vec, count: number, maxSize: number): { size: number; data: Float64Array } {
  if (D.length !== count * count) throw new Error(`downsampleMatrix: expected ${count}×${count} entries, got ${D.length}`);
  if (!(maxSize >= 1)) throw new Error(`downsampleMatrix: maxSize must be ≥ 1, got ${maxSize}`);
  const size = Math.min(count, Math.floor(maxSize));
  const edge = Array.from({ length: size + 1 }, (_, b) => Math.floor((b * count) / size));
  const data = new Float64Array(size * size);
  for (let b = 0; b < size; b++) {
    for (let c = 0; c < size; c++) {
      let s = 0;
      for (let i = edge[b]; i < edge[b + 1]; i++) {
        for (let j = edge[c]; j < edge[c + 1]; j++) s += D[i * count + j];
      }
      data[b * size + c] = s / ((edge[b + 1] - edge[b]) * (edge[c + 1] - edge[c]));
    }
  }
  return { size, data };
}

function checkShape(name: string, rows: Vec, count: number, dim: number): void {
  if (rows.length !== count * dim) throw new Error(`${name}: expected (${count}, ${dim}) = ${count * dim} entries, got ${rows.length}`);
}
