/**
 * The data of the chen2024 experiments (this reproduction's choice: the
 * paper's data are not in the available text): n points drawn uniformly from
 * [−1, 1]^d from a seed, and the target
 *
 *   y = c · (tanh(2 x₁) + x₂ / 2),   c the target scale (default 1),
 *
 * returned with the bias coordinate appended (x̃ = (x, 1)). tanh is fdlibm's
 * (./fdlibm.ts), the same bits in every JavaScript engine.
 */
import { uniformSource } from '../random.js';
import { tanh } from './fdlibm.js';
import type { AugmentedData } from './network.js';

export function chen2024Data({ n, d, seed, scale = 1 }: { n: number; d: number; seed: number; scale?: number }): AugmentedData {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`chen2024Data: n = ${n} must be a positive integer`);
  if (!(Number.isInteger(d) && d >= 2)) throw new Error(`chen2024Data: d = ${d} must be an integer ≥ 2 (the target reads x₁ and x₂)`);
  const next = uniformSource(seed);
  const d1 = d + 1;
  const x = new Float64Array(n * d1);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d1 + j] = 2 * next() - 1;
    x[i * d1 + d] = 1;
    y[i] = scale * (tanh(2 * x[i * d1]) + x[i * d1 + 1] / 2);
  }
  return { n, d1, x, y };
}
