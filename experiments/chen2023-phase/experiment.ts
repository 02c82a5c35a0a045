/**
 * chen2023: a phase diagram of initial condensation for tanh, measured.
 * Over a grid of (γ, γ') with α = 1 (β1 = m^{−(γ+γ')/2}, β2 = m^{−(γ−γ')/2}),
 * train until the loss first falls below plateauEnd · L(θ0) and measure how
 * well the neurons line up with ±z. The paper's own diagram is not in the
 * available sources: this is a measurement with this reproduction's settings.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocolWithoutTol, status } from '../shared/protocol.js';

const target = z.enum(['square', 'linear']);

export const config = z
  .object({
    m: z.number().int().min(2),
    gammas: z.array(z.number()).min(2),
    gammaPrimes: z.array(z.number()).min(2),
    target,
    /** the plateau ends when the loss first falls below plateauEnd · min(L0, L(θ0)), L0 the zero function's loss (the run's tol) */
    plateauEnd: z.number().gt(0).lt(1),
    seed: z.number().int().nonnegative(),
    protocol: protocolWithoutTol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    target,
    plateauEnd: z.number().gt(0).lt(1),
    protocol: protocolWithoutTol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  /** amplitude-weighted mean |cos(w_k, z)| at the end of the plateau */
  alignment: z.number(),
  /** RD(θ_w) at that time */
  rdW: z.number(),
  /** L(θ0) of the first attempt's initialisation; the plateau ends below plateauEnd · min(L0, L(θ0)) */
  initialLoss: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'chen2023-phase': {
    title: 'Alignment of the neurons with ±z at the end of the initial stage over (γ, γ′), tanh',
    /** one (γ, γ') cell; heuristic: inside the region of src/engine/theory/chen2023.ts */
    row: z.object({
      mark: z.literal('cell'),
      gamma: z.number(),
      gamma_prime: z.number(),
      alignment: z.number(),
      rd_w: z.number(),
      steps: z.number().int(),
      status,
      /** why the run is degenerate (a run stopped at step 0 measured the initialisation), null when clean */
      degenerate: degenerateField,
      heuristic: z.boolean(),
    }),
    values: z.object({
      m: z.number().int(),
      /** mean alignment of the clean cells inside / outside the heuristic region (0 when there are none) */
      mean_inside: z.number(),
      mean_outside: z.number(),
      cells_inside: z.number().int(),
      cells: z.number().int(),
      not_converged: z.number().int(),
      ...degenerateValues,
    }),
  },
};

const shared = { target: 'square' as const, plateauEnd: 0.9, seed: 41, protocol: { lr0: 0.05, maxSteps: 400_000, maxRestarts: 30 } };

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
    cellGrid({
      axes: { gammaPrime: c.gammaPrimes, gamma: c.gammas },
      idOrder: ['gamma', 'gammaPrime'],
      labels: { gammaPrime: "gamma'" },
      baseSeed: c.seed,
      seed: legacySeed(c.seed, [100, 1]),
      params: ({ gammaPrime, gamma }) => ({ m: c.m, gamma, gammaPrime, target: c.target, plateauEnd: c.plateauEnd, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
