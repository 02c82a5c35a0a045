/** One cell of zhou2022-table2: train one row of Table 2 at width m to R_S < tol, measure RD(W1), RD(W2). */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { zhou2022Table2, zhou2022Table2Scales } from '../../src/engine/threeLayer/table2.js';
import { trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOfThreeLayer } from '../shared/threeLayerRun.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const trained = trainThreeLayer({
    data: toy1d(),
    m: p.m,
    scales: zhou2022Table2Scales(zhou2022Table2[p.row], p.m),
    seed,
    protocol: p.protocol,
    onProgress: ctx.progress,
  });
  return { ...outcomeOfThreeLayer(trained), rdW1: trained.rdW1, rdW2: trained.rdW2, rdA: trained.rdA };
}
