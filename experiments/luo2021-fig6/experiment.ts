/**
 * luo2021 Fig. 6: the condensation map. Over a grid of (γ, γ'), the
 * (orientation, A) scatter of the trained neurons at several widths: where
 * the large neurons gather at a few orientations, the network is condensed.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { protocolFields, type ProtocolWithTol, protocolWithTolOf, status, tolField, trainPath } from '../shared/protocol.js';

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
    ...protocolFields,
    ...tolField,
  })
  .strict();

export type Config = z.infer<typeof config>;

export interface Params extends ProtocolWithTol {
  m: number;
  gamma: number;
  gammaPrime: number;
  top: number;
  sample: number;
  antisymmetric: boolean;
}

export const result = z.object({
  path: trainPath,
  status,
  steps: z.number().int(),
  restarts: z.number().int(),
  rdW: z.number(),
  /** the stored neurons: orientation, A, and whether it is among the top amplitudes */
  orientation: z.array(z.number()),
  amplitude: z.array(z.number()),
  isTop: z.array(z.boolean()),
  maxAmplitude: z.number(),
});

export type Result = z.infer<typeof result>;

const grid = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];
const protocol = { top: 60, sample: 60, seed: 17, asiBelow: 0.5, lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig6',
  title: 'Condensation map of two-layer ReLU networks on 1-d data',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...protocol, widths: [300, 3000], gammas: [0.8, 1, 1.2], gammaPrimes: [-0.2, 0, 0.2] },
    paper: { ...protocol, widths: [1000, 10000, 1000000], gammas: grid.map((g) => Number((1 + g).toFixed(1))), gammaPrimes: grid },
  },
  cells: (c) =>
    c.gammaPrimes.flatMap((gammaPrime, gpi) =>
      c.gammas.flatMap((gamma, gi) =>
        c.widths.map((m, mi) => ({
          id: `gamma=${gamma},gamma'=${gammaPrime},m=${m}`,
          seed: c.seed + 100_000 * gpi + 1000 * gi + mi,
          params: { m, gamma, gammaPrime, top: c.top, sample: c.sample, antisymmetric: gamma <= c.asiBelow, ...protocolWithTolOf(c) },
        })),
      ),
    ),
  result,
  figures: {
    'luo2021-fig6': { title: 'Condensation map: trained neurons over the (γ, γ′) grid at several widths' },
  },
});
