/**
 * The outcome fields of a three-layer run (schema `threeLayerOutcome` in
 * ./threeLayerOutcome.ts). Apart from the schema so that a run's import graph
 * (its cache key) holds this function and not zod.
 */
import type { ThreeLayerRun } from '../../src/engine/threeLayer/train.js';
import { finite } from '../../src/pipeline/compact.js';
import type { ThreeLayerOutcome } from './threeLayerOutcome.js';

export function outcomeOfThreeLayer({ gd, stoppedShort }: ThreeLayerRun): ThreeLayerOutcome {
  return {
    path: 'wasm-kernel',
    status: gd.status,
    stoppedShort,
    reachedTol: gd.reachedTol,
    steps: gd.steps,
    totalSteps: gd.totalSteps,
    finalLoss: finite(gd.finalLoss),
    finalRs: finite(gd.finalRs),
    lr0: gd.lr0,
    lr: gd.lr,
    halvings: gd.halvings.length,
    toleratedRises: gd.toleratedRises.count,
  };
}
