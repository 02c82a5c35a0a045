/** One cell of zhou2022-fig4: train at (γ2, γ3) and width m on the 4-point data (threeLayerScales: β1 = 1, B = 1), measure RD(W¹), RD(W²). */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import { trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOfThreeLayer } from '../shared/threeLayerRun.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const trained = trainThreeLayer({
    data: toy1d(),
    m: p.m,
    scales: threeLayerScales(p.m, p.gamma2, p.gamma3),
    seed,
    protocol: p.protocol,
    onProgress: ctx.progress,
  });
  return { ...outcomeOfThreeLayer(trained), rdW1: trained.rdW1, rdW2: trained.rdW2, w1AtFloor: trained.floor.w1.atFloor };
}
