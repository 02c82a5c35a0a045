/**
 * luo2021 Fig. 6: the condensation map. Over a grid of (γ, γ'), the
 * (orientation, A) scatter of the trained neurons at several widths: where
 * the large neurons gather at a few orientations, the network is condensed.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateValues } from '../shared/degenerate.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocol } from '../shared/protocol.js';

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(1),
    gammas: z.array(z.number()).min(1),
    gammaPrimes: z.array(z.number()).min(1),
    /** neurons stored per run: the `top` largest amplitudes and `sample` others drawn at random */
    top: z.number().int().nonnegative(),
    sample: z.number().int().nonnegative(),
    seed: z.number().int().nonnegative(),
    asiBelow: z.number(),
    protocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    top: z.number().int().nonnegative(),
    sample: z.number().int().nonnegative(),
    antisymmetric: z.boolean(),
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  rdW: z.number(),
  /** the stored neurons: orientation, A, and whether it is among the top amplitudes */
  orientation: z.array(z.number()),
  amplitude: z.array(z.number()),
  isTop: z.array(z.boolean()),
  maxAmplitude: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'luo2021-fig6': {
    title: 'Condensation map: trained neurons over the (γ, γ′) grid at several widths',
    row: z.discriminatedUnion('mark', [
      /** a stored neuron: orientation and A relative to the run's largest */
      z.object({
        mark: z.literal('neuron'),
        gamma: z.number(),
        gamma_prime: z.number(),
        m: z.number(),
        orientation: z.number(),
        a_rel: z.number(),
        top: z.boolean(),
      }),
      /** a (γ, γ') cell on the theoretical boundary */
      z.object({ mark: z.literal('critical'), gamma: z.number(), gamma_prime: z.number() }),
      /** a degenerate run (its neurons are drawn too): why */
      z.object({ mark: z.literal('degenerate'), gamma: z.number(), gamma_prime: z.number(), m: z.number(), degenerate: z.string() }),
    ]),
    values: z.object({
      /** the widths, as text ("300, 3000") */
      widths: z.string(),
      runs: z.number().int(),
      not_converged: z.number().int(),
      /** neurons stored per run */
      kept: z.number().int(),
      top: z.number().int(),
      ...degenerateValues,
    }),
  },
};

const grid = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];
const shared = { top: 60, sample: 60, seed: 17, asiBelow: 0.5, protocol: { lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 } };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig6',
  title: 'Condensation map of two-layer ReLU networks on 1-d data',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...shared, widths: [300, 3000], gammas: [0.8, 1, 1.2], gammaPrimes: [-0.2, 0, 0.2] },
    paper: { ...shared, widths: [1000, 10000, 1000000], gammas: grid.map((g) => Number((1 + g).toFixed(1))), gammaPrimes: grid },
  },
  cells: (c) =>
    cellGrid({
      axes: { gammaPrime: c.gammaPrimes, gamma: c.gammas, m: c.widths },
      idOrder: ['gamma', 'gammaPrime', 'm'],
      labels: { gammaPrime: "gamma'" },
      baseSeed: c.seed,
      seed: legacySeed(c.seed, [100_000, 1000, 1]),
      params: ({ gammaPrime, gamma, m }) => ({ m, gamma, gammaPrime, top: c.top, sample: c.sample, antisymmetric: gamma <= c.asiBelow, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
