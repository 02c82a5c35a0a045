/**
 * zhou2022-grid: the (γ2, γ3) plane of zhou2022 on the 4-point data. One run
 * per (γ2, γ3, width, seed) records everything Figs. 5, 7 and 8 need (RD of
 * W¹ and W², ζ of W², and at the largest width the W¹ scatter and the output),
 * so each point is trained once. The aggregate fits S_W1 and S_W2 over the
 * widths (Fig. 5), interpolates the zero crossings, and draws the phase
 * diagram (Fig. 1), the condensation map (Fig. 7), ζ (Fig. 8) and the
 * γ2 = 0 panels of Fig. 2 from the same runs.
 *
 * A point is added by adding a value to an axis: cell seeds hash the cell's
 * own coordinates, so no existing cell re-runs (refinement near the lines).
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { threeLayerOutcome, threeLayerProtocol } from '../shared/threeLayerOutcome.js';
import { figures } from './figures.js';

export const config = z
  .object({
    gamma2s: z.array(z.number()).min(2),
    gamma3s: z.array(z.number()).min(2),
    widths: z.array(z.number().int().min(2)).min(2),
    /** independent initialisations per (γ2, γ3, m) */
    seeds: z.number().int().positive(),
    /** base seed of the grid's hash rule */
    seed: z.number().int().nonnegative(),
    protocol: threeLayerProtocol,
    /** corners of the grid that are not run: γ2 = gamma2 and γ3 ≥ gamma3Min (drawn as "not run") */
    exclude: z.array(z.object({ gamma2: z.number(), gamma3Min: z.number() }).strict()),
    /**
     * points (γ2, γ3) run with protocol.precision `precision` (default 'auto': train.ts runs float32, and a run that
     * ends at the float32 floor runs again with compensated updates; 'compensated': compensated updates from the
     * start, for runs that float32 leaves at the floor but that stop at the step cap, which 'auto' does not re-run),
     * at `widths` of them or at every width; every other cell keeps the protocol's precision, hence its key
     */
    auto: z
      .array(
        z
          .object({
            gamma2: z.number(),
            gamma3: z.number(),
            widths: z.array(z.number().int().min(2)).min(1).optional(),
            precision: z.enum(['auto', 'compensated']).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    gamma2: z.number(),
    gamma3: z.number(),
    m: z.number().int().min(2),
    /** index of the seed (0 … seeds − 1); the cell's seed is hashed from its id */
    replicate: z.number().int().nonnegative(),
    /** record the W¹ scatter and the output (the largest width) */
    detail: z.boolean(),
    protocol: threeLayerProtocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

const numbers = z.array(z.number());

export const result = threeLayerOutcome.extend({
  /** RD of the whole W¹ (b¹ included), W² (b² included) and a */
  rdW1: z.number(),
  rdW2: z.number(),
  rdA: z.number(),
  /** the layer's mean relative motion per step was below float32's resolution (train.ts, "float32 floor"): its RD is not a measurement */
  w1AtFloor: z.boolean(),
  w2AtFloor: z.boolean(),
  /** ζ of the rows of W² after training and at initialisation (top half by norm; zeta.ts) */
  zeta: z.number().nullable(),
  zeta0: z.number().nullable(),
  /** rows ζ was computed on (≤ ZETA_ROWS of run.ts) */
  zetaRows: z.number().int(),
  /** detail width only: initial (w0, b0) and final (w, b) W¹ rows of evenly spaced neurons */
  scatter: z.object({ w0: numbers, b0: numbers, w: numbers, b: numbers }).optional(),
  /** detail width only: the trained output on a grid of x */
  curve: z.object({ x: numbers, y: numbers }).optional(),
});

export type Result = z.infer<typeof result>;

export { figures };

/** R_S < 1e-6 as Table 2; the step cap bounds a cell at m = 10000 to about 15 minutes (the W¹-condensed corner γ2 < 0, γ3 ≥ 3 needs more and is drawn as stopped short). */
const protocol = { lr0: 1, tol: 1e-6, maxSteps: 20_000, maxRestarts: 20 };

export default defineExperiment<Config, Params, Result>({
  id: 'zhou2022-grid',
  title: 'Growth exponents, condensation map and ζ over the (γ₂, γ₃) plane (Zhou et al. 2022, Figs. 1, 2, 5, 7, 8)',
  paper: 'zhou2022',
  config,
  profiles: {
    quick: { gamma2s: [0, 1], gamma3s: [1, 1.5, 2, 3], widths: [50, 100, 200], seeds: 1, seed: 50, protocol: { ...protocol, maxSteps: 5000 }, exclude: [] },
    paper: {
      // a first pass on the 0.5 grid located the lines; γ2 = 0.25, 0.75 and γ3 = 2.25, 2.75 refine it where they run,
      // and γ3 = 5 gives the W¹ line a margin at γ2 = 1.5
      gamma2s: [-0.5, 0, 0.25, 0.5, 0.75, 1, 1.5],
      gamma3s: [0.5, 1, 1.5, 2, 2.25, 2.5, 2.75, 3, 3.5, 4, 4.5, 5],
      // the paper's widths without 10000: a run at m = 10000 costs 1–15 minutes here (the full profile has it)
      widths: [100, 1000, 2500, 5000],
      seeds: 1,
      seed: 50,
      protocol,
      // the W¹-condensed corner: at m = 1000 the runs at γ2 = −0.5 had not converged after 100,000 steps, and at
      // γ2 = 0, γ3 ≥ 3.5 most runs stopped short of the tolerance within the step cap
      exclude: [
        { gamma2: -0.5, gamma3Min: 3 },
        { gamma2: 0, gamma3Min: 5 },
        { gamma2: 0.25, gamma3Min: 3.5 },
      ],
      // where float32 ended at the floor (a layer's motion unresolved, or a bitwise-constant loss), precision 'auto'
      // measures it with compensated updates; the list grows as the runs are computed, cheapest widths first
      auto: [
        ...[
          [-0.5, 0.5],
          [-0.5, 1],
          [-0.5, 1.5],
          [0.5, 0.5],
          [0.5, 1],
          [0.75, 0.5],
          [0.75, 1],
          [0.75, 1.5],
          [1, 0.5],
          [1, 1],
          [1, 1.5],
          [1, 2],
          [1, 2.25],
          [1.5, 0.5],
          [1.5, 1],
          [1.5, 1.5],
          [1.5, 2],
          [1.5, 2.25],
          [1.5, 2.5],
          [1.5, 2.75],
          [1.5, 3],
        ].map(([gamma2, gamma3]) => ({ gamma2, gamma3, widths: gamma2 === 0.75 && gamma3 === 0.5 ? [100, 1000, 2500] : [100, 1000, 2500, 5000] })),
        // the loss stalled (a slow plateau, zhou2022.mdx): compensated runs on to the step cap
        { gamma2: 0, gamma3: 4.5, widths: [1000, 2500] },
        { gamma2: 0.5, gamma3: 5, widths: [1000, 2500] },
        { gamma2: 0.75, gamma3: 5, widths: [1000] },
        // float32 stopped these on a bitwise-constant loss (a plateau, the weights still moving): compensated updates
        // from the start, whose stall test also asks that no weight moved
        { gamma2: 0, gamma3: 4, widths: [2500, 5000], precision: 'compensated' },
        { gamma2: 0, gamma3: 4.5, widths: [5000], precision: 'compensated' },
        { gamma2: 0.5, gamma3: 4.5, widths: [2500, 5000], precision: 'compensated' },
        { gamma2: 0.5, gamma3: 5, widths: [5000], precision: 'compensated' },
        { gamma2: 0.75, gamma3: 5, widths: [2500, 5000], precision: 'compensated' },
        // W¹ or W² at the floor in float32 but stopped at the step cap (status max-steps), which 'auto' does not re-run
        ...[
          [0, 0.5],
          [0.25, 0.5],
          [0.75, 0.5],
        ].map(([gamma2, gamma3]) => ({ gamma2, gamma3, widths: [5000], precision: 'compensated' as const })),
      ],
    },
    /**
     * the paper's Fig. 8 averages 8 repetitions at m = 10000; no step cap short of 200,000 (10–40 core-hours: a cluster's job).
     * Precision 'auto' everywhere: a float32 run that ends at the floor (or stalls on a bitwise-constant loss, which
     * float32 cannot tell from the floor) runs again with compensated updates, as the paper profile's listed points do
     */
    full: {
      gamma2s: [-0.5, 0, 0.5, 1, 1.5],
      gamma3s: [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5],
      widths: [100, 1000, 2500, 5000, 10000],
      seeds: 8,
      seed: 50,
      protocol: { ...protocol, maxSteps: 200_000, precision: 'auto' },
      exclude: [],
    },
  },
  cells: (c) => {
    const detailWidth = Math.max(...c.widths);
    const excluded = (g2: number, g3: number) => c.exclude.some((e) => e.gamma2 === g2 && g3 >= e.gamma3Min);
    const listed = (g2: number, g3: number, m: number) => (c.auto ?? []).filter((a) => a.gamma2 === g2 && a.gamma3 === g3 && (a.widths?.includes(m) ?? true));
    for (const a of c.auto ?? []) {
      const at = `(γ2, γ3) = (${a.gamma2}, ${a.gamma3}) widths ${a.widths ?? 'all'}`;
      const off = !c.gamma2s.includes(a.gamma2) || !c.gamma3s.includes(a.gamma3) || a.widths?.some((m) => !c.widths.includes(m));
      if (off) throw new Error(`zhou2022-grid: config field auto: ${at} is not on the grid`);
      const twice = (a.widths ?? c.widths).find((m) => listed(a.gamma2, a.gamma3, m).length > 1);
      if (twice !== undefined) throw new Error(`zhou2022-grid: config field auto: ${at}: m = ${twice} is listed more than once`);
    }
    const protocolAt = (g2: number, g3: number, m: number): Params['protocol'] => {
      const a = listed(g2, g3, m)[0];
      return a ? { ...c.protocol, precision: a.precision ?? 'auto' } : c.protocol;
    };
    return cellGrid({
      axes: { gamma2: c.gamma2s, gamma3: c.gamma3s, m: c.widths, replicate: Array.from({ length: c.seeds }, (_, i) => i) },
      baseSeed: c.seed,
      params: ({ gamma2, gamma3, m, replicate }) => ({
        gamma2,
        gamma3,
        m,
        replicate,
        detail: m === detailWidth,
        protocol: protocolAt(gamma2, gamma3, m),
      }),
    }).filter((cell) => !excluded(cell.params.gamma2, cell.params.gamma3));
  },
  params,
  result,
  figures,
});
