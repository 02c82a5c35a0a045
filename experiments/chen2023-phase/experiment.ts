/**
 * chen2023: a phase diagram of initial condensation for tanh, measured.
 * Over a grid of (γ, γ') with α = 1 (β1 = m^{−(γ+γ')/2}, β2 = m^{−(γ−γ')/2}),
 * train until the loss first falls below plateauEnd · L(θ0) and measure how
 * well the neurons line up with ±z. The paper's own diagram is not in the
 * available sources: this is a measurement with this reproduction's settings.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { type Protocol, protocolFields, protocolOf, status } from '../shared/protocol.js';

export const config = z
  .object({
    m: z.number().int().min(2),
    gammas: z.array(z.number()).min(2),
    gammaPrimes: z.array(z.number()).min(2),
    target: z.enum(['square', 'linear']),
    plateauEnd: z.number().gt(0).lt(1),
    seed: z.number().int().nonnegative(),
    ...protocolFields,
  })
  .strict();

export type Config = z.infer<typeof config>;

export interface Params extends Protocol {
  m: number;
  gamma: number;
  gammaPrime: number;
  target: 'square' | 'linear';
  plateauEnd: number;
}

export const result = z.object({
  status,
  steps: z.number().int(),
  restarts: z.number().int(),
  /** amplitude-weighted mean |cos(w_k, z)| at the end of the plateau */
  alignment: z.number(),
  /** RD(θ_w) at that time */
  rdW: z.number(),
});

export type Result = z.infer<typeof result>;

const shared = { target: 'square' as const, plateauEnd: 0.9, seed: 41, lr0: 0.05, maxSteps: 400_000, maxRestarts: 30 };

export default defineExperiment<Config, Params, Result>({
  id: 'chen2023-phase',
  title: 'Where initial condensation happens in the (γ, γ′) plane (tanh)',
  paper: 'chen2023',
  config,
  profiles: {
    quick: { ...shared, m: 300, gammas: [0.5, 1.5, 2.5], gammaPrimes: [-0.5, 0.5] },
    paper: { ...shared, m: 1000, gammas: [0.5, 1, 1.5, 2, 2.5, 3], gammaPrimes: [-1, -0.5, 0, 0.5, 1] },
  },
  cells: (c) =>
    c.gammaPrimes.flatMap((gammaPrime, gpi) =>
      c.gammas.map((gamma, gi) => ({
        id: `gamma=${gamma},gamma'=${gammaPrime}`,
        seed: c.seed + 100 * gpi + gi,
        params: { m: c.m, gamma, gammaPrime, target: c.target, plateauEnd: c.plateauEnd, ...protocolOf(c) },
      })),
    ),
  result,
  figures: {
    'chen2023-phase': { title: 'Alignment of the neurons with ±z at the end of the initial stage over (γ, γ′), tanh' },
  },
});
