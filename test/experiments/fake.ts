/** Hand-made cells for the aggregate tests: chosen results, no training. */
import type { Outcome } from '../../experiments/shared/protocol.js';
import type { CellSpec } from '../../src/pipeline/experiment.js';

export const protocol = { lr0: 1, tol: 1e-6, maxSteps: 1000, maxRestarts: 0 };
export const protocolWithoutTol = { lr0: 0.05, maxSteps: 1000, maxRestarts: 0 };

/** A converged run's outcome; override fields as needed. */
export function outcome(over: Partial<Outcome> = {}): Outcome {
  return { path: 'wasm-kernel', status: 'converged', steps: 100, finalLoss: 1e-7, lr0: 1, restarts: 0, ...over };
}

/** One aggregate input entry. */
export function cell<P, R>(id: string, params: P, result: R, seed = 0): { cell: CellSpec<P>; result: R } {
  return { cell: { id, seed, params }, result };
}

/**
 * RD values at widths 10, 100, 1000 whose log-log fit has slope S exactly,
 * intercept δ/3 and standard error δ/(√3 ln 10): log RD = S log m + δ·[0, 1, 0].
 */
export const WIDTHS = [10, 100, 1000];
export function rdsWithSlope(S: number, delta: number): number[] {
  return WIDTHS.map((m, i) => Math.exp(S * Math.log(m) + (i === 1 ? delta : 0)));
}
export const seOf = (delta: number) => delta / (Math.sqrt(3) * Math.LN10);

import type { FigureData, FigureSpec } from '../../src/pipeline/experiment.js';

/** Every figure's rows and values parse against the experiment's declared schemas (as the pipeline checks). */
export function schemaErrors(figures: Record<string, Pick<FigureSpec, 'row' | 'values'>>, out: Record<string, FigureData>): string[] {
  const errors: string[] = [];
  for (const [id, data] of Object.entries(out)) {
    const spec = figures[id];
    if (!spec) {
      errors.push(`${id}: not declared`);
      continue;
    }
    data.rows.forEach((row, i) => {
      const r = spec.row.safeParse(row);
      if (!r.success) errors.push(`${id} row ${i}: ${r.error.message}`);
    });
    if (spec.values && data.values !== undefined) {
      const v = spec.values.safeParse(data.values);
      if (!v.success) errors.push(`${id} values: ${v.error.message}`);
    }
  }
  return errors;
}
