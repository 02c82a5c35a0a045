/**
 * Degenerate runs: stored cell results that the figures show but that are
 * not clean training runs (a run that stopped at step 0, hit its step limit,
 * went unstable, stalled at the float32 floor, moved below float32 resolution
 * (a relative distance `rd…` exactly 0), or holds non-finite numbers).
 * The build names them per experiment (scripts/experiments.ts).
 *
 * Generic: a result is classified by the fields most outcome schemas share
 * (`status`, `steps`, top-level numbers), never by importing experiment code;
 * a result without such fields is not classified.
 */

/** Statuses of a clean run (experiments/shared/outcome.ts, threeLayerOutcome.ts, chen2024's and the introduction's runs). */
export const SUCCESS_STATUSES: ReadonlySet<string> = new Set(['converged', 'ok', 'completed', 'exited']);

/** How each known failure status is named in the summary; any other is named by its value. */
const STATUS_LABELS: Record<string, string> = {
  'max-steps': 'max-steps (not converged)',
};

/** The reason of a run whose relative distance (a top-level `rd…` field) is exactly 0: it moved below float32 resolution. */
export const RD_ZERO = 'RD = 0 (below float32 resolution)';

/** Top-level fields whose null stands for a non-finite number (JSON has no NaN: outcome.ts stores it as null). */
const NULL_MEANS_NON_FINITE = new Set(['finalLoss', 'finalRs']);

/** Why a result is degenerate (one reason, the first that applies), or undefined when it is not, or cannot be classified. */
export function degenerateReason(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const r = result as Record<string, unknown>;
  if (typeof r.status === 'string' && !SUCCESS_STATUSES.has(r.status)) return STATUS_LABELS[r.status] ?? r.status;
  if (r.steps === 0) return 'stopped at step 0';
  if (Object.entries(r).some(([name, v]) => /^rd[A-Z0-9]/.test(name) && v === 0)) return RD_ZERO;
  const nonFinite = Object.entries(r).filter(([name, v]) => (typeof v === 'number' && !Number.isFinite(v)) || (v === null && NULL_MEANS_NON_FINITE.has(name)));
  if (nonFinite.length) return 'non-finite values';
  return undefined;
}

export interface DegenerateSummary {
  experiment: string;
  profile: string;
  /** cells with a stored result */
  runs: number;
  /** of them degenerate */
  degenerate: number;
  /** count per reason, most frequent first */
  reasons: Record<string, number>;
}

/** Count the degenerate results of one experiment's stored cells. */
export function summarizeDegenerate(experiment: string, profile: string, results: unknown[]): DegenerateSummary {
  const counts = new Map<string, number>();
  for (const result of results) {
    const reason = degenerateReason(result);
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    experiment,
    profile,
    runs: results.length,
    degenerate: sorted.reduce((s, [, n]) => s + n, 0),
    reasons: Object.fromEntries(sorted),
  };
}

/** `  luo2021-fig4 [paper]: 3 of 405 runs degenerate: 2 stopped at step 0, 1 max-steps (not converged)` */
export function formatDegenerate(s: DegenerateSummary): string {
  const parts = Object.entries(s.reasons).map(([reason, n]) => `${n} ${reason}`);
  return `  ${s.experiment} [${s.profile}]: ${s.degenerate} of ${s.runs} run${s.runs === 1 ? '' : 's'} degenerate: ${parts.join(', ')}`;
}
