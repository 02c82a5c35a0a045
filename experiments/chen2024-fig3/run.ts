/** The one cell of chen2024-fig3: GD on the observed entries, snapshots of the loss and the singular values of P. */
import { singularValues } from '../../src/engine/chen2024/measures.js';
import { matrixCompletionTask } from '../../src/engine/data/matrixCompletion.js';
import { DeepMf, deepMfProduct, initDeepMf } from '../../src/engine/models/deepMatrixFactorisation.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

const round = (v: number) => Number(v.toPrecision(6));

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const task = matrixCompletionTask({ n: p.n, rank: p.rank, p: p.p, seed: p.taskSeed });
  const model = new DeepMf(initDeepMf(p.n, p.sigma, seed), task);
  const every = Math.max(1, Math.round(p.steps / p.snapshots));
  const snapshots: Result['snapshots'] = [];
  let L = Number.NaN;
  for (let step = 0; step <= p.steps; step++) {
    L = model.loss();
    if (!Number.isFinite(L)) {
      snapshots.push({ step, loss: null, singular: [] });
      break;
    }
    if (step % every === 0 || step === p.steps) {
      snapshots.push({ step, loss: round(L), singular: singularValues(deepMfProduct(model.read()), p.n).slice(0, p.singular).map(round) });
    }
    if (step === p.steps) break;
    model.update(p.lr);
    if (step % 1000 === 0) ctx.progress(step / p.steps);
  }
  const finite = Number.isFinite(L);
  let testError: number | null = null;
  if (finite) {
    const P = deepMfProduct(model.read());
    let sum = 0;
    let count = 0;
    for (let q = 0; q < p.n * p.n; q++) {
      if (task.mask[q]) continue;
      sum += (P[q] - task.target[q]) ** 2;
      count++;
    }
    testError = count ? sum / count : null;
  }
  return {
    status: finite ? 'ok' : 'diverged',
    observed: task.observed.length,
    targetSingular: singularValues(task.target, p.n).slice(0, p.singular).map(round),
    snapshots,
    finalLoss: finite ? L : null,
    testError,
    path: 'float64',
  };
}
