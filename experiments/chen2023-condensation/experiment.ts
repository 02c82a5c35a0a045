/**
 * chen2023: initial condensation with smooth activations. A two-layer net
 * from a small initialisation (α = 1, β1 = β2 = m^{−s}, so γ = 2s, γ' = 0)
 * trained until the end of the first loss plateau; where its large neurons
 * point, for activations of multiplicity p = 1 and p = 2.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { legacySeed } from '../shared/legacySeed.js';
import { outcome, protocolWithoutTol, status } from '../shared/protocol.js';

const activation = z
  .object({
    name: z.enum(['tanh', 'sigmoid0', 'softplus0', 'xtanh']),
    /** multiplicity: σ^(k)(0) = 0 for k < p, σ^(p)(0) ≠ 0 */
    p: z.number().int().positive(),
    label: z.string(),
  })
  .strict();

const target = z.enum(['square', 'linear']);

export const config = z
  .object({
    m: z.number().int().min(2),
    /** β1 = β2 = m^{−s} */
    s: z.number().positive(),
    target,
    activations: z.array(activation).min(1),
    /** the plateau ends when the loss first falls below plateauEnd · L(θ0) (the run's tol) */
    plateauEnd: z.number().gt(0).lt(1),
    seed: z.number().int().nonnegative(),
    protocol: protocolWithoutTol,
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    m: z.number().int().min(2),
    s: z.number().positive(),
    target,
    activation,
    plateauEnd: z.number().gt(0).lt(1),
    protocol: protocolWithoutTol,
  })
  .strict();

export type Params = z.infer<typeof params>;

const features = z.object({ orientation: z.array(z.number()), amplitude: z.array(z.number()) });

export const result = outcome.extend({
  lr: z.number(),
  /** normalised time at the end of the plateau, τ = t/α with t = 2 lr · steps */
  tau: z.number(),
  /** z = (1/n) Σ y_i x̃_i, as an orientation */
  zOrientation: z.number(),
  /** amplitude-weighted mean of |cos(w_k, z)| */
  alignment: z.number(),
  orientations: z.number().int(),
  lines: z.number().int(),
  initial: features,
  final: features,
});

export type Result = z.infer<typeof result>;

export const figures = {
  'chen2023-condensation': {
    title: 'Neuron orientations at the end of the initial plateau, by activation',
    row: z.discriminatedUnion('mark', [
      /** one neuron's (orientation, A) */
      z.object({
        mark: z.literal('feature'),
        activation: z.string(),
        p: z.number().int(),
        stage: z.enum(['initial', 'plateau end']),
        orientation: z.number(),
        amplitude: z.number(),
      }),
      /** an orientation of ±z */
      z.object({ mark: z.literal('z'), activation: z.string(), p: z.number().int(), orientation: z.number() }),
      /** the condensed orientations of one activation against the bound 2p */
      z.object({
        mark: z.literal('count'),
        activation: z.string(),
        p: z.number().int(),
        orientations: z.number().int(),
        lines: z.number().int(),
        bound: z.number().int(),
        alignment: z.number(),
        steps: z.number().int(),
        tau: z.number(),
        status,
        /** why the run is degenerate, null when clean */
        degenerate: degenerateField,
      }),
    ]),
    /** m, s, gamma, the degenerate runs, and per activation name: orientations@…, lines@…, alignment@…, steps@… */
    values: z.object({ m: z.number().int(), s: z.number(), gamma: z.number(), ...degenerateValues }).catchall(z.union([z.number(), z.string()])),
  },
};

const activations = [
  { name: 'tanh' as const, p: 1, label: 'tanh' },
  { name: 'sigmoid0' as const, p: 1, label: 'sigmoid − 1/2' },
  { name: 'softplus0' as const, p: 1, label: 'softplus − log 2' },
  { name: 'xtanh' as const, p: 2, label: 'x·tanh(x)' },
];
const shared = { s: 1, target: 'linear' as const, activations, plateauEnd: 0.9, seed: 5, protocol: { lr0: 0.05, maxSteps: 2_000_000, maxRestarts: 20 } };

export default defineExperiment<Config, Params, Result>({
  id: 'chen2023-condensation',
  title: 'Initial condensation with smooth activations of multiplicity 1 and 2',
  paper: 'chen2023',
  config,
  profiles: {
    quick: { ...shared, m: 300 },
    paper: { ...shared, m: 1000 },
  },
  cells: (c) =>
    cellGrid({
      axes: { activation: c.activations },
      labels: { activation: '' },
      format: { activation: (a) => a.name },
      baseSeed: c.seed,
      // one initialisation under every activation
      sharedSeedAxes: ['activation'],
      seed: legacySeed(c.seed, [0]),
      params: ({ activation }) => ({ m: c.m, s: c.s, target: c.target, activation, plateauEnd: c.plateauEnd, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
