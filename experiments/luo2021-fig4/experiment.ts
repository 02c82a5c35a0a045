/**
 * luo2021 Fig. 4: the growth exponent S_w over the (γ, γ') plane on the
 * 4-point data, from RD(θ*_w) at several widths; zero crossings of S_w along
 * γ at each γ' against the theoretical boundary.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { protocolFields, type ProtocolWithTol, protocolWithTolOf, status, tolField, trainPath } from '../shared/protocol.js';

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
    ...protocolFields,
    ...tolField,
  })
  .strict()
  .refine((c) => c.gammaEdges.every((e, i) => i === 0 || e > c.gammaEdges[i - 1]), { message: 'gammaEdges must increase', path: ['gammaEdges'] });

export type Config = z.infer<typeof config>;

export interface Params extends ProtocolWithTol {
  m: number;
  gamma: number;
  gammaPrime: number;
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
});

export type Result = z.infer<typeof result>;

/** Midpoints of consecutive edges. */
export const midpoints = (edges: number[]) => edges.slice(1).map((e, i) => Number(((e + edges[i]) / 2).toFixed(6)));

const protocol = { beta1: 1 as const, seed: 11, asiBelow: 0.5, lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig4',
  title: 'Phase diagram of two-layer ReLU networks from S_w on 1-d data',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...protocol, widths: [250, 500, 1000], gammaEdges: [0.5, 0.7, 0.9, 1.1, 1.3, 1.5], gammaPrimes: [-0.3, 0, 0.3] },
    paper: {
      ...protocol,
      widths: [1000, 5000, 10000, 20000, 40000],
      gammaEdges: [0.55, 0.65, 0.75, 0.875, 0.935, 0.97, 0.99, 1.005, 1.025, 1.05, 1.15, 1.25, 1.35, 1.45],
      gammaPrimes: [-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4],
    },
  },
  cells: (c) =>
    c.gammaPrimes.flatMap((gammaPrime, gpi) =>
      midpoints(c.gammaEdges).flatMap((gamma, gi) =>
        c.widths.map((m, mi) => ({
          id: `gamma=${gamma},gamma'=${gammaPrime},m=${m}`,
          seed: c.seed + 100_000 * gpi + 1000 * gi + mi,
          params: { m, gamma, gammaPrime, antisymmetric: gamma <= c.asiBelow, ...protocolWithTolOf(c) },
        })),
      ),
    ),
  result,
  figures: {
    'luo2021-fig4': { title: 'S_w over the (γ, γ′) plane, 4-point data' },
  },
});
