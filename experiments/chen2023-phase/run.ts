/** One cell of chen2023-phase: alignment with ±z when the loss leaves its plateau. */
import { points1d } from '../../src/engine/data/points1d.js';
import { targetDirection } from '../../src/engine/metrics/alignment.js';
import { twoLayerSmoothKernel } from '../../src/engine/twoLayer/kernelSmooth.js';
import { initTwoLayer } from '../../src/engine/twoLayer/params.js';
import { restartSeed, type TwoLayerRun, trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { neuronRows, weightedAlignment } from '../shared/neurons.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = points1d(p.target);
  const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n;
  // α = 1: κ = β1 β2 = m^{−γ}, κ' = β1/β2 = m^{−γ'}
  const scales = { alpha: 1, beta1: p.m ** (-(p.gamma + p.gammaPrime) / 2), beta2: p.m ** (-(p.gamma - p.gammaPrime) / 2) };
  // The initial stage ends when the loss first falls below plateauEnd times the lower of L0 (the zero
  // function's loss) and L(θ0), the loss of the attempt's own initialisation: a run whose random initial
  // output already lies below plateauEnd · L0 must still lower its own loss, instead of stopping at step 0.
  // The halve-and-restart protocol is therefore run here, one attempt at a time (same seeds and lr0 as
  // trainTwoLayer's restarts), so that each attempt's threshold uses its own L(θ0).
  let trained: TwoLayerRun | undefined;
  let initialLoss = NaN;
  let attempt = 0;
  for (; attempt <= p.protocol.maxRestarts; attempt++) {
    const seedA = restartSeed(seed, attempt);
    const first = twoLayerSmoothKernel.create(initTwoLayer(p.m, data.d, scales, seedA, false, data.dOut), data, scales.alpha, 'tanh');
    initialLoss = first.loss();
    first.dispose();
    trained = trainTwoLayer({
      data,
      m: p.m,
      scales,
      activation: 'tanh',
      seed: seedA,
      antisymmetric: false,
      protocol: { ...p.protocol, lr0: p.protocol.lr0 / 2 ** attempt, maxRestarts: 0, tol: p.plateauEnd * Math.min(L0, initialLoss) },
      model: twoLayerSmoothKernel,
      onProgress: ctx.progress,
    });
    if (trained.gd.status !== 'unstable') break;
  }
  if (!trained) throw new Error('chen2023-phase: no attempt ran');
  const rows = neuronRows(trained.gd.final.w, p.m); // (m, 2): row k = (w_k, b_k)
  const { alignment } = weightedAlignment(trained.gd.final.a, rows, p.m, targetDirection(data.x, data.y, data.n, data.d));
  return { ...outcomeOf(trained), restarts: Math.min(attempt, p.protocol.maxRestarts), alignment, rdW: trained.rdW, initialLoss };
}
