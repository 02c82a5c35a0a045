/**
 * luo2021 Fig. 2: two-layer ReLU network on the 4-point data, γ' = 0
 * (β1 = β2 = 1, α = m^γ), γ ∈ {0.5, 1, 1.75}, m = 1000. Output function and
 * (orientation, amplitude) of every neuron, initial against final.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateValues } from '../shared/degenerate.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocol, trajectory } from '../shared/protocol.js';

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
    protocol,
    /** points of the output curve on [−1/2, 1/2] */
    curvePoints: z.number().int().min(2),
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    curvePoints: z.number().int().min(2),
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

const features = z.object({ orientation: z.array(z.number()), amplitude: z.array(z.number()) });

export const result = outcome.extend({
  lr: z.number(),
  alpha: z.number(),
  beta1: z.number(),
  beta2: z.number(),
  /** RD(θ_w) at the end of training, θ_w including the bias */
  rdW: z.number(),
  trajectory,
  curve: z.object({ x: z.array(z.number()), f: z.array(z.number()) }),
  initial: features,
  final: features,
});

export type Result = z.infer<typeof result>;

export const figures = {
  'luo2021-fig2': {
    title: 'Output and neuron features at γ = 0.5, 1, 1.75 (γ′ = 0)',
    row: z.discriminatedUnion('mark', [
      /** the network's output at x */
      z.object({ mark: z.literal('output'), gamma: z.number(), x: z.number(), y: z.number() }),
      /** a training point */
      z.object({ mark: z.literal('data'), gamma: z.number(), x: z.number(), y: z.number() }),
      /** one neuron's (orientation, A) */
      z.object({
        mark: z.literal('feature'),
        gamma: z.number(),
        stage: z.enum(['initial', 'final']),
        neuron: z.number().int(),
        orientation: z.number(),
        amplitude: z.number(),
      }),
    ]),
    /**
     * m, the degenerate runs, and per γ: rd_w@γ, steps@γ, loss@γ (or 'non-finite'), status@γ, lr0@γ, restarts@γ,
     * alpha@γ, orientations@γ, degenerate@γ (why the run is degenerate, '' when clean)
     */
    values: z.object({ m: z.number().int(), ...degenerateValues }).catchall(z.union([z.number(), z.string()])),
  },
};

const shared = { gammas: [0.5, 1, 1.75], gammaPrime: 0, seed: 1, protocol: { lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 }, curvePoints: 501 };

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
    cellGrid({
      axes: { gamma: c.gammas },
      baseSeed: c.seed,
      // one initialisation seen at every γ
      sharedSeedAxes: ['gamma'],
      seed: legacySeed(c.seed, [0]),
      params: ({ gamma }) => ({ m: c.m, gamma, gammaPrime: c.gammaPrime, curvePoints: c.curvePoints, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
