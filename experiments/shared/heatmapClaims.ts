/**
 * The quantity of a luo2021 S_w-heatmap claim (Figs. 4 and 5): how far the
 * measured sign changes of S_w lie from the boundary of the paper's theorems.
 * Used by claims only (never by a run or an aggregate).
 */
import { boundaryGamma } from '../../src/engine/theory/luo2021.js';
import type { FigureData } from '../../src/pipeline/experiment.js';
import type { SHeatmapRow } from './sHeatmapSchema.js';

/** Largest |γ* − γ_boundary(γ′)| over the stars; throws when there is none. */
export function maxBoundaryError(d: FigureData<SHeatmapRow>): number {
  const errors = d.rows.flatMap((r) => (r.mark === 'star' ? [Math.abs(r.gamma_star - boundaryGamma(r.gamma_prime))] : []));
  if (errors.length === 0) throw new Error('no sign change of S_w in the grid');
  return Math.max(...errors);
}

/** The crossing at γ′ = 0; throws when that row has none. */
export function crossingAtZero(d: FigureData<SHeatmapRow>): number {
  for (const r of d.rows) if (r.mark === 'star' && Math.abs(r.gamma_prime) < 1e-9) return r.gamma_star;
  throw new Error('no sign change of S_w at γ′ = 0');
}
