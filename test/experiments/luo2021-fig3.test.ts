/** luo2021-fig3 aggregate: RD rows sorted by width, S_w fits with standard errors, fit lines, values. */
import { describe, expect, it } from 'vitest';
import { aggregate, initLabel } from '../../experiments/luo2021-fig3/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/luo2021-fig3/experiment.js';
import { cell, outcome, protocol, rdsWithSlope, seOf, WIDTHS, schemaErrors } from './fake.js';

const config: Config = { widths: WIDTHS, gammas: [0.5, 1.75], panelGammas: [1.75], inits: [0, 1], seed: 3, asiBelow: 0.5, protocol };

/** S_w and bump δ per (p, γ). */
const truth: Record<string, [number, number]> = { '0,0.5': [-0.5, 0.06], '0,1.75': [0.4, 0], '1,0.5': [-0.2, 0.03], '1,1.75': [0.3, 0.12] };

function cellsOf() {
  const out = [];
  for (const p of config.inits) {
    for (const gamma of config.gammas) {
      const [S, delta] = truth[`${p},${gamma}`];
      const rds = rdsWithSlope(S, delta);
      // widths in reverse order: the aggregate sorts them
      for (const i of [2, 0, 1]) {
        const params: Params = { m: WIDTHS[i], gamma, p, antisymmetric: gamma <= 0.5, protocol };
        const result: Result = {
          ...outcome({ steps: 100 * (i + 1) + p, status: p === 1 && gamma === 0.5 && i === 0 ? 'max-steps' : 'converged' }),
          rdW: rds[i],
          rdA: 0.1,
          trajectory: [],
        };
        out.push(cell(`p=${p},gamma=${gamma},m=${WIDTHS[i]}`, params, result));
      }
    }
  }
  return out;
}

describe('luo2021-fig3 aggregate', () => {
  const { 'luo2021-fig3': data } = aggregate({ config, profile: 'quick', cells: cellsOf() });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'luo2021-fig3': data })).toEqual([]);
  });

  it('labels the initialisations', () => {
    expect(initLabel(0)).toBe('β₁ = β₂ = 1');
    expect(initLabel(0.5)).toBe('β₁ = β₂ = 1/√m');
    expect(initLabel(1)).toBe('β₁ = β₂ = 1/m');
  });

  it('RD rows per (init, γ) in increasing width, with the status', () => {
    const rd = data.rows.filter((r) => r.mark === 'rd');
    expect(rd.map((r) => r.mark === 'rd' && `${r.init}|${r.gamma}|${r.m}|${r.status}`)).toEqual([
      'β₁ = β₂ = 1|0.5|10|converged',
      'β₁ = β₂ = 1|0.5|100|converged',
      'β₁ = β₂ = 1|0.5|1000|converged',
      'β₁ = β₂ = 1|1.75|10|converged',
      'β₁ = β₂ = 1|1.75|100|converged',
      'β₁ = β₂ = 1|1.75|1000|converged',
      'β₁ = β₂ = 1/m|0.5|10|max-steps',
      'β₁ = β₂ = 1/m|0.5|100|converged',
      'β₁ = β₂ = 1/m|0.5|1000|converged',
      'β₁ = β₂ = 1/m|1.75|10|converged',
      'β₁ = β₂ = 1/m|1.75|100|converged',
      'β₁ = β₂ = 1/m|1.75|1000|converged',
    ]);
    expect(rd[1].mark === 'rd' && rd[1].rd).toBe(rdsWithSlope(-0.5, 0.06)[1]);
  });

  it('S_w = slope of log RD against log m over the clean runs, with its standard error; the degenerate run left out and named', () => {
    const slopes = data.rows.filter((r) => r.mark === 'slope');
    expect(slopes.map((r) => r.mark === 'slope' && [r.init, r.gamma])).toEqual([
      ['β₁ = β₂ = 1', 0.5],
      ['β₁ = β₂ = 1', 1.75],
      ['β₁ = β₂ = 1/m', 0.5],
      ['β₁ = β₂ = 1/m', 1.75],
    ]);
    const expected = [truth['0,0.5'], truth['0,1.75'], truth['1,1.75']];
    [slopes[0], slopes[1], slopes[3]].forEach((r, i) => {
      if (r.mark !== 'slope') throw new Error('not a slope row');
      expect(r.s_w).toBeCloseTo(expected[i][0], 12);
      expect(r.s_w_se).toBeCloseTo(seOf(expected[i][1]), 12);
      expect(r.degenerate).toBeNull();
    });
    // (1/m, γ = 0.5): the run at m = 10 hit the step cap; the line through m = 100 (bumped by δ) and 1000 has slope S − δ/ln 10
    const [S, delta] = truth['1,0.5'];
    expect(slopes[2]).toEqual({
      mark: 'slope',
      init: 'β₁ = β₂ = 1/m',
      gamma: 0.5,
      s_w: expect.closeTo(S - delta / Math.LN10, 12),
      s_w_se: null,
      degenerate: '1 of 3 runs: 1 max-steps (not converged)',
    });
  });

  it('fit lines RD = exp(c + S log m) at the smallest and largest width', () => {
    const fit = data.rows.filter((r) => r.mark === 'fit' && r.init === 'β₁ = β₂ = 1/m' && r.gamma === 1.75);
    // intercept c = δ/3
    expect(fit.map((r) => r.mark === 'fit' && [r.m, r.rd])).toEqual([
      [10, expect.closeTo(Math.exp(0.04 + 0.3 * Math.log(10)), 12)],
      [1000, expect.closeTo(Math.exp(0.04 + 0.3 * Math.log(1000)), 12)],
    ]);
  });

  it('values: S_w per cell, the panel γ and the antisymmetrically initialised γ as numbers, counts and widths', () => {
    const v = data.values!;
    expect(v['s_w@p=0,gamma=0.5']).toBeCloseTo(-0.5, 12);
    expect(v['s_w@p=1,gamma=1.75']).toBeCloseTo(0.3, 12);
    expect({ ...v, 's_w@p=0,gamma=0.5': 0, 's_w@p=0,gamma=1.75': 0, 's_w@p=1,gamma=0.5': 0, 's_w@p=1,gamma=1.75': 0 }).toEqual({
      's_w@p=0,gamma=0.5': 0,
      's_w@p=0,gamma=1.75': 0,
      's_w@p=1,gamma=0.5': 0,
      's_w@p=1,gamma=1.75': 0,
      panel_gammas: [1.75],
      asi_gammas: [0.5],
      runs_total: 12,
      degenerate_runs: 1,
      degenerate_reasons: '1 max-steps (not converged)',
      runs: 12,
      not_converged: 1,
      max_steps: 301,
      m_min: 10,
      m_max: 1000,
    });
  });
});
