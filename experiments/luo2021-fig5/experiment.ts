/**
 * luo2021 Fig. 5: the S_w heatmap over (γ, γ') on MNIST: a two-layer ReLU
 * network regressing the digit label (0–9) of the first n training images.
 */
import { z } from 'zod';
import { mnistDataFiles } from '../../src/engine/data/mnist.js';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { protocolFields, type ProtocolWithTol, protocolWithTolOf, status, tolField, trainPath } from '../shared/protocol.js';

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    gammas: z.array(z.number()).min(2),
    gammaPrimes: z.array(z.number()).min(1),
    /** the first n training images (the authors' code: 45, full batch) */
    n: z.number().int().positive(),
    /** pixel scaling: 'unit' = x/255 */
    scaling: z.enum(['unit', 'centred', 'raw']),
    seed: z.number().int().nonnegative(),
    ...protocolFields,
    ...tolField,
  })
  .strict();

export type Config = z.infer<typeof config>;

export interface Params extends ProtocolWithTol {
  m: number;
  gamma: number;
  gammaPrime: number;
  n: number;
  scaling: 'unit' | 'centred' | 'raw';
}

export const result = z.object({
  path: trainPath,
  status,
  steps: z.number().int(),
  finalLoss: z.number().nullable(),
  lr0: z.number(),
  restarts: z.number().int(),
  rdW: z.number(),
});

export type Result = z.infer<typeof result>;

const protocol = { n: 45, scaling: 'unit' as const, seed: 29, lr0: 1 / 64, tol: 1e-4, maxSteps: 400_000, maxRestarts: 30 };
const grid = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig5',
  title: 'Phase diagram of two-layer ReLU networks from S_w on MNIST',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...protocol, n: 20, widths: [100, 200, 400], gammas: [0.7, 1, 1.3], gammaPrimes: [-0.3, 0, 0.3] },
    paper: { ...protocol, widths: [250, 500, 1000, 2000], gammas: grid.map((g) => Number((1 + g).toFixed(1))), gammaPrimes: grid },
  },
  cells: (c) =>
    c.gammaPrimes.flatMap((gammaPrime, gpi) =>
      c.gammas.flatMap((gamma, gi) =>
        c.widths.map((m, mi) => ({
          id: `gamma=${gamma},gamma'=${gammaPrime},m=${m}`,
          seed: c.seed + 100_000 * gpi + 1000 * gi + mi,
          params: { m, gamma, gammaPrime, n: c.n, scaling: c.scaling, ...protocolWithTolOf(c) },
        })),
      ),
    ),
  result,
  dataFiles: () => mnistDataFiles('train'),
  figures: {
    'luo2021-fig5': { title: 'S_w over the (γ, γ′) plane, MNIST' },
  },
});
