/** The one cell of introduction-demo: plain gradient descent at a fixed lr, with log-spaced snapshots. */
import { linspace } from '../../src/engine/data/toy1d.js';
import { lectureData, lectureFeatures, lectureTarget } from '../../src/engine/lecture/demo1d.js';
import { logSpacedSteps } from '../../src/engine/train/gd.js';
import { TwoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { initTwoLayer } from '../../src/engine/twoLayer/params.js';
import { predictTwoLayer } from '../../src/engine/twoLayer/predict.js';
import { finite, significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = lectureData(p.n);
  const sigma0 = p.m ** -p.initExponent;
  // h(x) = Σ a_k σ(w_k x + b_k): α = 1, and a_k, w_k, b_k all ~ N(0, σ0²)
  const init = initTwoLayer(p.m, 1, { beta1: sigma0, beta2: sigma0 }, seed);
  const model = new TwoLayerKernel(init, data.x, data.y, data.n, 1);
  const gridX = linspace(-1, 1, p.grid);
  const marks = new Set(logSpacedSteps(p.steps, p.snapshots));
  const snapshots: Result['snapshots'] = [];
  let status: Result['status'] = 'completed';
  let steps = 0;
  let finalLoss = Number.NaN;
  try {
    for (let step = 0; step <= p.steps; step++) {
      // the kernel's loss is L = (1/n) Σ (h(x_i) − y_i)², and update(lr) the step θ ← θ − lr ∇L
      const L = model.loss();
      steps = step;
      finalLoss = L;
      if (!Number.isFinite(L)) {
        status = 'diverged';
        break;
      }
      if (marks.has(step)) {
        const params = model.read();
        const { theta, amplitude } = lectureFeatures(params.w, p.m);
        snapshots.push({
          step,
          loss: finite(L),
          theta: significant(theta, 4),
          amplitude: significant(amplitude, 4),
          output: significant(predictTwoLayer(params, 1, 'relu', gridX, p.grid, 'float64'), 5).map(finite),
        });
      }
      if (step === p.steps) break;
      model.update(p.lr);
      if (step % 2000 === 0) ctx.progress(step / p.steps);
    }
  } finally {
    model.dispose();
  }
  return {
    path: 'wasm-kernel',
    status,
    steps,
    finalLoss: finite(finalLoss),
    sigma0,
    data: { x: Array.from(data.x), y: Array.from(data.y) },
    grid: { x: significant(gridX, 6), target: significant(Array.from(gridX, lectureTarget), 6) },
    snapshots,
  };
}
