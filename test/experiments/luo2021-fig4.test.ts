/** luo2021-fig4 aggregate: the S_w heatmap sampled at the midpoints of the γ edges. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/luo2021-fig4/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/luo2021-fig4/experiment.js';
import { cell, outcome, protocol, rdsWithSlope, WIDTHS, schemaErrors } from './fake.js';

const config: Config = { widths: WIDTHS, gammaEdges: [0.5, 0.7, 0.9, 1.1], gammaPrimes: [0.2], beta1: 1, seed: 11, asiBelow: 0.5, protocol };

describe('luo2021-fig4 aggregate', () => {
  // cells at the midpoints 0.6, 0.8, 1 with S_w = −0.3, −0.1, 0.1 (bump-free: exact lines)
  const S = [-0.3, -0.1, 0.1];
  const cells = [0.6, 0.8, 1].flatMap((gamma, gi) =>
    rdsWithSlope(S[gi], 0).map((rdW, i) => {
      const params: Params = { m: WIDTHS[i], gamma, gammaPrime: 0.2, antisymmetric: false, protocol };
      const result: Result = { ...outcome({ status: gi === 2 && i === 2 ? 'diverged' : 'converged' }), rdW, rdA: 0.1 };
      return cell(`gamma=${gamma},gamma'=0.2,m=${WIDTHS[i]}`, params, result);
    }),
  );
  const { 'luo2021-fig4': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'luo2021-fig4': data })).toEqual([]);
  });

  it('cells at the midpoints, drawn between the edges', () => {
    const rows = data.rows.filter((r) => r.mark === 'cell');
    expect(rows.map((r) => r.mark === 'cell' && [r.gamma, r.gamma_lo, r.gamma_hi, r.gamma_prime])).toEqual([
      [0.6, 0.5, 0.7, 0.2],
      [0.8, 0.7, 0.9, 0.2],
      [1, 0.9, 1.1, 0.2],
    ]);
    rows.forEach((r, i) => {
      expect(r.mark === 'cell' && r.s_w).toBeCloseTo(S[i], 12);
    });
  });

  it('the zero crossing at γ = 0.9 against the boundary 1.2 at γ′ = 0.2; converged status from the results', () => {
    const stars = data.rows.filter((r) => r.mark === 'star');
    expect(stars).toEqual([{ mark: 'star', gamma_prime: 0.2, gamma_star: expect.closeTo(0.9, 12) }]);
    expect(data.rows.filter((r) => r.mark === 'boundary')).toEqual([
      { mark: 'boundary', gamma: 1.2, gamma_prime: 0.2 },
      { mark: 'boundary', gamma: 1.2, gamma_prime: 0.2 },
    ]);
    expect(data.values).toEqual({
      cells: 3,
      runs: 9,
      not_converged: 1,
      crossings: 1,
      max_crossing_error: expect.closeTo(0.3, 12),
      widths: '10, 100, 1000',
      runs_total: 9,
      degenerate_runs: 1,
      degenerate_reasons: '1 diverged',
    });
    // the diverged run is left out of its cell's fit, which names it
    expect(data.rows.filter((r) => r.mark === 'cell').map((r) => r.mark === 'cell' && r.degenerate)).toEqual([null, null, '1 of 3 runs: 1 diverged']);
  });
});
