/** luo2021-fig5 aggregate: the S_w heatmap on a uniform γ grid, with cells centred on it; n, scaling, tol. */
import { describe, expect, it } from 'vitest';
import { aggregate, centredEdges } from '../../experiments/luo2021-fig5/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/luo2021-fig5/experiment.js';
import { cell, outcome, rdsWithSlope, WIDTHS, schemaErrors } from './fake.js';

const protocol = { lr0: 1 / 64, tol: 1e-4, maxSteps: 1000, maxRestarts: 0 };
const config: Config = { widths: WIDTHS, gammas: [0.7, 1, 1.3], gammaPrimes: [-0.3, 0], n: 20, scaling: 'unit', seed: 29, protocol };

describe('luo2021-fig5 aggregate', () => {
  it('edges half a step beyond each grid point', () => {
    expect(centredEdges([0.7, 1, 1.3])).toEqual([0.55, 0.85, 1.15, 1.45]);
    expect(centredEdges([1, 2])).toEqual([0.5, 1.5, 2.5]);
  });

  // S_w = −0.2, 0.2, 0.4 at γ′ = −0.3 and −0.6, −0.3, 0.3 at γ′ = 0
  const S: Record<string, number[]> = { '-0.3': [-0.2, 0.2, 0.4], '0': [-0.6, -0.3, 0.3] };
  const cells = config.gammaPrimes.flatMap((gammaPrime) =>
    config.gammas.flatMap((gamma, gi) =>
      rdsWithSlope(S[String(gammaPrime)][gi], 0).map((rdW, i) => {
        const params: Params = { m: WIDTHS[i], gamma, gammaPrime, n: 20, scaling: 'unit', protocol };
        const result: Result = { ...outcome(), rdW };
        return cell(`gamma=${gamma},gamma'=${gammaPrime},m=${WIDTHS[i]}`, params, result);
      }),
    ),
  );
  const { 'luo2021-fig5': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'luo2021-fig5': data })).toEqual([]);
  });

  it('cells between the centred edges', () => {
    const rows = data.rows.filter((r) => r.mark === 'cell' && r.gamma_prime === 0);
    expect(rows.map((r) => r.mark === 'cell' && [r.gamma, r.gamma_lo, r.gamma_hi])).toEqual([
      [0.7, 0.55, 0.85],
      [1, 0.85, 1.15],
      [1.3, 1.15, 1.45],
    ]);
  });

  it('crossings 0.85 (γ′ = −0.3) and 1.15 (γ′ = 0); values with n, scaling and tol', () => {
    expect(data.rows.filter((r) => r.mark === 'star')).toEqual([
      { mark: 'star', gamma_prime: -0.3, gamma_star: expect.closeTo(0.85, 12) },
      { mark: 'star', gamma_prime: 0, gamma_star: expect.closeTo(1.15, 12) },
    ]);
    expect(data.values).toEqual({
      cells: 6,
      runs: 18,
      not_converged: 0,
      crossings: 2,
      max_crossing_error: expect.closeTo(0.15, 12),
      widths: '10, 100, 1000',
      runs_total: 18,
      degenerate_runs: 0,
      degenerate_reasons: '',
      n: 20,
      scaling: 'unit',
      tol: 1e-4,
    });
  });
});
