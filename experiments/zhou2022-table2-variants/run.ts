/**
 * One cell of zhou2022-table2-variants: a row of Table 2 trained at width m
 * on one of the two candidate data sets with one lr0; RD of W¹ and W² with
 * and without their biases, from the same run.
 */
import { teaching4 } from '../../src/engine/data/teaching4.js';
import { toy1d } from '../../src/engine/data/toy1d.js';
import { relativeDistance } from '../../src/engine/metrics/relativeDistance.js';
import { zhou2022Table2, zhou2022Table2Scales } from '../../src/engine/threeLayer/table2.js';
import { trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOfThreeLayer } from '../shared/threeLayerRun.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = p.data === 'teaching' ? teaching4() : toy1d();
  const trained = trainThreeLayer({
    data,
    m: p.m,
    scales: zhou2022Table2Scales(zhou2022Table2[p.row], p.m),
    seed,
    protocol: p.protocol,
    onProgress: ctx.progress,
  });
  const { initial, final } = trained.gd;
  const m = p.m;
  // W¹ is (d+1, m) with the biases in row d = 1; W² is (m+1, m) with the biases in row m
  return {
    ...outcomeOfThreeLayer(trained),
    rdW1: trained.rdW1,
    rdW2: trained.rdW2,
    rdW1NoBias: relativeDistance(final.w1.subarray(0, m), initial.w1.subarray(0, m)),
    rdW2NoBias: relativeDistance(final.w2.subarray(0, m * m), initial.w2.subarray(0, m * m)),
  };
}
