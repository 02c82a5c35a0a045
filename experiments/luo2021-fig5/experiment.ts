/**
 * luo2021 Fig. 5: the S_w heatmap over (γ, γ') on MNIST: a two-layer ReLU
 * network regressing the digit label (0–9) of the first n training images.
 */
import { z } from 'zod';
import { mnistDataFiles } from '../../src/engine/data/mnist.js';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocol } from '../shared/protocol.js';
import { sHeatmapRow, sHeatmapValues } from '../shared/sHeatmapSchema.js';

/** pixel scaling: 'unit' = x/255 */
const scaling = z.enum(['unit', 'centred', 'raw']);

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    gammas: z.array(z.number()).min(2),
    gammaPrimes: z.array(z.number()).min(1),
    /** the first n training images (the authors' code: 45, full batch) */
    n: z.number().int().positive(),
    scaling,
    seed: z.number().int().nonnegative(),
    protocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    n: z.number().int().positive(),
    scaling,
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  rdW: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'luo2021-fig5': {
    title: 'S(w) over the (γ, γ′) plane, MNIST',
    row: sHeatmapRow,
    values: sHeatmapValues.extend({ n: z.number().int(), scaling, tol: z.number() }),
  },
};

const shared = { n: 45, scaling: 'unit' as const, seed: 29, protocol: { lr0: 1 / 64, tol: 1e-4, maxSteps: 400_000, maxRestarts: 30 } };
const grid = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig5',
  title: 'Phase diagram of two-layer ReLU networks from S(w) on MNIST',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...shared, n: 20, widths: [100, 200, 400], gammas: [0.7, 1, 1.3], gammaPrimes: [-0.3, 0, 0.3] },
    paper: { ...shared, widths: [250, 500, 1000, 2000], gammas: grid.map((g) => Number((1 + g).toFixed(1))), gammaPrimes: grid },
    // the paper's widths (its caption: 1000, 10000, 50000, 250000 and "40000", ordered here); hours per run on
    // a workstation at the largest: for a cluster (npm run cluster -- luo2021-fig5 --profile full)
    full: { ...shared, widths: [1000, 10000, 40000, 50000, 250000], gammas: grid.map((g) => Number((1 + g).toFixed(1))), gammaPrimes: grid },
  },
  cells: (c) =>
    cellGrid({
      axes: { gammaPrime: c.gammaPrimes, gamma: c.gammas, m: c.widths },
      idOrder: ['gamma', 'gammaPrime', 'm'],
      labels: { gammaPrime: "gamma'" },
      baseSeed: c.seed,
      seed: legacySeed(c.seed, [100_000, 1000, 1]),
      params: ({ gammaPrime, gamma, m }) => ({ m, gamma, gammaPrime, n: c.n, scaling: c.scaling, protocol: c.protocol }),
    }),
  params,
  result,
  dataFiles: () => mnistDataFiles('train'),
  figures,
});
