/** One cell of luo2021-lr-rule: a run of Fig. 3 or Fig. 4 under one learning-rate rule. */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { lrRuleFactor, stepSize } from '../shared/lrRule.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  // β1 = m^{−p}, β2 = β1 m^{γ′}, α = β1 β2 m^{γ}: Fig. 3 (γ′ = 0) and Fig. 4 (p = 0)
  const scales = twoLayerScales(p.m, p.gamma, p.gammaPrime, p.m ** -p.p);
  const factor = lrRuleFactor(p.rule, scales, p.m);
  const trained = trainTwoLayer({
    data: toy1d(),
    m: p.m,
    scales,
    activation: 'relu',
    seed,
    antisymmetric: p.antisymmetric,
    protocol: { ...p.protocol, lr0: p.protocol.lr0 * factor },
    model: twoLayerKernel,
    onProgress: ctx.progress,
  });
  const out = outcomeOf(trained);
  // lr0 as the rule states it (trainTwoLayer saw lr0 · factor)
  return { ...out, lr0: out.lr0 / factor, rdW: trained.rdW, lr: stepSize(trained.gd.lr0, scales, p.m) };
}
