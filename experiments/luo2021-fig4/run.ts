/** One cell of luo2021-fig4: RD(θ*_w) at one (γ, γ', m). */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  // β1 = 1, β2 = m^{γ'}, α = β1 β2 m^{γ}: κ = m^{−γ}, κ' = m^{−γ'}
  const scales = twoLayerScales(p.m, p.gamma, p.gammaPrime, 1);
  const trained = trainTwoLayer({
    data: toy1d(),
    m: p.m,
    scales,
    activation: 'relu',
    seed,
    antisymmetric: p.antisymmetric,
    protocol: p.protocol,
    model: twoLayerKernel,
    onProgress: ctx.progress,
  });
  return { ...outcomeOf(trained), rdW: trained.rdW, rdA: trained.rdA };
}
