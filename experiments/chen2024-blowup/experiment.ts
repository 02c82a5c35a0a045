/**
 * chen2024, the headline claim measured: from a small initialisation of scale
 * ε, the three-layer effective model blows up in finite time, T* ∝ 1/ε
 * (chen2024 Theorem 1 "blow up"), where the two-layer one only grows
 * exponentially, T ∝ log(1/ε). Real two- and three-layer tanh networks (same
 * data, every weight N(0, ε²)) are trained by gradient descent until their loss
 * leaves its initial plateau, over ε spanning several decades, and the exit
 * times are set beside the effective models' predictions from the same
 * initial parameters (src/engine/chen2024/prediction.ts).
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';

/** Seeded data of src/engine/chen2024/data.ts. */
export const dataSpec = z
  .object({ n: z.number().int().positive(), d: z.number().int().min(2), scale: z.number().positive(), seed: z.number().int().nonnegative() })
  .strict();

const net = z.enum(['two-layer', 'three-layer']);

export const config = z
  .object({
    m: z.number().int().min(2),
    eps: z.array(z.number().positive().lt(1)).min(3),
    repeats: z.number().int().positive(),
    /** learning rate of each network (t = lr · steps) */
    lr: z.object({ 'two-layer': z.number().positive(), 'three-layer': z.number().positive() }).strict(),
    /** the plateau ends when R_S first falls below plateauEnd · R_S(θ0) */
    plateauEnd: z.number().gt(0).lt(1),
    /** give up at maxTimeFactor · t_pred (status max-steps) */
    maxTimeFactor: z.number().gt(1),
    data: dataSpec,
    seed: z.number().int().nonnegative(),
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    net,
    m: z.number().int().min(2),
    eps: z.number().positive().lt(1),
    lr: z.number().positive(),
    plateauEnd: z.number().gt(0).lt(1),
    maxTimeFactor: z.number().gt(1),
    data: dataSpec,
  })
  .strict();

export type Params = z.infer<typeof params>;

/** exited: the loss left the plateau; max-steps: it had not by maxTimeFactor · t_pred; diverged: a non-finite loss. */
export const exitStatus = z.enum(['exited', 'max-steps', 'diverged']);

export const result = z.object({
  status: exitStatus,
  /** gradient-flow time t = lr · steps at which R_S first fell below plateauEnd · R_S(θ0) (null unless exited) */
  tExit: z.number().nullable(),
  /** the effective model's prediction from the same initial parameters (prediction.ts) */
  tPred: z.number(),
  steps: z.number().int(),
  initialLoss: z.number(),
  finalLoss: z.number().nullable(),
  zNorm: z.number(),
  /** float64 gradient descent in plain TypeScript (src/engine/chen2024/network.ts) */
  path: z.literal('float64'),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'chen2024-blowup': {
    title: 'Exit time of the initial plateau against the initialisation scale, two and three layers',
    row: z.discriminatedUnion('mark', [
      /** one run */
      z.object({ mark: z.literal('run'), net, eps: z.number(), seed: z.number().int(), t_exit: z.number().nullable(), t_pred: z.number(), status: exitStatus }),
      /** least-squares fit at the end values of ε: log t = c − b log ε (three layers), t = c + b log(1/ε) (two layers) */
      z.object({ mark: z.literal('fit'), net, eps: z.number(), t: z.number() }),
    ]),
    values: z
      .object({
        m: z.number().int(),
        runs: z.number().int(),
        repeats: z.number().int(),
        not_exited: z.number().int(),
        eps_min: z.number(),
        eps_max: z.number(),
        decades: z.number(),
        z_norm: z.number(),
        inv_z: z.number(),
        lr_two: z.number(),
        lr_three: z.number(),
        /** d log t_exit / d log(1/ε), three layers (1 for T* ∝ 1/ε) */
        three_slope: z.number(),
        three_slope_se: z.number(),
        /** the same log-log slope for two layers */
        two_loglog_slope: z.number(),
        /** d t_exit / d log(1/ε), two layers (1/|z| from the linear model) */
        two_log_slope: z.number(),
        two_log_slope_se: z.number(),
        /** t_exit / t_pred, min and max over the runs of each net */
        three_ratio_min: z.number(),
        three_ratio_max: z.number(),
        two_ratio_min: z.number(),
        two_ratio_max: z.number(),
      })
      .strict(),
  },
};

const data = { n: 8, d: 5, scale: 10, seed: 1 };
const shared = { lr: { 'two-layer': 1e-3, 'three-layer': 1e-2 }, plateauEnd: 0.9, maxTimeFactor: 3, data, seed: 24 };

/** 0, 1, …, n − 1 */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export default defineExperiment<Config, Params, Result>({
  id: 'chen2024-blowup',
  title: 'Plateau exit time against initialisation scale: finite-time blow-up (three layers) against exponential growth (two layers)',
  paper: 'chen2024',
  config,
  profiles: {
    quick: { ...shared, m: 10, eps: [3e-2, 3e-3, 3e-4, 3e-5], repeats: 1 },
    paper: { ...shared, m: 20, eps: [3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5], repeats: 3 },
  },
  cells: (c) =>
    cellGrid({
      axes: { net: ['two-layer', 'three-layer'] as const, eps: c.eps, repeat: range(c.repeats) },
      baseSeed: c.seed,
      params: ({ net, eps }) => ({ net, m: c.m, eps, lr: c.lr[net], plateauEnd: c.plateauEnd, maxTimeFactor: c.maxTimeFactor, data: c.data }),
    }),
  params,
  result,
  figures,
});
