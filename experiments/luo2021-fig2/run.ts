/** One cell of luo2021-fig2: train a two-layer ReLU net at one γ. */
import { toy1d, linspace } from '../../src/engine/data/toy1d.js';
import { orientationAmplitude } from '../../src/engine/metrics/features.js';
import { twoLayerPredict, type TwoLayerParams } from '../../src/engine/models/twoLayer.js';
import { twoLayerScales } from '../../src/engine/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/train/twoLayerRun.js';
import { finite, significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = toy1d();
  const scales = twoLayerScales(p.m, p.gamma, p.gammaPrime);
  const { path, gd, rdW } = trainTwoLayer({
    data,
    m: p.m,
    scales,
    activation: 'relu',
    seed,
    antisymmetric: false,
    lr0: p.lr0,
    tol: p.tol,
    maxSteps: p.maxSteps,
    maxRestarts: p.maxRestarts,
    onProgress: ctx.progress,
  });
  const grid = linspace(-0.5, 0.5, p.curvePoints);
  const f = twoLayerPredict(gd.final, scales.alpha, 'relu', grid, grid.length);
  const feat = (params: TwoLayerParams) => {
    const list = orientationAmplitude(params.a, params.w, p.m);
    return { orientation: significant(list.map((n) => n.orientation)), amplitude: significant(list.map((n) => n.amplitude)) };
  };
  return {
    path,
    status: gd.status,
    steps: gd.steps,
    finalLoss: finite(gd.finalLoss),
    lr0: gd.lr0,
    lr: gd.lr,
    restarts: gd.restarts.length,
    ...scales,
    rdW,
    trajectory: gd.trajectory.map(({ step, loss }) => ({ step, loss: finite(loss) })),
    curve: { x: significant(grid), f: significant(f) },
    initial: feat(gd.initial),
    final: feat(gd.final),
  };
}
