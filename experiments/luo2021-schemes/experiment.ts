/**
 * luo2021 Table 1 and Fig. 1: the common initialisation schemes, their
 * (α, β1, β2, κ, κ', γ, γ') computed by the engine, placed on the phase
 * diagram. No training: the cells evaluate the schemes at given widths.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';

export const config = z
  .object({
    /** widths at which the finite-m values are tabulated */
    widths: z.array(z.number().int().min(2)).min(1),
    /** input dimension d */
    d: z.number().int().positive(),
    /** the E et al. family β = m^{−s}, drawn at these s */
    eEtAl: z.array(z.number()),
  })
  .strict();

export type Config = z.infer<typeof config>;

/** The one cell evaluates the whole configuration. */
export const params = config;

export type Params = z.infer<typeof params>;

const row = z.object({
  scheme: z.string(),
  m: z.number(),
  d: z.number(),
  alpha: z.number(),
  beta1: z.number(),
  beta2: z.number(),
  kappa: z.number(),
  kappaPrime: z.number(),
  gammaAtM: z.number(),
  gammaPrimeAtM: z.number(),
  gamma: z.number(),
  gammaPrime: z.number(),
});

export const result = z.object({ rows: z.array(row) });
export type Result = z.infer<typeof result>;

/** A point of the (γ, γ') plane (Fig. 1). */
const point = { gamma: z.number(), gamma_prime: z.number() };

export const figures = {
  'luo2021-table1': {
    title: 'Initialisation schemes and their coordinates',
    row: row.extend({ mark: z.literal('row') }),
    values: z.object({ widths: z.string(), d: z.number().int() }),
  },
  'luo2021-fig1': {
    title: 'Phase diagram of two-layer ReLU networks with the common schemes',
    row: z.discriminatedUnion('mark', [
      /** the schemes at one asymptotic point, labelled together */
      z.object({ mark: z.literal('scheme'), ...point, label: z.string() }),
      /** a vertex of the theoretical boundary (src/engine/theory/luo2021.ts) */
      z.object({ mark: z.literal('boundary'), ...point }),
      /** a vertex of the line γ = γ' of the E et al. family */
      z.object({ mark: z.literal('e-line'), ...point }),
    ]),
  },
};

const settings = { widths: [1000, 1000000], d: 1, eEtAl: [0.25, 0.75] };

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-schemes',
  title: 'Common initialisation schemes in the (γ, γ′) plane',
  paper: 'luo2021',
  config,
  profiles: { quick: settings, paper: settings },
  cells: (c) => [{ id: 'schemes', seed: 0, params: c }],
  params,
  result,
  figures,
});
