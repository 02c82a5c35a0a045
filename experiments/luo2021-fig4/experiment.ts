/**
 * luo2021 Fig. 4: the growth exponent S_w over the (γ, γ') plane on the
 * 4-point data, from RD(θ*_w) at several widths; zero crossings of S_w along
 * γ at each γ' against the theoretical boundary.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocol } from '../shared/protocol.js';
import { midpoints } from '../shared/sHeatmap.js';
import { sHeatmapRow, sHeatmapValues } from '../shared/sHeatmapSchema.js';

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    /** edges of the γ cells of the heatmap; each cell is sampled at its midpoint */
    gammaEdges: z.array(z.number()).min(2),
    gammaPrimes: z.array(z.number()).min(1),
    /** β1 (the split of κ and κ' into α, β1, β2): β2 = β1 m^{γ'}, α = β1 β2 m^{γ} */
    beta1: z.literal(1),
    seed: z.number().int().nonnegative(),
    asiBelow: z.number(),
    protocol,
  })
  .strict()
  .refine((c) => c.gammaEdges.every((e, i) => i === 0 || e > c.gammaEdges[i - 1]), { message: 'gammaEdges must increase', path: ['gammaEdges'] });

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    antisymmetric: z.boolean(),
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  rdW: z.number(),
  rdA: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'luo2021-fig4': { title: 'S(w) over the (γ, γ′) plane, 4-point data', row: sHeatmapRow, values: sHeatmapValues },
};

const shared = { beta1: 1 as const, seed: 11, asiBelow: 0.5, protocol: { lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 } };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig4',
  title: 'Phase diagram of two-layer ReLU networks from S(w) on 1-d data',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...shared, widths: [250, 500, 1000], gammaEdges: [0.5, 0.7, 0.9, 1.1, 1.3, 1.5], gammaPrimes: [-0.3, 0, 0.3] },
    paper: {
      ...shared,
      widths: [1000, 5000, 10000, 20000, 40000],
      gammaEdges: [0.55, 0.65, 0.75, 0.875, 0.935, 0.97, 0.99, 1.005, 1.025, 1.05, 1.15, 1.25, 1.35, 1.45, 1.55, 1.65],
      gammaPrimes: [-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4],
    },
  },
  cells: (c) =>
    cellGrid({
      axes: { gammaPrime: c.gammaPrimes, gamma: midpoints(c.gammaEdges), m: c.widths },
      idOrder: ['gamma', 'gammaPrime', 'm'],
      labels: { gammaPrime: "gamma'" },
      baseSeed: c.seed,
      seed: legacySeed(c.seed, [100_000, 1000, 1]),
      params: ({ gammaPrime, gamma, m }) => ({ m, gamma, gammaPrime, antisymmetric: gamma <= c.asiBelow, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
