/**
 * The gradient-descent protocol (GdProtocol in src/engine/train/gd.ts, after
 * luo2021's code) as one zod object, nested in configurations and in cell
 * params as `protocol`; and the outcome of a two-layer run, shared by the
 * result schemas (outcome.extend({...})). outcomeOf (./outcome.ts) fills it.
 * This folder has no experiment.ts: the registry does not treat it as one.
 */
import { z } from 'zod';

export const protocol = z
  .object({
    /** starting lr0; lr = lr0 · lrScale, halved on any loss increase */
    lr0: z.number().positive(),
    /** stop when the mean squared error falls below tol */
    tol: z.number().positive(),
    maxSteps: z.number().int().positive(),
    maxRestarts: z.number().int().nonnegative(),
  })
  .strict();

export type Protocol = z.infer<typeof protocol>;

/** The protocol without tol, for experiments whose run computes it (chen2023: a fraction of L(θ0)). */
export const protocolWithoutTol = protocol.omit({ tol: true });

export type ProtocolWithoutTol = z.infer<typeof protocolWithoutTol>;

/** Outcome of the protocol (GdStatus in src/engine/train/gd.ts). */
export const status = z.enum(['converged', 'max-steps', 'diverged', 'unstable']);

/** Implementation that trained (TrainPath in src/engine/twoLayer/train.ts). */
export const trainPath = z.enum(['wasm-kernel', 'tfjs']);

/** What every training run reports: outcomeOf(run) in ./outcome.ts. */
export const outcome = z.object({
  /** implementation that trained */
  path: trainPath,
  status,
  steps: z.number().int(),
  /** final mean squared error, null when not finite */
  finalLoss: z.number().nullable(),
  /** lr0 of the attempt that ended the run */
  lr0: z.number(),
  restarts: z.number().int(),
});

export type Outcome = z.infer<typeof outcome>;

/** A loss trajectory, non-finite losses as null. */
export const trajectory = z.array(z.object({ step: z.number().int(), loss: z.number().nullable() }));
