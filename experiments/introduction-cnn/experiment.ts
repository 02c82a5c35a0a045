/**
 * introduction-cnn: condensation in a small CNN on MNIST (Zhang 2025, the
 * lecture's "condensation in CNN on MNIST", which reports 100 % training and
 * 97.62 % test accuracy). The lecture gives neither the architecture, nor the
 * initial scale, nor the optimiser: this reproduction's choices are in
 * src/engine/cnn/smallCnn.ts and below (stated on the page). The figure: the
 * cosine similarity between the first convolution layer's kernels at
 * initialisation and after training, and the accuracies.
 */
import { z } from 'zod';
import { mnistDataFiles } from '../../src/engine/data/mnist.js';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { degenerateValues } from '../shared/degenerate.js';

const activation = z.enum(['relu', 'tanh']);

export const config = z
  .object({
    /** the first nTrain training images of MNIST */
    nTrain: z.number().int().positive(),
    /** the first nTest test images */
    nTest: z.number().int().positive(),
    /** kernel side of both convolutions */
    kernel: z.number().int().min(1),
    channels1: z.number().int().min(2),
    channels2: z.number().int().min(1),
    /** activation after each convolution */
    activation,
    /** every layer's weights and biases ~ N(0, fanIn^(−2γ)) */
    gamma: z.number().positive(),
    epochs: z.number().int().positive(),
    batch: z.number().int().positive(),
    /** Adam's learning rate */
    lr: z.number().positive(),
    seed: z.number().int().nonnegative(),
  })
  .strict()
  .refine((c) => c.batch <= c.nTrain, { message: 'batch must not exceed nTrain', path: ['batch'] });

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    nTrain: z.number().int().positive(),
    nTest: z.number().int().positive(),
    kernel: z.number().int().min(1),
    channels1: z.number().int().min(2),
    channels2: z.number().int().min(1),
    activation,
    gamma: z.number().positive(),
    epochs: z.number().int().positive(),
    batch: z.number().int().positive(),
    lr: z.number().positive(),
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = z.object({
  path: z.literal('tfjs'),
  steps: z.number().int(),
  trainAccuracy: z.number(),
  testAccuracy: z.number(),
  /** mean mini-batch cross-entropy of each epoch */
  epochLoss: z.array(z.number().nullable()),
  /** initial standard deviation of each layer: conv1, conv2, dense */
  sigma: z.array(z.number()),
  /** first-layer kernels, one row of k² weights per channel (channels1 × k²), at initialisation and after training */
  initialKernels: z.array(z.number()),
  finalKernels: z.array(z.number()),
});

export type Result = z.infer<typeof result>;

const stage = z.enum(['initialisation', 'after training']);

export const figures = {
  'introduction-cnn': {
    title: 'Cosine similarity of the first convolution layer’s kernels, before and after training on MNIST',
    row: z.discriminatedUnion('mark', [
      /** D(kernel i, kernel j), kernels in one order for both stages (leading eigenvector of the trained D) */
      z.object({ mark: z.literal('cell'), stage, i: z.number().int(), j: z.number().int(), d: z.number() }),
      /** accuracy on a set, measured here and as the lecture reports it (per cent) */
      z.object({ mark: z.literal('accuracy'), set: z.enum(['training', 'test']), images: z.number().int(), measured: z.number(), lecture: z.number() }),
      /** mean mini-batch loss of an epoch */
      z.object({ mark: z.literal('loss'), epoch: z.number().int(), loss: z.number().nullable() }),
    ]),
    values: z.object({
      n_train: z.number().int(),
      n_test: z.number().int(),
      epochs: z.number().int(),
      batch: z.number().int(),
      lr: z.number(),
      gamma: z.number(),
      kernel: z.number().int(),
      channels1: z.number().int(),
      channels2: z.number().int(),
      activation,
      steps: z.number().int(),
      sigma1: z.number(),
      /** accuracies in per cent */
      train_accuracy: z.number(),
      test_accuracy: z.number(),
      lecture_train_accuracy: z.number(),
      lecture_test_accuracy: z.number(),
      /** k², the dimension of a kernel, and E|D| for independent random kernels of that dimension */
      kernel_dim: z.number().int(),
      mean_abs_d_random: z.number(),
      /** mean |D| over distinct pairs of kernels */
      mean_abs_d_initial: z.number(),
      mean_abs_d_trained: z.number(),
      /** distinct pairs with |D| > 0.9, in per cent */
      aligned_initial: z.number(),
      aligned_trained: z.number(),
      ...degenerateValues,
      /** why the run is degenerate, '' when clean */
      degenerate: z.string(),
    }),
  },
};

// tanh, not ReLU: from this initialisation, Adam's first steps can push the ReLU units' biases below every
// input (dead units); a ReLU run of the paper profile stayed on the initial loss plateau for all 10 epochs.
const shared = { kernel: 3, channels1: 32, channels2: 32, activation: 'tanh' as const, gamma: 2, lr: 0.002, seed: 4 };

export default defineExperiment<Config, Params, Result>({
  id: 'introduction-cnn',
  title: 'Condensation in a small CNN on MNIST (TensorFlow.js, small initialisation)',
  paper: 'zhang2025',
  config,
  profiles: {
    // CI-sized: fewer channels and images (3 s on the wasm backend; about a minute on the cpu backend, which
    // test/pipeline/family-boundaries.test.ts switches to)
    quick: { ...shared, nTrain: 128, nTest: 128, channels1: 16, channels2: 8, epochs: 8, batch: 16 },
    paper: { ...shared, nTrain: 5000, nTest: 10000, epochs: 10, batch: 32 },
  },
  cells: ({ seed, ...p }) => [{ id: 'cnn', seed, params: p }],
  params,
  result,
  dataFiles: () => [...mnistDataFiles('train'), ...mnistDataFiles('test')],
  figures,
});
