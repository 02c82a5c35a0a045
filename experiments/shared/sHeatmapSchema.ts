/**
 * Figure data of an S_w heatmap over (γ, γ') (luo2021 Figs 4 and 5): the zod
 * schemas of its rows and values, shared by the experiments' figure specs,
 * ./sHeatmap.ts (which computes them) and the view (src/figures/shared/sHeatmap.ts).
 */
import { z } from 'zod';
import { degenerateField, degenerateValues } from './degenerate.js';

export const sHeatmapRow = z.discriminatedUnion('mark', [
  /**
   * one (γ, γ') cell: S_w fitted over the widths of its clean runs (null when the fit is undefined), drawn over
   * [gamma_lo, gamma_hi]; degenerate: its degenerate runs (left out of the fit), null when none
   */
  z.object({
    mark: z.literal('cell'),
    gamma: z.number(),
    gamma_prime: z.number(),
    s_w: z.number().nullable(),
    s_w_se: z.number().nullable(),
    gamma_lo: z.number(),
    gamma_hi: z.number(),
    degenerate: degenerateField,
  }),
  /** one training run behind a cell: its width, RD (null when not finite), status, whether it entered the fit, and its cell id in the provenance */
  z.object({
    mark: z.literal('run'),
    gamma: z.number(),
    gamma_prime: z.number(),
    m: z.number(),
    rd_w: z.number().nullable(),
    status: z.string(),
    fitted: z.boolean(),
    cell: z.string(),
  }),
  /** a zero crossing of S_w along γ at γ' */
  z.object({ mark: z.literal('star'), gamma_prime: z.number(), gamma_star: z.number() }),
  /** a vertex of the theoretical boundary (src/engine/theory/luo2021.ts) */
  z.object({ mark: z.literal('boundary'), gamma: z.number(), gamma_prime: z.number() }),
]);

export type SHeatmapRow = z.infer<typeof sHeatmapRow>;

export const sHeatmapValues = z.object({
  cells: z.number().int(),
  runs: z.number().int(),
  not_converged: z.number().int(),
  crossings: z.number().int(),
  /** largest |γ* − boundary γ| over the crossings */
  max_crossing_error: z.number(),
  /** the widths, as text ("250, 500, 1000") */
  widths: z.string(),
  ...degenerateValues,
});

export type SHeatmapValues = z.infer<typeof sHeatmapValues>;
