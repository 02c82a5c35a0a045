/**
 * The outcome fields of a two-layer run (schema `outcome` in ./protocol.ts).
 * Apart from protocol.ts so that a run's import graph (its cache key) holds
 * this function and not the zod schemas.
 */
import type { TwoLayerRun } from '../../src/engine/twoLayer/train.js';
import { finite } from '../../src/pipeline/compact.js';
import type { Outcome } from './protocol.js';

export function outcomeOf({ path, gd }: TwoLayerRun): Outcome {
  return { path, status: gd.status, steps: gd.steps, finalLoss: finite(gd.finalLoss), lr0: gd.lr0, restarts: gd.restarts.length };
}

/** The loss trajectory with non-finite losses as null. */
export function trajectoryOf({ gd }: TwoLayerRun): { step: number; loss: number | null }[] {
  return gd.trajectory.map(({ step, loss }) => ({ step, loss: finite(loss) }));
}
