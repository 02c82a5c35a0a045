/**
 * chen2024 Fig. 3 ("loss and max singular value" [V caption]): deep matrix
 * factorisation P = W3 W2 W1 fitted by GD to the observed entries of a
 * low-rank matrix (src/engine/models/deepMatrixFactorisation.ts,
 * src/engine/data/matrixCompletion.ts). From a small initialisation the
 * singular values of P grow one at a time, each after a plateau of the loss:
 * the low-rank bias that chen2024 relates to condensation. Sizes, rank,
 * observation ratio, depth (3), initialisation and lr are this reproduction's
 * choice.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';

export const config = z
  .object({
    n: z.number().int().min(2),
    rank: z.number().int().min(1),
    /** observation ratio |Ω| / n² */
    p: z.number().gt(0).lte(1),
    /** every factor entry N(0, σ²) */
    sigma: z.number().positive(),
    lr: z.number().positive(),
    steps: z.number().int().positive(),
    snapshots: z.number().int().min(10),
    /** singular values recorded: the largest `singular` */
    singular: z.number().int().min(1),
    taskSeed: z.number().int().nonnegative(),
    seed: z.number().int().nonnegative(),
  })
  .strict()
  .refine((c) => c.rank <= c.n && c.singular <= c.n, { message: 'rank and singular must be at most n', path: ['rank'] });

export type Config = z.infer<typeof config>;
export const params = config;
export type Params = Config;

export const result = z.object({
  status: z.enum(['ok', 'diverged']),
  observed: z.number().int(),
  /** singular values of the target M (the largest `singular`) */
  targetSingular: z.array(z.number()),
  snapshots: z.array(z.object({ step: z.number().int(), loss: z.number().nullable(), singular: z.array(z.number()) })),
  finalLoss: z.number().nullable(),
  /** mean squared error on the unobserved entries at the end */
  testError: z.number().nullable(),
  path: z.literal('float64'),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'chen2024-fig3': {
    title: 'Deep matrix factorisation: loss and singular values over training',
    row: z.discriminatedUnion('mark', [
      z.object({ mark: z.literal('loss'), step: z.number().int(), loss: z.number().nullable() }),
      /** the k-th largest singular value of P = W3W2W1 (k = 1 is the maximum) */
      z.object({ mark: z.literal('sv'), step: z.number().int(), k: z.number().int(), value: z.number() }),
      /** the k-th singular value of the target M */
      z.object({ mark: z.literal('target'), k: z.number().int(), value: z.number() }),
      /** first snapshot at which σ_k(P) exceeds half of σ_k(M) */
      z.object({ mark: z.literal('jump'), k: z.number().int(), step: z.number().int() }),
    ]),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.number())])),
  },
};

export default defineExperiment<Config, Params, Result>({
  id: 'chen2024-fig3',
  title: 'Deep matrix factorisation from a small initialisation: incremental, low-rank growth',
  paper: 'chen2024',
  config,
  profiles: {
    quick: { n: 12, rank: 2, p: 0.5, sigma: 1e-3, lr: 1, steps: 6000, snapshots: 60, singular: 3, taskSeed: 3, seed: 5 },
    paper: { n: 20, rank: 4, p: 0.5, sigma: 1e-3, lr: 1, steps: 24_000, snapshots: 400, singular: 5, taskSeed: 3, seed: 5 },
  },
  cells: (c) => [{ id: `n=${c.n},rank=${c.rank}`, seed: c.seed, params: c }],
  params,
  result,
  figures,
});
