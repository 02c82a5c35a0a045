/** One cell of luo2021-fig3: train to convergence, measure RD(θ*_w). */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOf, trajectoryOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  // β1 = β2 = m^{−p}, α = β1 β2 m^γ  (γ' = 0)
  const scales = twoLayerScales(p.m, p.gamma, 0, p.m ** -p.p);
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
  return { ...outcomeOf(trained), rdW: trained.rdW, rdA: trained.rdA, trajectory: trajectoryOf(trained) };
}
