/**
 * chen2023: the length of the initial stage against the width. From a small
 * initialisation (α = 1, β1 = β2 = m^{−s}) a tanh network stays on a loss
 * plateau until the linearised dynamics' exponential growth makes the output
 * O(1): in normalised time τ = t/α, τ* ≈ log(1/(m κ κ'))/(2|z|) (science.md,
 * a derived heuristic [D]), i.e. (2s − 1) log m / (2|z|) here
 * (src/engine/theory/chen2023.ts).
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { legacySeed } from '../shared/legacySeed.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';
import { outcome, protocolWithoutTol, status } from '../shared/protocol.js';

const target = z.enum(['square', 'linear']);

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    /** β1 = β2 = m^{−s} for each s */
    exponents: z.array(z.number().gt(0.5)).min(1),
    target,
    repeats: z.number().int().positive(),
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
    s: z.number().gt(0.5),
    target,
    plateauEnd: z.number().gt(0).lt(1),
    protocol: protocolWithoutTol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  lr: z.number(),
  /** measured normalised time at the end of the plateau: τ = 2 lr steps / α */
  tau: z.number(),
  /** |z|, z = (1/n) Σ y_i x̃_i */
  zNorm: z.number(),
});

export type Result = z.infer<typeof result>;

/** The series of one initial scale, as labelled in the figure ("s = 0.75"). */
const series = z.string();

export const figures = {
  'chen2023-stage': {
    title: 'Normalised time at the end of the initial plateau against width',
    row: z.discriminatedUnion('mark', [
      /** one run */
      z.object({ mark: z.literal('run'), s: series, m: z.number(), tau: z.number(), status, degenerate: degenerateField }),
      /** the least-squares line over the clean runs τ = c + b log m at the end widths (null when undefined) */
      z.object({ mark: z.literal('fit'), s: series, m: z.number(), tau: z.number().nullable() }),
      /** the heuristic τ* = (2s − 1) log m / (2|z|) at the end widths */
      z.object({ mark: z.literal('prediction'), s: series, m: z.number(), tau: z.number() }),
      /** measured slope dτ/d log m (± its standard error) against the predicted one */
      z.object({ mark: z.literal('slope'), s: series, measured: z.number().nullable(), measured_se: z.number().nullable(), predicted: z.number() }),
    ]),
    /** widths, repeats, z_norm, not_converged, the degenerate runs, and per s: slope@s, slope_se@s, predicted@s */
    values: z
      .object({ widths: z.string(), repeats: z.number().int(), z_norm: z.number(), not_converged: z.number().int(), ...degenerateValues })
      .catchall(z.union([z.number(), z.string()])),
  },
};

const shared = { target: 'square' as const, plateauEnd: 0.9, seed: 21, protocol: { lr0: 0.05, maxSteps: 2_000_000, maxRestarts: 20 } };

/** 0, 1, …, n − 1 */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export default defineExperiment<Config, Params, Result>({
  id: 'chen2023-stage',
  title: 'Length of the initial stage against width (tanh)',
  paper: 'chen2023',
  config,
  profiles: {
    quick: { ...shared, widths: [100, 300, 1000], exponents: [0.75, 1, 1.5], repeats: 2 },
    paper: { ...shared, widths: [100, 300, 1000, 3000, 10000], exponents: [0.75, 1, 1.5], repeats: 4 },
  },
  cells: (c) =>
    cellGrid({
      axes: { s: c.exponents, m: c.widths, repeat: range(c.repeats) },
      baseSeed: c.seed,
      seed: legacySeed(c.seed, [10_000, 100, 1]),
      params: ({ s, m }) => ({ m, s, target: c.target, plateauEnd: c.plateauEnd, protocol: c.protocol }),
    }),
  params,
  result,
  figures,
});
