/**
 * zhou2022 Table 2: the growth exponents S_W1 and S_W2 of the six rows of
 * scales (two groups of three, same (γ2, γ3) within a group), from RD(W1) and
 * RD(W2) after training on the 4-point data at several widths, per seed; the
 * mean and standard deviation over seeds beside the paper's values.
 */
import { z } from 'zod';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { threeLayerOutcome, threeLayerProtocol, threeLayerStatus } from '../shared/threeLayerOutcome.js';

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    /** independent initialisations per (row, width) */
    seeds: z.number().int().positive(),
    /** base seed of the grid's hash rule */
    seed: z.number().int().nonnegative(),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    /** index of the row of zhou2022Table2 (src/engine/threeLayer/table2.ts) */
    row: z
      .number()
      .int()
      .min(0)
      .max(zhou2022Table2.length - 1),
    /** index of the seed (0 … seeds − 1): the cell's own seed is hashed from its id */
    replicate: z.number().int().nonnegative(),
    m: z.number().int().min(2),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = threeLayerOutcome.extend({
  /** RD of the whole W1 (b1 included) and W2 (b2 included) */
  rdW1: z.number(),
  rdW2: z.number(),
  rdA: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'zhou2022-table2': {
    title: 'Growth exponents S(W¹) and S(W²) of the six rows of Table 2 of Zhou et al. (2022), against the paper',
    row: z.discriminatedUnion('mark', [
      /** one row of Table 2: mean and standard deviation over seeds (null when no seed could be fitted), α = m^alpha_exp */
      z.object({
        mark: z.literal('row'),
        group: z.number().int(),
        gamma2: z.number(),
        gamma3: z.number(),
        alpha_exp: z.number(),
        s_w1: z.number().nullable(),
        s_w2: z.number().nullable(),
        s_w1_std: z.number().nullable(),
        s_w2_std: z.number().nullable(),
        paper_s_w1: z.number(),
        paper_s_w2: z.number(),
      }),
      /** the fit of one (row, seed) over its clean widths (n of them); null when fewer than two; degenerate: the runs left out */
      z.object({
        mark: z.literal('fit'),
        row: z.number().int(),
        seed: z.number().int(),
        n: z.number().int(),
        s_w1: z.number().nullable(),
        s_w2: z.number().nullable(),
        degenerate: degenerateField,
      }),
      /** one run: RD(W1) and RD(W2) after training at width m; a degenerate run (why, else null) is not fitted */
      z.object({
        mark: z.literal('rd'),
        row: z.number().int(),
        seed: z.number().int(),
        m: z.number().int(),
        rd_w1: z.number(),
        rd_w2: z.number(),
        status: threeLayerStatus,
        degenerate: degenerateField,
      }),
    ]),
    /** the named values below, and s_w1@row=i, s_w2@row=i, diff_w1@row=i, diff_w2@row=i per row (i = 1…6) */
    values: z
      .object({
        widths: z.string(),
        m_min: z.number().int(),
        m_max: z.number().int(),
        seeds: z.number().int(),
        runs: z.number().int(),
        /** runs with status ≠ 'converged', left out of the fits */
        stopped_short: z.number().int(),
        /** (row, seed) pairs with fewer than two converged widths: no slope */
        unfitted: z.number().int(),
        lr0: z.number(),
        tol: z.number(),
        max_steps: z.number().int(),
        max_restarts: z.number().int(),
        rise_tolerance: z.number(),
        /** largest steps (final attempt) and halvings of any converged run */
        max_steps_used: z.number().int(),
        max_halvings: z.number().int(),
        ...degenerateValues,
      })
      .catchall(z.union([z.number(), z.string()])),
  },
};

const protocol = { lr0: 1, tol: 1e-6, maxSteps: 200_000, maxRestarts: 20 };

export default defineExperiment<Config, Params, Result>({
  id: 'zhou2022-table2',
  title: 'Growth exponents of the two groups of Table 2 of Zhou et al. (2022)',
  paper: 'zhou2022',
  config,
  profiles: {
    quick: { widths: [50, 100, 200], seeds: 2, seed: 22, protocol },
    paper: { widths: [100, 1000, 2500, 5000, 10000], seeds: 8, seed: 22, protocol },
  },
  cells: (c) =>
    cellGrid({
      axes: { row: zhou2022Table2.map((_, i) => i), replicate: Array.from({ length: c.seeds }, (_, i) => i), m: c.widths },
      baseSeed: c.seed,
      params: ({ row, replicate, m }) => ({ row, replicate, m, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
