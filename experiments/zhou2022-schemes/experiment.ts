/**
 * zhou2022 Table 1: the common initialisation schemes of the three-layer
 * network, their (α, β1, β2, β3), κ2 = β2/β1, κ3 = β1β2β3/α and (γ2, γ3),
 * computed by the engine (src/engine/threeLayer/schemes.ts) at finite widths
 * and in the limit m → ∞. No training: the one cell evaluates the schemes.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';

export const config = z
  .object({
    /** widths at which the finite-m values are tabulated */
    widths: z.array(z.number().int().min(2)).min(1),
    /** input dimension d */
    d: z.number().int().positive(),
    /** output dimension (Xavier's fan-out of the last layer) */
    dOut: z.number().int().positive(),
  })
  .strict();

export type Config = z.infer<typeof config>;

/** The one cell evaluates the whole configuration. */
export const params = config;

export type Params = z.infer<typeof params>;

const row = z.object({
  scheme: z.string(),
  /** the scheme is in zhou2022 Table 1 (false: this reproduction's addition, the three-layer mean-field row) */
  inPaper: z.boolean(),
  m: z.number(),
  d: z.number(),
  dOut: z.number(),
  alpha: z.number(),
  beta1: z.number(),
  beta2: z.number(),
  beta3: z.number(),
  kappa2: z.number(),
  kappa3: z.number(),
  /** −log κ2 / log m and −log κ3 / log m at this m */
  gamma2AtM: z.number(),
  gamma3AtM: z.number(),
  /** the m → ∞ limits */
  gamma2: z.number(),
  gamma3: z.number(),
});

export const result = z.object({ rows: z.array(row) });
export type Result = z.infer<typeof result>;

export const figures = {
  'zhou2022-table1': {
    title: 'Initialisation schemes of three-layer networks and their coordinates',
    row: row.extend({ mark: z.literal('row') }),
    values: z.object({ widths: z.string(), d: z.number().int(), d_out: z.number().int(), schemes: z.number().int() }),
  },
};

const settings = { widths: [1000, 1000000], d: 1, dOut: 1 };

export default defineExperiment<Config, Params, Result>({
  id: 'zhou2022-schemes',
  title: 'Common initialisation schemes of three-layer networks in the (γ₂, γ₃) plane',
  paper: 'zhou2022',
  config,
  profiles: { quick: settings, paper: settings },
  cells: (c) => [{ id: 'schemes', seed: 0, params: c }],
  params,
  result,
  figures,
});
