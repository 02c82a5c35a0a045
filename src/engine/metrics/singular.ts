/**
 * Largest singular value by power iteration on AᵀA, in float64 (chen2024
 * Fig. 3: "max singular value"):
 *
 *   v ← Aᵀ(A v) / ‖Aᵀ(A v)‖,   σ = ‖A v‖,
 *
 * from a fixed seeded start vector, until v moves by less than tol (in
 * norm) or after maxIterations. Convergence is geometric with ratio
 * (σ2/σ1)², so a near-degenerate top pair needs more iterations; σ itself
 * converges twice as fast as v.
 */
import { normalArray, normalSource } from '../random.js';

export interface SingularPair {
  sigma: number;
  /** right singular vector, length cols */
  v: Float64Array;
  /** left singular vector A v / σ, length rows (zeros if σ = 0) */
  u: Float64Array;
  iterations: number;
}

/** The top singular triple of A, (rows, cols) row-major. */
export function topSingularPair(
  A: ArrayLike<number>,
  rows: number,
  cols: number,
  { maxIterations = 10000, tol = 1e-10 }: { maxIterations?: number; tol?: number } = {},
): SingularPair {
  if (A.length !== rows * cols) throw new Error(`topSingularPair: expected ${rows}×${cols} = ${rows * cols} entries, got ${A.length}`);
  const norm = (x: Float64Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));
  const v = Float64Array.from(normalArray(normalSource(0), cols, 1)); // start
  const u = new Float64Array(rows);
  const w = new Float64Array(cols);
  const vn = norm(v);
  for (let j = 0; j < cols; j++) v[j] /= vn;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // u = A v   (rows)
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += A[i * cols + j] * v[j];
      u[i] = s;
    }
    // w = Aᵀ u   (cols)
    w.fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j] += A[i * cols + j] * u[i];
    const wn = norm(w);
    if (wn === 0) return { sigma: 0, v, u: new Float64Array(rows), iterations };
    // v ← w / ‖w‖, and how far it moved
    let moved = 0;
    for (let j = 0; j < cols; j++) {
      const vj = w[j] / wn;
      moved += (vj - v[j]) ** 2;
      v[j] = vj;
    }
    if (Math.sqrt(moved) <= tol) break;
  }
  // final σ and u from the last v
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += A[i * cols + j] * v[j];
    u[i] = s;
  }
  const sigma = norm(u);
  for (let i = 0; i < rows; i++) u[i] /= sigma;
  return { sigma, v, u, iterations };
}

/** σ_max(A) of A, (rows, cols) row-major. */
export function largestSingularValue(A: ArrayLike<number>, rows: number, cols: number, opts?: { maxIterations?: number; tol?: number }): number {
  return topSingularPair(A, rows, cols, opts).sigma;
}
