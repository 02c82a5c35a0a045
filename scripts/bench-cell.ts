/**
 * The cell that `npm run bench` sweeps to measure `--jobs` scaling: a fixed
 * number of gradient steps of the three-layer ReLU kernel (n = 4, d = 1).
 */
import { toy1d } from '../src/engine/data/toy1d.js';
import { ThreeLayerKernel } from '../src/engine/kernels/reluKernels.js';
import type { ThreeLayerParams } from '../src/engine/models/threeLayerParams.js';
import { normalArray, normalSource } from '../src/engine/random.js';
import type { CellSpec } from '../src/pipeline/experiment.js';

export function run({ seed, params }: CellSpec<{ m: number; steps: number }>): { loss: number } {
  const { m, steps } = params;
  const next = normalSource(seed);
  const p: ThreeLayerParams = {
    m,
    d: 1,
    dOut: 1,
    a: normalArray(next, m, 1 / Math.sqrt(m)),
    w2: normalArray(next, (m + 1) * m, 1 / Math.sqrt(m)),
    w1: normalArray(next, 2 * m, 1),
  };
  const data = toy1d();
  const model = new ThreeLayerKernel(p, data.x, data.y, data.n, 1);
  let loss = NaN;
  for (let s = 0; s < steps; s++) {
    loss = model.loss();
    model.update(1e-3);
  }
  model.dispose();
  return { loss };
}
