/** One cell of luo2021-fig3: train to convergence, measure RD(θ*_w). */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { twoLayerScales } from '../../src/engine/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/train/twoLayerRun.js';
import { finite } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  // β1 = β2 = m^{−p}, α = β1 β2 m^γ  (γ' = 0)
  const scales = twoLayerScales(p.m, p.gamma, 0, p.m ** -p.p);
  const { path, gd, rdW, rdA } = trainTwoLayer({
    data: toy1d(),
    m: p.m,
    scales,
    activation: 'relu',
    seed,
    antisymmetric: p.antisymmetric,
    lr0: p.lr0,
    tol: p.tol,
    maxSteps: p.maxSteps,
    maxRestarts: p.maxRestarts,
    onProgress: ctx.progress,
  });
  return {
    path,
    status: gd.status,
    steps: gd.steps,
    finalLoss: finite(gd.finalLoss),
    lr0: gd.lr0,
    restarts: gd.restarts.length,
    rdW,
    rdA,
    trajectory: gd.trajectory.map(({ step, loss }) => ({ step, loss: finite(loss) })),
  };
}
