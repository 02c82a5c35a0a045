/**
 * Seeded random numbers, independent of the TensorFlow.js backend, so that
 * the same seed gives the same initial parameters on every backend.
 */
import { randomLcg, randomNormal } from 'd3-random';

/** randomLcg takes a seed in [0, 1); spread integer seeds over it. */
const unitSeed = (seed: number) => ((Math.imul(seed | 0, 0x9e3779b1) >>> 0) + 0.5) / 2 ** 32;

/** A source of standard normal draws from an integer seed. */
export function normalSource(seed: number): () => number {
  return randomNormal.source(randomLcg(unitSeed(seed)))(0, 1);
}

/** A source of uniform draws in [0, 1) from an integer seed. */
export function uniformSource(seed: number): () => number {
  return randomLcg(unitSeed(seed));
}

/** n draws from N(0, std²) as a Float32Array. */
export function normalArray(next: () => number, n: number, std: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = std * next();
  return out;
}
