/**
 * Degenerate runs in figure data (issue 11): a run that stopped at step 0, hit
 * its step cap, went unstable, moved below float32 resolution (RD exactly 0)
 * or holds non-finite numbers (src/pipeline/degenerate.ts says which). Its
 * rows carry the reason in a `degenerate` field (null for a clean run), the
 * figures draw it as such (src/figures/shared/degenerate.ts), fits and means
 * leave it out, and the figure's values count it for the caption
 * (src/components/Figure.astro).
 */
import { z } from 'zod';
import { degenerateReason } from '../../src/pipeline/degenerate.js';

/** Row field: why the run is degenerate, or null for a clean run. */
export const degenerateField = z.string().nullable();

/** Values of a figure drawn from runs: how many runs it shows, how many of them are degenerate, and why. */
export const degenerateValues = {
  /** runs the figure is drawn from */
  runs_total: z.number().int(),
  /** of them degenerate: drawn as such, left out of fits and means */
  degenerate_runs: z.number().int(),
  /** the reasons with their counts, most frequent first ("5 stopped at step 0"), '' when none */
  degenerate_reasons: z.string(),
};

export type DegenerateValues = { runs_total: number; degenerate_runs: number; degenerate_reasons: string };

/** Why a run's result is degenerate, or null when it is clean. */
export function degenerateOf(result: unknown): string | null {
  return degenerateReason(result) ?? null;
}

/** The clean cells (result not degenerate): the ones fits and means use. */
export function cleanCells<C extends { result: unknown }>(cells: readonly C[]): C[] {
  return cells.filter((c) => degenerateOf(c.result) === null);
}

/** The caption counts of runs given by their reasons (null for a clean run). */
export function reasonCounts(reasons: readonly (string | null)[]): DegenerateValues {
  const counts = new Map<string, number>();
  for (const reason of reasons) if (reason !== null) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    runs_total: reasons.length,
    degenerate_runs: sorted.reduce((s, [, n]) => s + n, 0),
    degenerate_reasons: sorted.map(([reason, n]) => `${n} ${reason}`).join(', '),
  };
}

/** The caption counts of the runs (results) a figure is drawn from. */
export function degenerateCounts(results: readonly unknown[]): DegenerateValues {
  return reasonCounts(results.map(degenerateOf));
}

/**
 * The degenerate runs among those of one point (a heatmap cell, a fitted exponent), given by their reasons
 * (null for a clean run), for the point's `degenerate` field: "2 of 5 runs: 1 stopped at step 0, 1 max-steps
 * (not converged)", or null when all are clean.
 */
export function degenerateOfRuns(reasons: readonly (string | null)[]): string | null {
  const c = reasonCounts(reasons);
  return c.degenerate_runs === 0 ? null : `${c.degenerate_runs} of ${c.runs_total} run${c.runs_total === 1 ? '' : 's'}: ${c.degenerate_reasons}`;
}
