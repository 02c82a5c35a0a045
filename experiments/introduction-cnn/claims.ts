/** Claims of content/introduction.mdx about the CNN on MNIST (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'introduction-cnn-random',
    page: 'introduction',
    figure: 'introduction-cnn',
    statement: 'At initialisation the kernels are as unrelated as independent random directions.',
    quantity: 'mean |D| over pairs of distinct kernels at initialisation',
    measure: (d) => num(d, 'mean_abs_d_initial'),
    paper: null,
    reference: { label: 'its expectation for independent random directions', value: (d) => num(d, 'mean_abs_d_random') },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.15, relative: true },
    stated: 'reproduced',
  }),
  claim({
    id: 'introduction-cnn-condensed',
    page: 'introduction',
    figure: 'introduction-cnn',
    statement: 'After training the kernels have condensed into a few groups of nearly parallel or antiparallel kernels.',
    quantity: '% of pairs of kernels with |D| > 0.9 after training',
    measure: (d) => num(d, 'aligned_trained'),
    paper: null,
    criterion: { kind: 'above', bound: 20, partly: 5, why: 'none at initialisation; the lecture’s figure shows most kernels in groups' },
    stated: 'partly',
  }),
  claim({
    id: 'introduction-cnn-test-accuracy',
    page: 'introduction',
    figure: 'introduction-cnn',
    statement: 'The network reaches the lecture’s test accuracy.',
    quantity: 'test accuracy (%)',
    measure: (d) => num(d, 'test_accuracy'),
    paper: { value: 97.62, source: 'lecture slides' },
    criterion: { kind: 'within', tolerance: 1, partly: 3, why: 'percentage points' },
    stated: 'partly',
  }),
  claim({
    id: 'introduction-cnn-train-accuracy',
    page: 'introduction',
    figure: 'introduction-cnn',
    statement: 'The network reaches the lecture’s training accuracy.',
    quantity: 'training accuracy (%)',
    measure: (d) => num(d, 'train_accuracy'),
    paper: { value: 100, source: 'lecture slides' },
    criterion: { kind: 'within', tolerance: 1, partly: 3, why: 'percentage points' },
    stated: 'partly',
  }),
];
