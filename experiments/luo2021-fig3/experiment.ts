/**
 * luo2021 Fig. 3: at γ' = 0, RD(θ*_w) against the width m (log-log) with its
 * fitted slope S_w, and S_w against γ for three initial scales
 * β1 = β2 = m^{−p}, p ∈ {0, 1/2, 1}, with α = β1 β2 m^γ.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { protocolFields, type ProtocolWithTol, protocolWithTolOf, status, tolField, trainPath } from '../shared/protocol.js';

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
    ...protocolFields,
    ...tolField,
  })
  .strict()
  .refine((c) => c.panelGammas.every((g) => c.gammas.includes(g)), { message: 'every panelGammas value must be in gammas', path: ['panelGammas'] });

export type Config = z.infer<typeof config>;

export interface Params extends ProtocolWithTol {
  m: number;
  gamma: number;
  p: number;
  antisymmetric: boolean;
}

export const result = z.object({
  /** implementation that trained (src/engine/train/twoLayerRun.ts) */
  path: trainPath,
  status,
  steps: z.number().int(),
  finalLoss: z.number().nullable(),
  lr0: z.number(),
  restarts: z.number().int(),
  rdW: z.number(),
  rdA: z.number(),
  trajectory: z.array(z.object({ step: z.number().int(), loss: z.number().nullable() })),
});

export type Result = z.infer<typeof result>;

const protocol = { seed: 3, asiBelow: 0.5, lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig3',
  title: 'Growth of the relative distance with width, and its exponent S_w',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...protocol, widths: [250, 500, 1000, 2000], gammas: [0.5, 1, 1.75], panelGammas: [0.5, 1, 1.75], inits: [0, 1] },
    paper: {
      ...protocol,
      widths: [1000, 5000, 10000, 20000, 40000],
      gammas: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
      panelGammas: [0.5, 1, 1.75],
      inits: [0, 0.5, 1],
    },
  },
  cells: (c) =>
    c.inits.flatMap((p, pi) =>
      c.gammas.flatMap((gamma, gi) =>
        c.widths.map((m, mi) => ({
          id: `p=${p},gamma=${gamma},m=${m}`,
          // independent initialisations for every (init, γ, m)
          seed: c.seed + 100_000 * pi + 1000 * gi + mi,
          params: { m, gamma, p, antisymmetric: gamma <= c.asiBelow, ...protocolWithTolOf(c) },
        })),
      ),
    ),
  result,
  figures: {
    'luo2021-fig3': { title: 'RD(θ*_w) against width, and the growth exponent S_w against γ (γ′ = 0)' },
  },
});
