/**
 * The figures drawn from zhou2022-grid (schemas of their aggregated data):
 * Fig. 1 (phase diagram), Fig. 2 (γ2 = 0 panels), Fig. 5 (S_W1, S_W2 heatmaps
 * and zero-crossing stars), Fig. 7 (condensation map), Fig. 8 (ζ of W²).
 */
import { z } from 'zod';
import { threeLayerStatus } from '../shared/threeLayerOutcome.js';

const anyValues = z.union([z.number(), z.string()]);
/** 'linear' (S < 0), 'condensed' (S > 0), or null when the layer could not be fitted */
const regime = z.enum(['linear', 'condensed']).nullable();
const layer = z.enum(['w1', 'w2']);

/** One point of the plane: S of both layers (mean over seeds of each seed's fit over the widths) and why a value is missing. */
const point = z.object({
  mark: z.literal('point'),
  gamma2: z.number(),
  gamma3: z.number(),
  s_w1: z.number().nullable(),
  s_w2: z.number().nullable(),
  /** standard error of the slope (one seed), or the standard error of the mean over seeds */
  s_w1_se: z.number().nullable(),
  s_w2_se: z.number().nullable(),
  /** runs that entered the W¹ / W² fits, of `runs` */
  n_w1: z.number().int(),
  n_w2: z.number().int(),
  runs: z.number().int(),
  /** runs that stopped short (status ≠ converged) and runs whose layer was at the float32 floor */
  stopped: z.number().int(),
  floor_w1: z.number().int(),
  floor_w2: z.number().int(),
});

/** A zero crossing of S, linearly interpolated between two neighbouring grid points along one axis. */
const star = z.object({
  mark: z.literal('star'),
  /** 'a': S_W1 along γ3; 'b': S_W2 along γ2; 'c': S_W2 along γ3 */
  panel: z.enum(['a', 'b', 'c']),
  layer,
  along: z.enum(['gamma2', 'gamma3']),
  gamma2: z.number(),
  gamma3: z.number(),
});

const run = z.object({
  mark: z.literal('rd'),
  gamma2: z.number(),
  gamma3: z.number(),
  m: z.number().int(),
  seed: z.number().int(),
  rd_w1: z.number(),
  rd_w2: z.number(),
  status: threeLayerStatus,
  w1_at_floor: z.boolean(),
  w2_at_floor: z.boolean(),
  steps: z.number().int(),
  halvings: z.number().int(),
  /** R_S reached the tolerance (also for a 'float32-floor' run whose loss converged) */
  reached_tol: z.boolean(),
  /** the run entered its seed's fit of S(W¹) / S(W²) (aggregate.ts fitLayer) */
  fit_w1: z.boolean(),
  fit_w2: z.boolean(),
  /** the run's cell id in the figure's provenance */
  cell: z.string(),
  /** protocol.precision the run asked for (absent: float32); 'auto': float32, trained again with compensated updates if it ended at the float32 floor; 'compensated': compensated updates from the start */
  precision: z.enum(['float32', 'compensated', 'auto']).optional(),
});

const scatterPoint = z.object({
  mark: z.literal('neuron'),
  gamma2: z.number(),
  gamma3: z.number(),
  /** 'initial' or 'final' W¹ row (w, b) */
  phase: z.enum(['initial', 'final']),
  w: z.number(),
  b: z.number(),
});

