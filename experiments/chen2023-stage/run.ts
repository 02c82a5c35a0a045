/** One cell of chen2023-stage: steps until the loss leaves its initial plateau. */
import { points1d } from '../../src/engine/data/points1d.js';
import { targetDirection } from '../../src/engine/metrics/condensation.js';
import { trainTwoLayer } from '../../src/engine/train/twoLayerRun.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = points1d(p.target);
  const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n; // f(θ0) ≈ 0
  const beta = p.m ** -p.s;
  const alpha = 1;
  const { gd } = trainTwoLayer({
    data,
    m: p.m,
    scales: { alpha, beta1: beta, beta2: beta },
    activation: 'tanh',
    seed,
    antisymmetric: false,
    lr0: p.lr0,
    tol: p.plateauEnd * L0,
    maxSteps: p.maxSteps,
    maxRestarts: p.maxRestarts,
    onProgress: ctx.progress,
  });
  const z = targetDirection(data.x, data.y, data.n, data.d);
  // Our loss is L = 2 R_S, so a step of lr on L is a gradient-flow time 2 lr on R_S.
  return { status: gd.status, steps: gd.steps, lr: gd.lr, restarts: gd.restarts.length, tau: (2 * gd.lr * gd.steps) / alpha, zNorm: Math.hypot(...z) };
}
