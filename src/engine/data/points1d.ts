/**
 * One-dimensional point sets with a choice of target, on the inputs of
 * luo2021's data: x = (−1/2, −1/6, 1/6, 1/2).
 *
 *   'square': y = x²  (luo2021 Fig. 2; the same as toy1d())
 *   'linear': y = x   (this reproduction's choice for chen2023 [G]: its matrix
 *             M = (1/n) Σ y_i x̃_i x̃_iᵀ is indefinite, so an activation of
 *             multiplicity p = 2 can condense on two lines, not one)
 */
import type { Dataset } from './toy1d.js';

export type Target1d = 'square' | 'linear';

export function points1d(target: Target1d): Dataset {
  const xs = [-1 / 2, -1 / 6, 1 / 6, 1 / 2];
  const f = target === 'square' ? (v: number) => v * v : (v: number) => v;
  return { x: Float32Array.from(xs), y: Float32Array.from(xs, f), n: xs.length, d: 1, dOut: 1 };
}
