/** The one cell of introduction-cnn: train the small CNN from its small initialisation. */
import { cnnFanIns, kernelRows, trainCnn } from '../../src/engine/cnn/smallCnn.js';
import { loadMnist } from '../../src/engine/data/mnist.js';
import { finite, significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const train = loadMnist({ split: 'train', n: p.nTrain, scaling: 'unit' });
  const test = loadMnist({ split: 'test', n: p.nTest, scaling: 'unit' });
  if (train.rows !== train.cols) throw new Error(`introduction-cnn: MNIST images are ${train.rows}×${train.cols}, expected square`);
  const shape = { size: train.rows, kernel: p.kernel, channels1: p.channels1, channels2: p.channels2, classes: 10, activation: p.activation };
  const trained = trainCnn({
    shape,
    x: train.x,
    labels: train.labels,
    testX: test.x,
    testLabels: test.labels,
    gamma: p.gamma,
    epochs: p.epochs,
    batch: p.batch,
    lr: p.lr,
    seed,
    onProgress: ctx.progress,
  });
  return {
    path: 'tfjs',
    steps: trained.steps,
    trainAccuracy: trained.trainAccuracy,
    testAccuracy: trained.testAccuracy,
    epochLoss: significant(trained.epochLoss, 6).map(finite),
    sigma: cnnFanIns(shape).map((f) => f ** -p.gamma),
    initialKernels: significant(kernelRows(trained.initial.w1, shape), 6),
    finalKernels: significant(kernelRows(trained.final.w1, shape), 6),
  };
}
