/**
 * zhou2022-fig4: RD(W¹) against the width m (log–log) at γ2 = 0 for three
 * values of γ3 on the 4-point data, with the fitted growth exponent S_W1 and
 * its standard error (zhou2022 Fig. 4).
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { threeLayerOutcome, threeLayerProtocol, threeLayerStatus } from '../shared/threeLayerOutcome.js';

export const config = z
  .object({
    gamma2: z.number(),
    gamma3s: z.array(z.number()).min(1),
    widths: z.array(z.number().int().min(2)).min(2),
    seeds: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    gamma2: z.number(),
    gamma3: z.number(),
    m: z.number().int().min(2),
    replicate: z.number().int().nonnegative(),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = threeLayerOutcome.extend({
  rdW1: z.number(),
  rdW2: z.number(),
  /** RD(W¹) below float32's resolution (train.ts): not a measurement */
  w1AtFloor: z.boolean(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'zhou2022-fig4': {
    title: 'RD(W¹) against the width at γ₂ = 0 for three values of γ₃, with the fitted growth exponents',
    row: z.discriminatedUnion('mark', [
      /** one run; degenerate (why, else null: status ≠ 'converged', RD = 0, …) or W¹ at the float32 floor: not fitted */
      z.object({
        mark: z.literal('rd'),
        gamma3: z.number(),
        m: z.number().int(),
        seed: z.number().int(),
        rd_w1: z.number(),
        status: threeLayerStatus,
        degenerate: degenerateField,
        fitted: z.boolean(),
      }),
      /** least-squares slope of log RD(W¹) on log m over all fitted runs of a γ3 (seeds pooled), its standard error, and the fitted line's ends */
      z.object({
        mark: z.literal('slope'),
        gamma3: z.number(),
        s_w1: z.number().nullable(),
        s_w1_se: z.number().nullable(),
        n: z.number().int(),
        intercept: z.number().nullable(),
      }),
    ]),
    values: z
      .object({
        gamma2: z.number(),
        widths: z.string(),
        seeds: z.number().int(),
        runs: z.number().int(),
        stopped_short: z.number().int(),
        tol: z.number(),
        max_steps: z.number().int(),
        ...degenerateValues,
      })
      .catchall(z.union([z.number(), z.string()])),
  },
};

const protocol = { lr0: 1, tol: 1e-6, maxSteps: 20_000, maxRestarts: 20 };

export default defineExperiment<Config, Params, Result>({
  id: 'zhou2022-fig4',
  title: 'RD(W¹) against m at γ₂ = 0 (Zhou et al. 2022, Fig. 4)',
  paper: 'zhou2022',
  config,
  profiles: {
    quick: { gamma2: 0, gamma3s: [0.9, 1.5, 2.1], widths: [50, 100, 200], seeds: 1, seed: 40, protocol: { ...protocol, maxSteps: 5000 } },
    // the paper's widths without 10000 (the full profile has it): a run there costs 1–15 minutes on this machine
    paper: { gamma2: 0, gamma3s: [0.9, 1.5, 2.1], widths: [100, 1000, 2000, 5000], seeds: 3, seed: 40, protocol },
    full: { gamma2: 0, gamma3s: [0.9, 1.5, 2.1], widths: [100, 1000, 2000, 5000, 10000], seeds: 3, seed: 40, protocol },
  },
  cells: (c) =>
    cellGrid({
      axes: { gamma3: c.gamma3s, m: c.widths, replicate: Array.from({ length: c.seeds }, (_, i) => i) },
      baseSeed: c.seed,
      params: ({ gamma3, m, replicate }) => ({ gamma2: c.gamma2, gamma3, m, replicate, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
