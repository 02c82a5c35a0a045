/** One cell of luo2021-fig2: train a two-layer ReLU net at one γ. */
import { linspace, toy1d } from '../../src/engine/data/toy1d.js';
import { orientationAmplitude } from '../../src/engine/metrics/features.js';
import { twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import type { TwoLayerParams } from '../../src/engine/twoLayer/params.js';
import { predictTwoLayer } from '../../src/engine/twoLayer/predict.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import { significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOf, trajectoryOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = toy1d();
  const scales = twoLayerScales(p.m, p.gamma, p.gammaPrime);
  const trained = trainTwoLayer({
    data,
    m: p.m,
    scales,
    activation: 'relu',
    seed,
    antisymmetric: false,
    protocol: p.protocol,
    model: twoLayerKernel,
    onProgress: ctx.progress,
  });
  const { gd, rdW } = trained;
  const grid = linspace(-0.5, 0.5, p.curvePoints);
  // the output curve in plain float64 (no TensorFlow.js in this run)
  const f = predictTwoLayer(gd.final, scales.alpha, 'relu', grid, grid.length);
  const feat = (params: TwoLayerParams) => {
    const list = orientationAmplitude(params.a, params.w, p.m);
    return { orientation: significant(list.map((n) => n.orientation)), amplitude: significant(list.map((n) => n.amplitude)) };
  };
  return {
    ...outcomeOf(trained),
    lr: gd.lr,
    ...scales,
    rdW,
    trajectory: trajectoryOf(trained),
    curve: { x: significant(grid), f: significant(f) },
    initial: feat(gd.initial),
    final: feat(gd.final),
  };
}
