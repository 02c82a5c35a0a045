/**
 * luo2021 Fig. 2: two-layer ReLU network on the 4-point data, γ' = 0
 * (β1 = β2 = 1, α = m^γ), γ ∈ {0.5, 1, 1.75}, m = 1000. Output function and
 * (orientation, amplitude) of every neuron, initial against final.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { protocolFields, type ProtocolWithTol, protocolWithTolOf, status, tolField, trainPath } from '../shared/protocol.js';

export const config = z
  .object({
    /** width m */
    m: z.number().int().min(2),
    /** the γ of each panel */
    gammas: z.array(z.number()).min(1),
    /** γ' (0: β1 = β2 = 1) */
    gammaPrime: z.number(),
    /** seed of the initial parameters, shared by every γ */
    seed: z.number().int().nonnegative(),
    ...protocolFields,
    ...tolField,
    /** points of the output curve on [−1/2, 1/2] */
    curvePoints: z.number().int().min(2),
  })
  .strict();

export type Config = z.infer<typeof config>;

export interface Params extends ProtocolWithTol {
  m: number;
  gamma: number;
  gammaPrime: number;
  curvePoints: number;
}

const features = z.object({ orientation: z.array(z.number()), amplitude: z.array(z.number()) });

export const result = z.object({
  /** implementation that trained (src/engine/train/twoLayerRun.ts) */
  path: trainPath,
  status,
  steps: z.number().int(),
  finalLoss: z.number().nullable(),
  lr0: z.number(),
  lr: z.number(),
  restarts: z.number().int(),
  alpha: z.number(),
  beta1: z.number(),
  beta2: z.number(),
  /** RD(θ_w) at the end of training, θ_w including the bias */
  rdW: z.number(),
  trajectory: z.array(z.object({ step: z.number().int(), loss: z.number().nullable() })),
  curve: z.object({ x: z.array(z.number()), f: z.array(z.number()) }),
  initial: features,
  final: features,
});

export type Result = z.infer<typeof result>;

const shared = { gammas: [0.5, 1, 1.75], gammaPrime: 0, seed: 1, lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30, curvePoints: 501 };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig2',
  title: 'Two-layer ReLU network in the linear, critical and condensed regimes',
  paper: 'luo2021',
  config,
  profiles: {
    quick: { ...shared, m: 300 },
    paper: { ...shared, m: 1000 },
  },
  cells: (c) =>
    c.gammas.map((gamma) => ({
      id: `gamma=${gamma}`,
      seed: c.seed,
      params: {
        m: c.m,
        gamma,
        gammaPrime: c.gammaPrime,
        ...protocolWithTolOf(c),
        curvePoints: c.curvePoints,
      },
    })),
  result,
  figures: {
    'luo2021-fig2': { title: 'Output and neuron features at γ = 0.5, 1, 1.75 (γ′ = 0)' },
  },
});
