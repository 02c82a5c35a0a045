/**
 * zhou2022-table2-variants: what the measured growth exponents of Table 2
 * depend on, among the settings the paper does not state: the data set (the
 * four points of luo2021, used on this site, or those of the authors'
 * teaching code), the step size (lr0), and whether RD includes the biases.
 * One row of each group (α = 1), every variant trained from the same
 * initialisations (the seed is shared across data and lr0).
 */
import { z } from 'zod';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { threeLayerOutcome, threeLayerProtocol } from '../shared/threeLayerOutcome.js';

const dataSet = z.enum(['luo2021', 'teaching']);
const row = z
  .number()
  .int()
  .min(0)
  .max(zhou2022Table2.length - 1);

export const config = z
  .object({
    /** indices of zhou2022Table2 (src/engine/threeLayer/table2.ts) */
    rows: z.array(row).min(1),
    data: z.array(dataSet).min(1),
    lr0s: z.array(z.number().positive()).min(1),
    widths: z.array(z.number().int().min(2)).min(2),
    seeds: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
    /** lr0 is replaced by each value of lr0s */
    protocol: threeLayerProtocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({ row, data: dataSet, m: z.number().int().min(2), replicate: z.number().int().nonnegative(), protocol: threeLayerProtocol })
  .strict();

export type Params = z.infer<typeof params>;

export const result = threeLayerOutcome.extend({
  rdW1: z.number(),
  rdW2: z.number(),
  /** RD over the weights only (b¹, b² left out) */
  rdW1NoBias: z.number(),
  rdW2NoBias: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'zhou2022-table2-variants': {
    title: 'Growth exponents of one row of each group of Table 2 of Zhou et al. (2022) under the settings the paper does not state',
    row: z.object({
      mark: z.literal('variant'),
      table_row: z.number().int(),
      group: z.number().int(),
      data: dataSet,
      lr0: z.number(),
      /** 'with' or 'without' the biases in RD */
      biases: z.enum(['with', 'without']),
      s_w1: z.number().nullable(),
      s_w2: z.number().nullable(),
      /** standard deviation over seeds (divisor: seeds) */
      s_w1_std: z.number().nullable(),
      s_w2_std: z.number().nullable(),
      seeds: z.number().int(),
      paper_s_w1: z.number(),
      paper_s_w2: z.number(),
      /** the degenerate runs left out of the fits, null when none */
      degenerate: degenerateField,
    }),
    values: z
      .object({ widths: z.string(), seeds: z.number().int(), lr0s: z.string(), runs: z.number().int(), stopped_short: z.number().int(), ...degenerateValues })
      .catchall(z.union([z.number(), z.string()])),
  },
};

const protocol = { lr0: 1, tol: 1e-6, maxSteps: 200_000, maxRestarts: 20 };

export default defineExperiment<Config, Params, Result>({
  id: 'zhou2022-table2-variants',
  title: 'Table 2 under other data, step sizes and RD definitions',
  paper: 'zhou2022',
  config,
  profiles: {
    quick: { rows: [1, 4], data: ['luo2021', 'teaching'], lr0s: [1, 0.125], widths: [50, 100, 200], seeds: 2, seed: 23, protocol },
    paper: { rows: [1, 4], data: ['luo2021', 'teaching'], lr0s: [1, 0.125], widths: [100, 300, 1000, 2500], seeds: 4, seed: 23, protocol },
  },
  cells: (c) =>
    cellGrid({
      axes: { row: c.rows, data: c.data, lr0: c.lr0s, replicate: Array.from({ length: c.seeds }, (_, i) => i), m: c.widths },
      baseSeed: c.seed,
      // one initialisation per (row, replicate, m), seen under every data set and step size
      sharedSeedAxes: ['data', 'lr0'],
      params: ({ row, data, lr0, replicate, m }) => ({ row, data, m, replicate, protocol: { ...c.protocol, lr0 } }),
    }),
  params,
  result,
  figures,
});
