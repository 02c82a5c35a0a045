/** One cell of chen2023-phase: alignment with ±z when the loss leaves its plateau. */
import { points1d } from '../../src/engine/data/points1d.js';
import { targetDirection } from '../../src/engine/metrics/alignment.js';
import { twoLayerSmoothKernel } from '../../src/engine/twoLayer/kernelSmooth.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { neuronRows, weightedAlignment } from '../shared/neurons.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = points1d(p.target);
  const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n;
  // α = 1: κ = β1 β2 = m^{−γ}, κ' = β1/β2 = m^{−γ'}
  const scales = { alpha: 1, beta1: p.m ** (-(p.gamma + p.gammaPrime) / 2), beta2: p.m ** (-(p.gamma - p.gammaPrime) / 2) };
  const trained = trainTwoLayer({
    data,
    m: p.m,
    scales,
    activation: 'tanh',
    seed,
    antisymmetric: false,
    protocol: { ...p.protocol, tol: p.plateauEnd * L0 },
    model: twoLayerSmoothKernel,
    onProgress: ctx.progress,
  });
  const rows = neuronRows(trained.gd.final.w, p.m); // (m, 2): row k = (w_k, b_k)
  const { alignment } = weightedAlignment(trained.gd.final.a, rows, p.m, targetDirection(data.x, data.y, data.n, data.d));
  return { ...outcomeOf(trained), alignment, rdW: trained.rdW };
}
