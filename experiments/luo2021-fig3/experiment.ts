/**
 * luo2021 Fig. 3: at γ' = 0, RD(θ*_w) against the width m (log-log) with its
 * fitted slope S_w, and S_w against γ for three initial scales
 * β1 = β2 = m^{−p}, p ∈ {0, 1/2, 1}, with α = β1 β2 m^γ.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { legacySeed } from '../shared/legacySeed.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { outcome, protocol, status, trajectory } from '../shared/protocol.js';

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    /** γ of panel (d); panels (a)–(c) are drawn at `panelGammas` */
    gammas: z.array(z.number()).min(1),
    panelGammas: z.array(z.number()),
    /** exponents p of β1 = β2 = m^{−p} */
    inits: z.array(z.number()).min(1),
    seed: z.number().int().nonnegative(),
    /** antisymmetric initialisation (f(θ0) = 0) when γ ≤ asiBelow (luo2021 Remark 5) */
    asiBelow: z.number(),
    protocol,
  })
  .strict()
  .refine((c) => c.panelGammas.every((g) => c.gammas.includes(g)), { message: 'every panelGammas value must be in gammas', path: ['panelGammas'] });

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    gamma: z.number(),
    /** β1 = β2 = m^{−p} */
    p: z.number(),
    antisymmetric: z.boolean(),
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  rdW: z.number(),
  rdA: z.number(),
  trajectory,
});

export type Result = z.infer<typeof result>;

export const figures = {
  'luo2021-fig3': {
    title: 'RD(w) against width, and the growth exponent S(w) against γ (γ′ = 0)',
    row: z.discriminatedUnion('mark', [
      /** one run: RD(θ*_w) at width m */
      z.object({ mark: z.literal('rd'), gamma: z.number(), init: z.string(), m: z.number(), rd: z.number(), status, degenerate: degenerateField }),
      /** the fitted S_w (± its standard error) of one (init, γ) over its clean runs; null when undefined; degenerate: the runs left out */
      z.object({
        mark: z.literal('slope'),
        gamma: z.number(),
        init: z.string(),
        s_w: z.number().nullable(),
        s_w_se: z.number().nullable(),
        degenerate: degenerateField,
      }),
      /** the least-squares line at the end widths */
      z.object({ mark: z.literal('fit'), gamma: z.number(), init: z.string(), m: z.number(), rd: z.number().nullable() }),
    ]),
    /** s_w@p=…,gamma=… per (init, γ), and the named values below */
    values: z
      .object({
        /** the γ of panels (a)–(c) */
        panel_gammas: z.array(z.number()),
        runs: z.number().int(),
        not_converged: z.number().int(),
        max_steps: z.number().int(),
        m_min: z.number().int(),
        m_max: z.number().int(),
        ...degenerateValues,
      })
      .catchall(z.union([z.number(), z.string(), z.array(z.number())])),
  },
};

const shared = { seed: 3, asiBelow: 0.5, protocol: { lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 } };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig3',
  title: 'Growth of the relative distance with width, and its exponent S(w)',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...shared, widths: [250, 500, 1000, 2000], gammas: [0.5, 1, 1.75], panelGammas: [0.5, 1, 1.75], inits: [0, 1] },
    paper: {
      ...shared,
      widths: [1000, 5000, 10000, 20000, 40000],
      gammas: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
      panelGammas: [0.5, 1, 1.75],
      inits: [0, 0.5, 1],
    },
  },
  cells: (c) =>
    cellGrid({
      axes: { p: c.inits, gamma: c.gammas, m: c.widths },
      baseSeed: c.seed,
      // independent initialisations for every (init, γ, m)
      seed: legacySeed(c.seed, [100_000, 1000, 1]),
      params: ({ p, gamma, m }) => ({ m, gamma, p, antisymmetric: gamma <= c.asiBelow, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
