/** One cell of chen2023-stage: steps until the loss leaves its initial plateau. */
import { points1d } from '../../src/engine/data/points1d.js';
import { targetDirection } from '../../src/engine/metrics/alignment.js';
import { twoLayerSmoothKernel } from '../../src/engine/twoLayer/kernelSmooth.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = points1d(p.target);
  const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n; // f(θ0) ≈ 0
  const beta = p.m ** -p.s;
  const alpha = 1;
  const trained = trainTwoLayer({
    data,
    m: p.m,
    scales: { alpha, beta1: beta, beta2: beta },
    activation: 'tanh',
    seed,
    antisymmetric: false,
    protocol: { ...p.protocol, tol: p.plateauEnd * L0 },
    model: twoLayerSmoothKernel,
    onProgress: ctx.progress,
  });
  const { gd } = trained;
  const z = targetDirection(data.x, data.y, data.n, data.d);
  // Our loss is L = 2 R_S, so a step of lr on L is a gradient-flow time 2 lr on R_S.
  return { ...outcomeOf(trained), lr: gd.lr, tau: (2 * gd.lr * gd.steps) / alpha, zNorm: Math.hypot(...z) };
}
