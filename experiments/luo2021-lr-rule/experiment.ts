/**
 * luo2021-lr-rule: Figs. 3 and 4 under this reproduction's learning-rate
 * rule (lr = lr0 · min(α, α²/(m β1 β2))) and the authors' (lr = lr0 · α √(β1 β2),
 * code S6), from the same initialisations: each cell has the seed of the
 * matching cell of luo2021-fig3 or luo2021-fig4, so the `stiffness` half
 * repeats those figures' runs exactly. Fig. 3's initialisation β1 = β2 = m^{−1}
 * is left out: there the code's step is m times smaller than the stiffness
 * rule's for γ ≥ 1 (experiments/shared/lrRule.ts), and its runs would need
 * about m times Fig. 3's 350 steps, far beyond the 800 000-step cap.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import fig3 from '../luo2021-fig3/experiment.js';
import fig4 from '../luo2021-fig4/experiment.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocol } from '../shared/protocol.js';
import { midpoints } from '../shared/sHeatmap.js';

export const lrRule = z.enum(['stiffness', 'code']);

export const config = z
  .object({
    rules: z.array(lrRule).min(1),
    /** Fig. 3's grid (γ′ = 0, β1 = β2 = m^{−p}); `seed` is Fig. 3's */
    fig3: z
      .object({
        widths: z.array(z.number().int().min(2)).min(2),
        gammas: z.array(z.number()).min(1),
        inits: z.array(z.number()).min(1),
        seed: z.number().int(),
      })
      .strict(),
    /** Fig. 4's grid (β1 = 1); `seed` is Fig. 4's */
    fig4: z
      .object({
        widths: z.array(z.number().int().min(2)).min(2),
        gammaEdges: z.array(z.number()).min(2),
        gammaPrimes: z.array(z.number()).min(1),
        seed: z.number().int(),
      })
      .strict(),
    asiBelow: z.number(),
    protocol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    figure: z.enum(['fig3', 'fig4']),
    rule: lrRule,
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    /** β1 = m^{−p}, β2 = β1 m^{γ′}, α = β1 β2 m^{γ} */
    p: z.number(),
    antisymmetric: z.boolean(),
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  rdW: z.number(),
  /** the step size of the attempt that ended the run */
  lr: z.number(),
});

export type Result = z.infer<typeof result>;

const num = z.number().nullable();

export const figures = {
  'luo2021-lr-rule-fig3': {
    title: 'S(w) of Fig. 3 under the two learning-rate rules',
    row: z.object({
      mark: z.literal('slope'),
      gamma: z.number(),
      /** β1 = β2 = m^{−p} */
      p: z.number(),
      s_w_stiffness: num,
      s_w_code: num,
      /** S_w(code) − S_w(stiffness) */
      delta: num,
      /** step size at the widest width, code rule / stiffness rule */
      lr_ratio: num,
      /** most steps of a run under the code's rule */
      steps_code: z.number().int(),
      not_converged: z.number().int(),
    }),
    values: z.object({ widths: z.string(), runs: z.number().int(), not_converged: z.number().int() }).catchall(z.union([z.number(), z.string()])),
  },
  'luo2021-lr-rule-fig4': {
    title: 'The sign changes of S(w) in Fig. 4 under the two learning-rate rules',
    row: z.object({
      mark: z.literal('star'),
      gamma_prime: z.number(),
      boundary: z.number(),
      /** zeros of S_w along γ, joined */
      stars_stiffness: z.string(),
      stars_code: z.string(),
      /** the mean of each rule's zeros */
      star_stiffness: num,
      star_code: num,
      /** largest |S_w(code) − S_w(stiffness)| over the row's cells */
      max_delta: num,
      not_converged: z.number().int(),
    }),
    values: z.object({ widths: z.string(), runs: z.number().int(), not_converged: z.number().int() }).catchall(z.union([z.number(), z.string()])),
  },
};

const pick3 = (c: (typeof fig3.profiles)[string]) => {
  const f = c as { widths: number[]; gammas: number[]; inits: number[]; seed: number };
  // p = 1 is left out (see above); the indices of the others along `inits` are Fig. 3's, hence their seeds
  return { widths: f.widths, gammas: f.gammas, inits: f.inits.filter((p) => p < 1), seed: f.seed };
};
const pick4 = (c: (typeof fig4.profiles)[string]) => {
  const f = c as { widths: number[]; gammaEdges: number[]; gammaPrimes: number[]; seed: number; asiBelow: number; protocol: z.infer<typeof protocol> };
  return { widths: f.widths, gammaEdges: f.gammaEdges, gammaPrimes: f.gammaPrimes, seed: f.seed };
};
const shared = { rules: ['stiffness' as const, 'code' as const], asiBelow: 0.5, protocol: { lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 } };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-lr-rule',
  title: 'Figs. 3 and 4 under the authors’ learning-rate rule',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...shared, fig3: pick3(fig3.profiles.quick), fig4: pick4(fig4.profiles.quick) },
    paper: { ...shared, fig3: pick3(fig3.profiles.paper), fig4: pick4(fig4.profiles.paper) },
  },
  cells: (c) => [
    // seeds as in luo2021-fig3 / luo2021-fig4 (legacySeed over their axes), shared by the two rules
    ...cellGrid({
      axes: { figure: ['fig3' as const], rule: c.rules, p: c.fig3.inits, gamma: c.fig3.gammas, m: c.fig3.widths },
      baseSeed: c.fig3.seed,
      sharedSeedAxes: ['rule'],
      seed: legacySeed(c.fig3.seed, [0, 0, 100_000, 1000, 1]),
      params: ({ figure, rule, p, gamma, m }) => ({ figure, rule, m, gamma, gammaPrime: 0, p, antisymmetric: gamma <= c.asiBelow, protocol: c.protocol }),
    }),
    ...cellGrid({
      axes: { figure: ['fig4' as const], rule: c.rules, gammaPrime: c.fig4.gammaPrimes, gamma: midpoints(c.fig4.gammaEdges), m: c.fig4.widths },
      labels: { gammaPrime: "gamma'" },
      baseSeed: c.fig4.seed,
      sharedSeedAxes: ['rule'],
      seed: legacySeed(c.fig4.seed, [0, 0, 100_000, 1000, 1]),
      params: ({ figure, rule, gammaPrime, gamma, m }) => ({
        figure,
        rule,
        m,
        gamma,
        gammaPrime,
        p: 0,
        antisymmetric: gamma <= c.asiBelow,
        protocol: c.protocol,
      }),
    }),
  ],
  params,
  result,
  figures,
});
