/**
 * Figure data of an S_w heatmap over (γ, γ') (luo2021 Figs 4 and 5): the
 * growth exponent per cell fitted over the widths, its zero crossings along
 * γ at each γ' (the stars), and the theoretical boundary.
 */
import { growthExponent, zeroCrossings } from '../../src/engine/metrics/growthExponent.js';
import type { FigureData, Row } from '../../src/pipeline/experiment.js';

/** The boundary of luo2021 (Theorems 6 and 8): γ = 1 for γ' ≤ 0, γ' = γ − 1 for γ' > 0. */
export const boundaryGamma = (gammaPrime: number) => (gammaPrime <= 0 ? 1 : 1 + gammaPrime);

export interface RdRun {
  gamma: number;
  gammaPrime: number;
  m: number;
  rdW: number;
  converged: boolean;
}

/** Cells sampled at `gammas`, drawn between `gammaEdges` (one more edge than γ). */
export function sHeatmapData(gammas: number[], gammaEdges: number[], gammaPrimes: number[], runs: RdRun[]): FigureData {
  const rows: Row[] = [];
  let crossingError = 0;
  let crossings = 0;
  for (const gammaPrime of gammaPrimes) {
    const sw = gammas.map((gamma, gi) => {
      const at = runs.filter((r) => r.gamma === gamma && r.gammaPrime === gammaPrime);
      const fit = growthExponent(at.map((r) => r.m), at.map((r) => r.rdW));
      rows.push({ mark: 'cell', gamma, gamma_prime: gammaPrime, s_w: fit.slope, s_w_se: fit.stderr, gamma_lo: gammaEdges[gi], gamma_hi: gammaEdges[gi + 1] });
      return fit.slope;
    });
    for (const gammaStar of zeroCrossings(gammas, sw)) {
      rows.push({ mark: 'star', gamma_prime: gammaPrime, gamma_star: gammaStar });
      crossingError = Math.max(crossingError, Math.abs(gammaStar - boundaryGamma(gammaPrime)));
      crossings++;
    }
  }
  const lo = gammaPrimes[0];
  const hi = gammaPrimes.at(-1)!;
  for (const gp of [lo, ...(lo < 0 && hi > 0 ? [0] : []), hi]) rows.push({ mark: 'boundary', gamma: boundaryGamma(gp), gamma_prime: gp });
  const widths = [...new Set(runs.map((r) => r.m))].sort((p, q) => p - q);
  return {
    rows,
    values: {
      cells: gammas.length * gammaPrimes.length,
      runs: runs.length,
      not_converged: runs.filter((r) => !r.converged).length,
      crossings,
      max_crossing_error: crossingError,
      widths: widths.join(', '),
    },
  };
}
