/**
 * chen2023: the length of the initial stage against the width. From a small
 * initialisation (α = 1, β1 = β2 = m^{−s}) a tanh network stays on a loss
 * plateau until the linearised dynamics' exponential growth makes the output
 * O(1): in normalised time τ = t/α, τ* ≈ log(1/(m κ κ'))/(2|z|) (science.md,
 * a derived heuristic [D]), i.e. (2s − 1) log m / (2|z|) here.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { type Protocol, protocolFields, protocolOf, status } from '../shared/protocol.js';

export const config = z
  .object({
    widths: z.array(z.number().int().min(2)).min(2),
    /** β1 = β2 = m^{−s} for each s */
    exponents: z.array(z.number().gt(0.5)).min(1),
    target: z.enum(['square', 'linear']),
    repeats: z.number().int().positive(),
    plateauEnd: z.number().gt(0).lt(1),
    seed: z.number().int().nonnegative(),
    ...protocolFields,
  })
  .strict();

export type Config = z.infer<typeof config>;

export interface Params extends Protocol {
  m: number;
  s: number;
  target: 'square' | 'linear';
  plateauEnd: number;
}

export const result = z.object({
  status,
  steps: z.number().int(),
  lr: z.number(),
  restarts: z.number().int(),
  /** measured normalised time at the end of the plateau: τ = 2 lr steps / α */
  tau: z.number(),
  /** |z|, z = (1/n) Σ y_i x̃_i */
  zNorm: z.number(),
});

export type Result = z.infer<typeof result>;

const shared = { target: 'square' as const, plateauEnd: 0.9, seed: 21, lr0: 0.05, maxSteps: 2_000_000, maxRestarts: 20 };

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
    c.exponents.flatMap((s, si) =>
      c.widths.flatMap((m, mi) =>
        Array.from({ length: c.repeats }, (_, r) => ({
          id: `s=${s},m=${m},repeat=${r}`,
          seed: c.seed + 10_000 * si + 100 * mi + r,
          params: { m, s, target: c.target, plateauEnd: c.plateauEnd, ...protocolOf(c) },
        })),
      ),
    ),
  result,
  figures: {
    'chen2023-stage': { title: 'Normalised time at the end of the initial plateau against width' },
  },
});
