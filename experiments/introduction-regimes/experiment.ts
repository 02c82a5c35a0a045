/**
 * introduction-regimes: where the common two-layer initialisation schemes
 * (luo2021 Table 1), and the demo of the introduction page, sit among the
 * linear, critical and condensed regimes, by luo2021's Theorems 6 and 8
 * (src/engine/theory/luo2021.ts). No training: one cell evaluates the schemes.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';

export const config = z
  .object({
    /** the E et al. family β = m^{−s}, placed at these s */
    eEtAl: z.array(z.number().positive()),
    /** the introduction's 1-d demo: α = 1, β1 = β2 = m^(−initExponent) */
    demoInitExponent: z.number().positive(),
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = config;

export type Params = z.infer<typeof params>;

const regime = z.enum(['linear', 'critical', 'condensed']);

const placed = z.object({ scheme: z.string(), gamma: z.number(), gammaPrime: z.number(), regime });

export const result = z.object({ rows: z.array(placed) });

export type Result = z.infer<typeof result>;

export const figures = {
  'introduction-regimes': {
    title: 'Where the common two-layer schemes sit in the phase diagram',
    row: placed.extend({ mark: z.literal('scheme') }),
    /** per regime, the schemes there, comma-separated: schemes@linear, schemes@critical, schemes@condensed */
    values: z.record(z.string(), z.string()),
  },
};

const settings = { eEtAl: [0.25, 0.75], demoInitExponent: 2 };

export default defineExperiment<Config, Params, Result>({
  id: 'introduction-regimes',
  title: 'The regimes of the common two-layer schemes',
  paper: 'luo2021',
  config,
  profiles: { quick: settings, paper: settings },
  cells: (c) => [{ id: 'regimes', seed: 0, params: c }],
  params,
  result,
  figures,
});
