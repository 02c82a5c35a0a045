/** One cell of luo2021-fig5: RD(θ*_w) at one (γ, γ', m) on the first n MNIST training images. */
import { loadMnist, scalarTargets } from '../../src/engine/data/mnist.js';
import { twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const images = loadMnist({ split: 'train', n: p.n, scaling: p.scaling });
  // luo2021 §4.1.2: the output is the label 0–9 itself, fitted by the squared loss
  const data = { x: images.x, y: scalarTargets(images.labels), n: images.n, d: images.d, dOut: 1 };
  // the authors' MNIST script: β1 = 1, β2 = m^{γ'}, α = m^{γ+γ'}
  const scales = twoLayerScales(p.m, p.gamma, p.gammaPrime, 1);
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
  return { ...outcomeOf(trained), rdW: trained.rdW };
}
