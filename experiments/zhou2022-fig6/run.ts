/**
 * One cell of zhou2022-fig6: train the three-layer network 784–m–m–10 at
 * (γ2, γ3) and width m on the first n MNIST training images with one-hot
 * targets and the squared loss (threeLayerScales: β1 = 1, B = 1; the
 * several-output kernel, on the arithmetic protocol.precision names), and
 * record RD of both layers, whether each layer's motion was resolved, and
 * the training accuracy.
 */
import { loadMnist, oneHotTargets } from '../../src/engine/data/mnist.js';
import { threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import { predictThreeLayer } from '../../src/engine/threeLayer/predict.js';
import { trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOfThreeLayer } from '../shared/threeLayerRun.js';
import type { Params, Result } from './experiment.js';

/** MNIST's ten classes: one output per digit. */
const CLASSES = 10;

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const images = loadMnist({ split: 'train', n: p.n, scaling: p.scaling });
  const data = { x: images.x, y: oneHotTargets(images.labels, CLASSES), n: images.n, d: images.d, dOut: CLASSES };
  const scales = threeLayerScales(p.m, p.gamma2, p.gamma3);
  const trained = trainThreeLayer({ data, m: p.m, scales, seed, generator: p.generator, protocol: p.protocol, onProgress: ctx.progress });
  // the largest output of each image against its label (θ_hi on the compensated path: within half an ulp of θ)
  const f = predictThreeLayer(trained.gd.final, scales.alpha, data.x);
  let correct = 0;
  for (let i = 0; i < data.n; i++) {
    let best = 0;
    for (let o = 1; o < CLASSES; o++) if (f[i * CLASSES + o] > f[i * CLASSES + best]) best = o;
    if (best === images.labels[i]) correct++;
  }
  return {
    ...outcomeOfThreeLayer(trained),
    rdW1: trained.rdW1,
    rdW2: trained.rdW2,
    rdA: trained.rdA,
    w1AtFloor: trained.floor.w1.atFloor,
    w2AtFloor: trained.floor.w2.atFloor,
    precision: trained.precision,
    float32Status: trained.float32Run?.status ?? null,
    trainAccuracy: correct / data.n,
  };
}
