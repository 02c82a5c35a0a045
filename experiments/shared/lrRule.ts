/**
 * The two learning-rate rules of the luo2021 two-layer runs: this
 * reproduction's `stiffness` rule (twoLayerLrScale in
 * src/engine/twoLayer/train.ts, lr = lr0 · min(α, α²/(m β1 β2))) and the
 * authors' `code` rule (twoLayerLrScaleS6, lr = lr0 · α √(β1 β2)).
 *
 * trainTwoLayer always multiplies lr0 by the stiffness scale; a run under the
 * code's rule passes lr0 · lrRuleFactor instead, so that its step is
 * lr0 · α √(β1 β2) exactly as in the code, and the halving protocol halves it
 * in the same way. (Leaving the engine untouched keeps every other cell's key.)
 */
import { type TwoLayerScales, twoLayerLrScaleS6 } from '../../src/engine/twoLayer/parametrisation.js';
import { twoLayerLrScale } from '../../src/engine/twoLayer/train.js';

export type LrRule = 'stiffness' | 'code';

/** The factor by which lr0 is multiplied so that trainTwoLayer steps by the rule's scale. */
export function lrRuleFactor(rule: LrRule, scales: TwoLayerScales, m: number): number {
  return rule === 'stiffness' ? 1 : twoLayerLrScaleS6(scales) / twoLayerLrScale(scales, m);
}

/** The step size of a run: lr0 (as passed to trainTwoLayer, after halvings) times the stiffness scale. */
export function stepSize(lr0: number, scales: TwoLayerScales, m: number): number {
  return lr0 * twoLayerLrScale(scales, m);
}
