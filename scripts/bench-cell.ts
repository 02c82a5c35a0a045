/**
 * The cell that `npm run bench` sweeps to measure `--jobs` scaling: a fixed
 * number of gradient steps of a ReLU kernel on the 4-point data, the
 * two-layer net (as in the luo2021 sweeps) or the three-layer net.
 */
import { toy1d } from '../src/engine/data/toy1d.js';
import { normalArray, normalSource } from '../src/engine/random.js';
import { ThreeLayerKernel } from '../src/engine/threeLayer/kernel.js';
import type { ThreeLayerParams } from '../src/engine/threeLayer/params.js';
import { TwoLayerKernel } from '../src/engine/twoLayer/kernel.js';
import { initTwoLayer } from '../src/engine/twoLayer/params.js';
import type { CellSpec } from '../src/pipeline/experiment.js';

export function run({ seed, params }: CellSpec<{ net: 'two-layer' | 'three-layer'; m: number; steps: number }>): { loss: number } {
  const { net, m, steps } = params;
  const data = toy1d();
  if (net === 'two-layer') {
    const model = new TwoLayerKernel(initTwoLayer(m, 1, { beta1: 1, beta2: 1 }, seed), data.x, data.y, data.n, m);
    let loss = NaN;
    for (let s = 0; s < steps; s++) {
      loss = model.loss();
      model.update(1e-2);
    }
    model.dispose();
    return { loss };
  }
  const next = normalSource(seed);
  const p: ThreeLayerParams = {
    m,
    d: 1,
    dOut: 1,
    a: normalArray(next, m, 1 / Math.sqrt(m)),
    w2: normalArray(next, (m + 1) * m, 1 / Math.sqrt(m)),
    w1: normalArray(next, 2 * m, 1),
  };
  const model = new ThreeLayerKernel(p, data.x, data.y, data.n, 1);
  let loss = NaN;
  for (let s = 0; s < steps; s++) {
    loss = model.loss();
    model.update(1e-3);
  }
  model.dispose();
  return { loss };
}
