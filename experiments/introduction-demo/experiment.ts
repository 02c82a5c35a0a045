/**
 * introduction-demo: the lecture's 1-d condensation demo (Zhang 2025; settings
 * from the group's web page [V S7]): a two-layer ReLU net h(x) = Σ_k a_k σ(w_k x + b_k)
 * with m = 100 neurons, every parameter drawn from N(0, 1/m⁴), trained by
 * full-batch gradient descent at lr 0.1 on data evenly spaced on [−1, 1];
 * the features (θ_k, A_k) of every neuron and the fitted function at
 * log-spaced steps. The number of points, the loss convention and the number
 * of steps are not given: they are this reproduction's choice (stated on the page).
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { degenerateValues } from '../shared/degenerate.js';

export const config = z
  .object({
    /** hidden neurons */
    m: z.number().int().min(2),
    /** training points, evenly spaced on [−1, 1] */
    n: z.number().int().min(2),
    /** learning rate of plain gradient descent on L = (1/n) Σ (h(x_i) − y_i)² */
    lr: z.number().positive(),
    /** every parameter ~ N(0, σ0²) with σ0 = m^(−initExponent) (2: the lecture's N(0, 1/m⁴)) */
    initExponent: z.number().positive(),
    /** gradient steps */
    steps: z.number().int().positive(),
    /** number of log-spaced snapshots requested (steps 0 and `steps` always included) */
    snapshots: z.number().int().min(2),
    /** points of the grid on [−1, 1] on which the fitted function is stored */
    grid: z.number().int().min(2),
    seed: z.number().int().nonnegative(),
  })
  .strict();

export type Config = z.infer<typeof config>;

/** The one cell trains the whole configuration. */
export const params = config.omit({ seed: true });

export type Params = z.infer<typeof params>;

const snapshot = z.object({
  step: z.number().int(),
  loss: z.number().nullable(),
  /** θ_k of every neuron */
  theta: z.array(z.number()),
  /** A_k = √(w_k² + b_k²) of every neuron */
  amplitude: z.array(z.number()),
  /** the fitted function on the grid */
  output: z.array(z.number().nullable()),
});

export const result = z.object({
  path: z.literal('wasm-kernel'),
  status: z.enum(['completed', 'diverged']),
  steps: z.number().int(),
  finalLoss: z.number().nullable(),
  sigma0: z.number(),
  data: z.object({ x: z.array(z.number()), y: z.array(z.number()) }),
  grid: z.object({ x: z.array(z.number()), target: z.array(z.number()) }),
  snapshots: z.array(snapshot),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'introduction-demo': {
    title: 'Condensation of a two-layer ReLU network in one dimension, over training',
    row: z.discriminatedUnion('mark', [
      /** one neuron's feature at one snapshot */
      z.object({ mark: z.literal('feature'), step: z.number().int(), neuron: z.number().int(), theta: z.number(), amplitude: z.number() }),
      /** the fitted function at one snapshot, at one grid point */
      z.object({ mark: z.literal('output'), step: z.number().int(), x: z.number(), y: z.number().nullable() }),
      /** the target on the grid */
      z.object({ mark: z.literal('target'), x: z.number(), y: z.number() }),
      /** a training point */
      z.object({ mark: z.literal('data'), x: z.number(), y: z.number() }),
      /** the loss at a snapshot */
      z.object({ mark: z.literal('loss'), step: z.number().int(), loss: z.number().nullable() }),
    ]),
    values: z.object({
      m: z.number().int(),
      n: z.number().int(),
      lr: z.number(),
      steps: z.number().int(),
      sigma0: z.number(),
      snapshots: z.number().int(),
      initial_loss: z.number(),
      final_loss: z.number(),
      status: z.enum(['completed', 'diverged']),
      /** condensed orientations at the last snapshot (clusters of 10° among the large neurons holding ≥ 5 % of them) */
      orientations: z.number().int(),
      /** neurons with A_k ≥ 0.1 max A at the last snapshot */
      large: z.number().int(),
      /** the first snapshot with a loss below half the initial one, and its condensed orientations */
      step_first_drop: z.number().int(),
      orientations_first_drop: z.number().int(),
      max_amplitude_initial: z.number(),
      max_amplitude_final: z.number(),
      ...degenerateValues,
      /** why the run is degenerate, '' when clean */
      degenerate: z.string(),
    }),
  },
};

const shared = { m: 100, n: 40, lr: 0.1, initExponent: 2, grid: 101, seed: 1 };

export default defineExperiment<Config, Params, Result>({
  id: 'introduction-demo',
  title: 'The lecture’s 1-d condensation demo (ReLU, m = 100, N(0, 1/m⁴))',
  paper: 'zhang2025',
  config,
  profiles: {
    quick: { ...shared, steps: 20_000, snapshots: 30 },
    paper: { ...shared, steps: 100_000, snapshots: 40 },
  },
  cells: ({ seed, ...p }) => [{ id: 'demo', seed, params: p }],
  params,
  result,
  figures,
});
