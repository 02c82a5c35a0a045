/** luo2021-fig4: S_w per (γ, γ') cell, its zero crossings along γ, and the theoretical boundary. */
import { growthExponent, zeroCrossings } from '../../src/engine/metrics/growthExponent.js';
import type { AggregateInput, FigureData, Row } from '../../src/pipeline/experiment.js';
import { midpoints, type Config, type Params, type Result } from './experiment.js';

/** The boundary of luo2021 (Theorems 6 and 8): γ = 1 for γ' ≤ 0, γ' = γ − 1 for γ' > 0. */
export const boundaryGamma = (gammaPrime: number) => (gammaPrime <= 0 ? 1 : 1 + gammaPrime);

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const rows: Row[] = [];
  const values: Record<string, number | string> = {};
  const gammas = midpoints(config.gammaEdges);
  let notConverged = 0;
  let crossingError = 0;
  let crossings = 0;
  for (const gammaPrime of config.gammaPrimes) {
    const sw: number[] = [];
    gammas.forEach((gamma, gi) => {
      const runs = cells.filter((c) => c.cell.params.gamma === gamma && c.cell.params.gammaPrime === gammaPrime);
      notConverged += runs.filter((r) => r.result.status !== 'converged').length;
      const fit = growthExponent(runs.map((r) => r.cell.params.m), runs.map((r) => r.result.rdW));
      sw.push(fit.slope);
      rows.push({
        mark: 'cell',
        gamma,
        gamma_prime: gammaPrime,
        s_w: fit.slope,
        s_w_se: fit.stderr,
        gamma_lo: config.gammaEdges[gi],
        gamma_hi: config.gammaEdges[gi + 1],
      });
    });
    const stars = zeroCrossings(gammas, sw);
    for (const gammaStar of stars) {
      rows.push({ mark: 'star', gamma_prime: gammaPrime, gamma_star: gammaStar });
      crossingError = Math.max(crossingError, Math.abs(gammaStar - boundaryGamma(gammaPrime)));
      crossings++;
    }
  }
  const lo = config.gammaPrimes[0];
  const hi = config.gammaPrimes.at(-1)!;
  for (const gp of [lo, ...(lo < 0 && hi > 0 ? [0] : []), hi]) rows.push({ mark: 'boundary', gamma: boundaryGamma(gp), gamma_prime: gp });
  values.cells = gammas.length * config.gammaPrimes.length;
  values.runs = cells.length;
  values.not_converged = notConverged;
  values.crossings = crossings;
  values.max_crossing_error = crossingError;
  values.widths = config.widths.join(', ');
  return { 'luo2021-fig4': { rows, values } };
}
