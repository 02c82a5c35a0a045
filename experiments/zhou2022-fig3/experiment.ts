/**
 * zhou2022-fig3: γ2 = 0.5 and several γ3 at one width on the 4-point data:
 * the trained output, and the cosine similarity D(u, v) of the rows of W²
 * with the largest norms (top half), ordered by the leading eigenvector of D.
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
    m: z.number().int().min(4),
    /** rows of W² in each heatmap: sampled evenly over the norm ranking of the top half when it has more */
    heatmapRows: z.number().int().min(2),
    seed: z.number().int().nonnegative(),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    gamma2: z.number(),
    gamma3: z.number(),
    m: z.number().int().min(4),
    heatmapRows: z.number().int().min(2),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

const numbers = z.array(z.number());

export const result = threeLayerOutcome.extend({
  rdW1: z.number(),
  rdW2: z.number(),
  w2AtFloor: z.boolean(),
  /** size of the top half (rows of W² by norm) and of the drawn sample */
  top: z.number().int(),
  size: z.number().int(),
  /** (size, size) row-major D, in the eigenvector order */
  d: numbers,
  curve: z.object({ x: numbers, y: numbers }),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'zhou2022-fig3': {
    title: 'Outputs and D(u, v) of the largest rows of W² at γ₂ = 0.5 for several γ₃',
    row: z.discriminatedUnion('mark', [
      z.object({ mark: z.literal('curve'), gamma3: z.number(), x: z.number(), y: z.number() }),
      z.object({ mark: z.literal('data'), x: z.number(), y: z.number() }),
      /** D between the i-th and j-th blocks of drawn rows (eigenvector order; block means, aggregate.ts) */
      z.object({ mark: z.literal('d'), gamma3: z.number(), i: z.number().int(), j: z.number().int(), d: z.number() }),
      z.object({
        mark: z.literal('run'),
        gamma3: z.number(),
        status: threeLayerStatus,
        /** why the run is degenerate, null when clean */
        degenerate: degenerateField,
        rd_w1: z.number(),
        rd_w2: z.number(),
        steps: z.number().int(),
        size: z.number().int(),
        top: z.number().int(),
        /** mean |D| over the drawn pairs i ≠ j */
        mean_abs_d: z.number(),
      }),
    ]),
    values: z
      .object({
        gamma2: z.number(),
        m: z.number().int(),
        gamma3s: z.string(),
        heatmap_rows: z.number().int(),
        /** cells per side of the drawn heatmap */
        heatmap_cells: z.number().int(),
        top: z.number().int(),
        tol: z.number(),
        ...degenerateValues,
      })
      .catchall(z.union([z.number(), z.string()])),
  },
};

const protocol = { lr0: 1, tol: 1e-6, maxSteps: 20_000, maxRestarts: 20 };

export default defineExperiment<Config, Params, Result>({
  id: 'zhou2022-fig3',
  title: 'Outputs and W² similarity at γ₂ = 0.5 (Zhou et al. 2022, Fig. 3)',
  paper: 'zhou2022',
  config,
  profiles: {
    quick: { gamma2: 0.5, gamma3s: [1.6, 2.2, 2.8], m: 200, heatmapRows: 60, seed: 30, protocol: { ...protocol, maxSteps: 5000 } },
    // the paper's m = 10000 is the full profile: a run there costs 1–15 minutes on this machine
    paper: { gamma2: 0.5, gamma3s: [1.6, 2.2, 2.8, 3.4], m: 5000, heatmapRows: 150, seed: 30, protocol },
    full: { gamma2: 0.5, gamma3s: [1.6, 2.2, 2.8, 3.4], m: 10000, heatmapRows: 150, seed: 30, protocol },
  },
  cells: (c) =>
    cellGrid({
      axes: { gamma3: c.gamma3s },
      baseSeed: c.seed,
      params: ({ gamma3 }) => ({ gamma2: c.gamma2, gamma3, m: c.m, heatmapRows: c.heatmapRows, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
