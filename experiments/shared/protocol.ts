/**
 * Configuration fields of the gradient-descent protocol (src/engine/train/gd.ts,
 * after luo2021's code), shared by the experiments' zod schemas and cell params.
 * This folder has no experiment.ts: the registry does not treat it as one.
 */
import { z } from 'zod';

export const protocolFields = {
  /** starting lr0; lr = lr0 · lrScale, halved on any loss increase */
  lr0: z.number().positive(),
  maxSteps: z.number().int().positive(),
  maxRestarts: z.number().int().nonnegative(),
};

/** Stop when the mean squared error falls below tol. */
export const tolField = { tol: z.number().positive() };

export interface Protocol {
  lr0: number;
  maxSteps: number;
  maxRestarts: number;
}

export interface ProtocolWithTol extends Protocol {
  tol: number;
}

/** The protocol fields of a configuration, for a cell's params. */
export function protocolOf(c: Protocol): Protocol {
  return { lr0: c.lr0, maxSteps: c.maxSteps, maxRestarts: c.maxRestarts };
}

export function protocolWithTolOf(c: ProtocolWithTol): ProtocolWithTol {
  return { ...protocolOf(c), tol: c.tol };
}

/** Outcome of the protocol (GdStatus in src/engine/train/gd.ts), for result schemas. */
export const status = z.enum(['converged', 'max-steps', 'diverged', 'unstable']);

/** Implementation that trained (TrainPath in src/engine/train/twoLayerRun.ts), for result schemas. */
export const trainPath = z.enum(['wasm-kernel', 'tfjs']);
