/**
 * One cell of zhou2022-grid: train the three-layer network at (γ2, γ3) and
 * width m on the 4-point data (threeLayerScales: β1 = 1, B = 1) and record
 * what Figs. 5, 7 and 8 need, so that each point is trained once: RD of both
 * layers, whether each layer's motion was resolved in float32, ζ of W² (before
 * and after), and at the detail width the W¹ scatter (initial and final rows
 * (w, b) of a fixed subset of neurons) and the trained output.
 */
import { linspace, toy1d } from '../../src/engine/data/toy1d.js';
import { condensationDegreeOfColumns } from '../../src/engine/metrics/zeta.js';
import { threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import { predictThreeLayer } from '../../src/engine/threeLayer/predict.js';
import { trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import { finite, significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOfThreeLayer } from '../shared/threeLayerRun.js';
import type { Params, Result } from './experiment.js';

/** Neurons kept for the scatter: this many, evenly spaced over 0 … m−1 (the rows are i.i.d. at initialisation). */
export const SCATTER_NEURONS = 500;
/** The output is drawn on this grid of x (the data lie in [−1/2, 1/2]). */
export const CURVE_X = { lo: -0.75, hi: 0.75, n: 61 };
/** ζ on at most this many of the top-half rows of W² (zeta.ts: condensationDegreeOfColumns). */
export const ZETA_ROWS = 600;

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = toy1d();
  const scales = threeLayerScales(p.m, p.gamma2, p.gamma3);
  const trained = trainThreeLayer({ data, m: p.m, scales, seed, protocol: p.protocol, onProgress: ctx.progress });
  const { initial, final } = trained.gd;
  const m = p.m;
  const zeta0 = condensationDegreeOfColumns(initial.w2, m + 1, m, { maxRows: ZETA_ROWS });
  const zeta = condensationDegreeOfColumns(final.w2, m + 1, m, { maxRows: ZETA_ROWS });
  const result: Result = {
    ...outcomeOfThreeLayer(trained),
    rdW1: trained.rdW1,
    rdW2: trained.rdW2,
    rdA: trained.rdA,
    w1AtFloor: trained.floor.w1.atFloor,
    w2AtFloor: trained.floor.w2.atFloor,
    zeta: finite(zeta.zeta),
    zeta0: finite(zeta0.zeta),
    zetaRows: zeta.used,
  };
  if (p.detail) {
    const count = Math.min(SCATTER_NEURONS, m);
    const ks = Array.from({ length: count }, (_, r) => Math.floor((r * m) / count));
    // W1 is (d+1, m) = (2, m): row 0 the weights w_k, row 1 the biases b_k
    result.scatter = {
      w0: significant(
        ks.map((k) => initial.w1[k]),
        4,
      ),
      b0: significant(
        ks.map((k) => initial.w1[m + k]),
        4,
      ),
      w: significant(
        ks.map((k) => final.w1[k]),
        4,
      ),
      b: significant(
        ks.map((k) => final.w1[m + k]),
        4,
      ),
    };
    const x = linspace(CURVE_X.lo, CURVE_X.hi, CURVE_X.n);
    result.curve = { x: significant(x, 6), y: significant(predictThreeLayer(final, scales.alpha, x), 6) };
  }
  return result;
}
