/**
 * Parameter snapshots during gradient descent, at chosen steps (e.g. the
 * log-spaced steps of train/gd.ts's `logSpacedSteps`), by wrapping a model:
 * the protocol itself stays unaware of them.
 */
import type { GdModel } from './gd.js';

export interface Snapshot<P> {
  /** steps taken before the snapshot (0 = initialisation) */
  step: number;
  params: P;
}

/**
 * A model that behaves like `model` and, whenever the loss is evaluated at
 * one of `steps`, appends a copy of the parameters to `into`. With restarts,
 * pass a fresh array per attempt (the wrapper counts its own steps).
 */
export function withSnapshots<P>(model: GdModel<P>, steps: Iterable<number>, into: Snapshot<P>[]): GdModel<P> {
  const wanted = new Set(steps);
  let step = 0;
  return {
    loss() {
      const L = model.loss();
      if (wanted.has(step) && into.at(-1)?.step !== step) into.push({ step, params: model.read() });
      return L;
    },
    update(lr) {
      model.update(lr);
      step++;
    },
    read: () => model.read(),
    dispose: () => model.dispose(),
  };
}
