/**
 * One cell of zhou2022-fig3: γ2 = 0.5 and one γ3 at the width m on the 4-point
 * data (threeLayerScales: β1 = 1, B = 1): the trained output, and D(u, v) of
 * the rows of W² with the largest norms (top half), ordered by the leading
 * eigenvector of D.
 */
import { linspace, toy1d } from '../../src/engine/data/toy1d.js';
import { topColumnSimilarity } from '../../src/engine/metrics/columnSimilarity.js';
import { orderForBlocks, permuteMatrix } from '../../src/engine/metrics/cosineSimilarity.js';
import { threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import { predictThreeLayer } from '../../src/engine/threeLayer/predict.js';
import { trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import { significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOfThreeLayer } from '../shared/threeLayerRun.js';
import type { Params, Result } from './experiment.js';

/** The output is drawn on this grid of x (the data lie in [−1/2, 1/2]). */
export const CURVE_X = { lo: -0.75, hi: 0.75, n: 121 };

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = toy1d();
  const scales = threeLayerScales(p.m, p.gamma2, p.gamma3);
  const trained = trainThreeLayer({ data, m: p.m, scales, seed, protocol: p.protocol, onProgress: ctx.progress });
  const { final } = trained.gd;
  const sim = topColumnSimilarity(final.w2, p.m + 1, p.m, { fraction: 0.5, maxColumns: p.heatmapRows });
  const count = sim.columns.length;
  const order = orderForBlocks(sim.D, count, 'eigenvector');
  const D = permuteMatrix(sim.D, count, order);
  const x = linspace(CURVE_X.lo, CURVE_X.hi, CURVE_X.n);
  return {
    ...outcomeOfThreeLayer(trained),
    rdW1: trained.rdW1,
    rdW2: trained.rdW2,
    w2AtFloor: trained.floor.w2.atFloor,
    top: sim.top,
    size: count,
    d: significant(D, 3),
    curve: { x: significant(x, 6), y: significant(predictThreeLayer(final, scales.alpha, x), 6) },
  };
}