export const figures = {
  'zhou2022-fig5': {
    title: 'Growth exponents S(W¹) and S(W²) over the (γ₂, γ₃) plane on the 4-point data, with interpolated zero crossings',
    row: z.discriminatedUnion('mark', [point, star, run]),
    values: z
      .object({
        widths: z.string(),
        m_max: z.number().int(),
        seeds: z.number().int(),
        points: z.number().int(),
        runs: z.number().int(),
        stopped_short: z.number().int(),
        /** runs whose status is 'float32-floor' (of those that stopped short) */
        floor_runs: z.number().int().optional(),
        /** runs trained with protocol.precision 'auto' or 'compensated', and the (γ2, γ3) points they are at */
        auto_runs: z.number().int().optional(),
        auto_points: z.number().int().optional(),
        /** of auto_runs, those trained with compensated updates from the start (precision 'compensated') */
        compensated_runs: z.number().int().optional(),
        at_floor_w1: z.number().int(),
        at_floor_w2: z.number().int(),
        stars_a: z.number().int(),
        stars_b: z.number().int(),
        stars_c: z.number().int(),
        gamma2s: z.string(),
        gamma3s: z.string(),
        tol: z.number(),
        max_steps: z.number().int(),
      })
      .catchall(anyValues),
  },
  'zhou2022-fig1': {
    title: 'The (γ₂, γ₃) phase diagram: measured critical lines of W¹ and W², the regimes, and the common schemes',
    row: z.discriminatedUnion('mark', [
      /** regime of each layer at a grid point (from the signs of S) */
      z.object({ mark: z.literal('regime'), gamma2: z.number(), gamma3: z.number(), w1: regime, w2: regime }),
      /** a measured zero crossing (the stars of Fig. 5: panel a for W¹, b and c for W²) */
      z.object({ mark: z.literal('crossing'), layer, along: z.enum(['gamma2', 'gamma3']), gamma2: z.number(), gamma3: z.number() }),
      /** a scheme of Table 1 at its limit coordinates */
      z.object({ mark: z.literal('scheme'), name: z.string(), gamma2: z.number(), gamma3: z.number() }),
      /** what the paper's text states at a point (its Table 2 and Fig. 2), for comparison */
      z.object({ mark: z.literal('paper'), label: z.string(), gamma2: z.number(), gamma3: z.number() }),
    ]),
    values: z.object({ crossings_w1: z.number().int(), crossings_w2: z.number().int(), m_max: z.number().int() }).catchall(anyValues),
  },
  'zhou2022-fig2': {
    title: 'γ₂ = 0 at the largest width: trained outputs and the initial and final W¹ rows for three γ₃',
    row: z.discriminatedUnion('mark', [
      z.object({ mark: z.literal('curve'), gamma3: z.number(), x: z.number(), y: z.number() }),
      z.object({ mark: z.literal('data'), x: z.number(), y: z.number() }),
      scatterPoint,
      z.object({
        mark: z.literal('run'),
        gamma3: z.number(),
        status: threeLayerStatus,
        rd_w1: z.number(),
        /** orientations of the final W¹ rows holding at least 5 % of the large neurons (engine/metrics/orientations.ts) */
        orientations: z.number().int(),
      }),
    ]),
    values: z.object({ m: z.number().int(), gamma2: z.number(), gamma3s: z.string(), neurons: z.number().int() }).catchall(anyValues),
  },
  'zhou2022-fig7': {
    title: 'Condensation map: initial and final W¹ rows over the (γ₃, γ₂) grid at the largest width',
    row: z.discriminatedUnion('mark', [
      scatterPoint,
      z.object({
        mark: z.literal('cell'),
        gamma2: z.number(),
        gamma3: z.number(),
        status: threeLayerStatus,
        rd_w1: z.number(),
        /** the grid point of its column (fixed γ2) nearest a W¹ zero crossing: the critical cell */
        critical: z.boolean(),
        /** the panel is scaled by this (the largest |w|, |b| of its rows) */
        scale: z.number(),
      }),
    ]),
    values: z.object({ m: z.number().int(), neurons: z.number().int(), critical: z.number().int() }).catchall(anyValues),
  },
  'zhou2022-fig8': {
    title: 'Condensation degree ζ of the rows of W² over the (γ₃, γ₂) grid at the largest width',
    row: z.object({
      mark: z.literal('cell'),
      gamma2: z.number(),
      gamma3: z.number(),
      /** mean over the repetitions that reached the tolerance with W²'s motion resolved in float32 (`converged` of them); null when none did */
      zeta: z.number().nullable(),
      /** ζ of the same rows at initialisation (mean over repetitions) */
      zeta0: z.number().nullable(),
      reps: z.number().int(),
      converged: z.number().int(),
    }),
    values: z.object({ m: z.number().int(), seeds: z.number().int(), zeta_rows: z.number().int() }).catchall(anyValues),
  },
};
