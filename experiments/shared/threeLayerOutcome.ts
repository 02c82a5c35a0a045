/**
 * The three-layer protocol (ThreeLayerProtocol in src/engine/threeLayer/train.ts)
 * as one zod object, nested in configurations and cell params as `protocol`,
 * and the outcome of a three-layer run, shared by the result schemas
 * (threeLayerOutcome.extend({...})). outcomeOfThreeLayer (./threeLayerRun.ts)
 * fills it. The two-layer counterparts are ./protocol.ts and ./outcome.ts.
 */
import { z } from 'zod';
import { trainPath } from './protocol.js';

export const threeLayerProtocol = z
  .object({
    /** lr = lr0 / λ̂ (λ̂: the curvature estimate of train.ts), halved on a rise */
    lr0: z.number().positive(),
    /** converged when R_S = L/2 < tol (the paper's units) */
    tol: z.number().positive(),
    /** cap on the total number of GD steps over all attempts */
    maxSteps: z.number().int().positive(),
    /** more halvings than this: 'unstable' */
    maxRestarts: z.number().int().nonnegative(),
    /** relative rise over the attempt's smallest loss that is tolerated (engine default 1e-2) */
    riseTolerance: z.number().positive().optional(),
    /** a layer whose RD / steps is below this is at the float32 floor (engine default 1e-7) */
    rateFloor: z.number().positive().optional(),
    /** steps of a bitwise-constant loss that stop the run (engine default 2000) */
    stallSteps: z.number().int().positive().optional(),
    /** steps between the per-layer stall checks (engine default 250) */
    checkEvery: z.number().int().positive().optional(),
    /** arithmetic of the parameters (engine default 'float32'; 'compensated': float32 pairs hi + lo; 'auto': float32, re-run compensated at the float32 floor) */
    precision: z.enum(['float32', 'compensated', 'auto']).optional(),
  })
  .strict();

export type ThreeLayerProtocolConfig = z.infer<typeof threeLayerProtocol>;

/** ThreeLayerStatus of src/engine/threeLayer/train.ts: only 'converged' is a clean run. */
export const threeLayerStatus = z.enum(['converged', 'max-steps', 'unstable', 'float32-floor', 'dead']);

/** What every three-layer run reports: outcomeOfThreeLayer(run) in ./threeLayerRun.ts. */
export const threeLayerOutcome = z.object({
  /** implementation that trained (always the fused kernel for three layers) */
  path: trainPath,
  status: threeLayerStatus,
  /** status ≠ 'converged': excluded from fits, drawn as such */
  stoppedShort: z.boolean(),
  /** R_S < tol was reached (also for a 'float32-floor' run whose loss converged) */
  reachedTol: z.boolean(),
  /** steps of the final attempt */
  steps: z.number().int(),
  /** steps over all attempts */
  totalSteps: z.number().int(),
  /** final L = (1/n) Σ e² (engine units), null when not finite */
  finalLoss: z.number().nullable(),
  /** final R_S = L/2 (paper units), null when not finite */
  finalRs: z.number().nullable(),
  /** lr0 and lr of the final attempt */
  lr0: z.number(),
  lr: z.number(),
  /** number of halvings (each a restart from the same initial parameters) */
  halvings: z.number().int(),
  /** rises below riseTolerance that were let through (final attempt) */
  toleratedRises: z.number().int(),
});

export type ThreeLayerOutcome = z.infer<typeof threeLayerOutcome>;
