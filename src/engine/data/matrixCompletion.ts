/**
 * A seeded low-rank matrix-completion task (chen2024 Fig. 3: "loss and max
 * singular value" of deep matrix factorisation / completion [V caption];
 * sizes, rank, observation ratio and scales are [U], chosen by the caller [G]).
 *
 *   M = c · U Vᵀ,   U, V ∈ R^{n×r} with i.i.d. N(0, 1) entries,
 *   c such that the entries of M have unit root-mean-square (‖M‖_F = n).
 *
 * The observed set Ω holds exactly round(p · n²) entries: those with the
 * smallest of n² further seeded N(0, 1) draws, i.e. a uniformly random subset
 * of that size. Draw order, from one stream: U row by row, V row by row, then
 * the n² mask draws row by row.
 */
import { normalArray, normalSource } from '../random.js';

export interface MatrixCompletionTask {
  n: number;
  rank: number;
  /** observation ratio asked for; the realised one is observed.length / n² */
  p: number;
  /** M, (n, n) row-major */
  target: Float64Array;
  /** (n, n) row-major: 1 where M is observed */
  mask: Uint8Array;
  /** flat indices i·n + j of the observed entries, ascending */
  observed: Int32Array;
}

export function matrixCompletionTask({ n, rank, p, seed }: { n: number; rank: number; p: number; seed: number }): MatrixCompletionTask {
  if (!(rank >= 1 && rank <= n)) throw new Error(`matrixCompletionTask: rank ${rank} must be in 1..${n}`);
  if (!(p > 0 && p <= 1)) throw new Error(`matrixCompletionTask: observation ratio ${p} must be in (0, 1]`);
  const next = normalSource(seed);
  const U = normalArray(next, n * rank, 1); // (n, r)
  const V = normalArray(next, n * rank, 1); // (n, r)
  // M = U Vᵀ, (n, n)
  const target = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < rank; k++) s += U[i * rank + k] * V[j * rank + k];
      target[i * n + j] = s;
    }
  }
  // unit RMS entries
  const rms = Math.sqrt(target.reduce((acc, v) => acc + v * v, 0) / (n * n));
  for (let i = 0; i < n * n; i++) target[i] /= rms;
  // Ω: the round(p n²) smallest of n² normal draws
  const draws = normalArray(next, n * n, 1);
  const count = Math.round(p * n * n);
  const order = Array.from({ length: n * n }, (_, i) => i).sort((i, j) => draws[i] - draws[j] || i - j);
  const observed = Int32Array.from(order.slice(0, count)).sort();
  const mask = new Uint8Array(n * n);
  for (const idx of observed) mask[idx] = 1;
  return { n, rank, p, target, mask, observed };
}
