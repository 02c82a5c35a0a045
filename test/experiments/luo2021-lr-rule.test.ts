/**
 * luo2021-lr-rule: the code's rule steps by lr0 · α√(β1β2) through the
 * stiffness-scaled trainer; the cells carry Fig. 3's and Fig. 4's seeds; the
 * aggregate compares the slopes and sign changes of the two rules.
 */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/luo2021-lr-rule/aggregate.js';
import experiment, { figures, type Config, type Params, type Result } from '../../experiments/luo2021-lr-rule/experiment.js';
import fig3 from '../../experiments/luo2021-fig3/experiment.js';
import fig4 from '../../experiments/luo2021-fig4/experiment.js';
import { lrRuleFactor } from '../../experiments/shared/lrRule.js';
import { twoLayerLrScaleS6, twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { twoLayerLrScale } from '../../src/engine/twoLayer/train.js';
import { cell, outcome, protocol, rdsWithSlope, WIDTHS, schemaErrors } from './fake.js';

describe('learning-rate rules', () => {
  it('the code rule’s factor turns the stiffness scale into α√(β1β2); the stiffness rule’s is 1', () => {
    for (const [m, gamma, gammaPrime, beta1] of [
      [1000, 0.5, 0, 1],
      [40000, 1, 0, 40000 ** -0.5],
      [5000, 1.3, -0.4, 1],
      [20000, 0.6, 0.4, 1],
    ]) {
      const s = twoLayerScales(m, gamma, gammaPrime, beta1);
      expect(lrRuleFactor('stiffness', s, m)).toBe(1);
      expect(lrRuleFactor('code', s, m) * twoLayerLrScale(s, m)).toBeCloseTo(twoLayerLrScaleS6(s), 10);
    }
  });

  it('the two rules agree at γ′ = 0, β1 = β2 = 1, γ ≥ 1, and differ by m^{−p} at γ = 1 for β = m^{−p}', () => {
    const m = 10000;
    expect(lrRuleFactor('code', twoLayerScales(m, 1.5, 0, 1), m)).toBeCloseTo(1, 12);
    expect(lrRuleFactor('code', twoLayerScales(m, 1, 0, m ** -0.5), m)).toBeCloseTo(m ** -0.5, 10);
  });
});

describe('luo2021-lr-rule cells', () => {
  for (const profile of ['quick', 'paper'] as const) {
    it(`${profile}: every cell has the seed of the same run of Fig. 3 or Fig. 4, under both rules`, () => {
      const c = experiment.config.parse(experiment.profiles[profile]);
      const cells = experiment.cells(c);
      const seeds3 = new Map(fig3.cells(fig3.config.parse(fig3.profiles[profile])).map((x) => [`${x.params.p},${x.params.gamma},${x.params.m}`, x.seed]));
      const seeds4 = new Map(
        fig4.cells(fig4.config.parse(fig4.profiles[profile])).map((x) => [`${x.params.gammaPrime},${x.params.gamma},${x.params.m}`, x.seed]),
      );
      for (const x of cells) {
        const p = x.params;
        const seed = p.figure === 'fig3' ? seeds3.get(`${p.p},${p.gamma},${p.m}`) : seeds4.get(`${p.gammaPrime},${p.gamma},${p.m}`);
        expect(seed, x.id).toBe(x.seed);
      }
      expect(cells.filter((x) => x.params.rule === 'code').length).toBe(cells.length / 2);
    });
  }
});

describe('luo2021-lr-rule aggregate', () => {
  const config: Config = {
    rules: ['stiffness', 'code'],
    fig3: { widths: WIDTHS, gammas: [0.5, 1.75], inits: [0], seed: 3 },
    fig4: { widths: WIDTHS, gammaEdges: [0.5, 0.7, 0.9, 1.1], gammaPrimes: [0], seed: 11 },
    asiBelow: 0.5,
    protocol,
  };
  // Fig. 3: S_w = −0.5, 0.4 (stiffness) and −0.45, 0.4 (code); Fig. 4 at γ = 0.6, 0.8, 1: stiffness −0.3, −0.1, 0.1
  // (sign change at 0.9), code −0.3, 0.1, 0.1 (sign change at 0.75)
  const slope3: Record<string, number[]> = { stiffness: [-0.5, 0.4], code: [-0.45, 0.4] };
  const slope4: Record<string, number[]> = { stiffness: [-0.3, -0.1, 0.1], code: [-0.3, 0.1, 0.1] };
  const cells = (['stiffness', 'code'] as const).flatMap((rule) => [
    ...[0.5, 1.75].flatMap((gamma, gi) =>
      rdsWithSlope(slope3[rule][gi], 0).map((rdW, i) => {
        const params: Params = { figure: 'fig3', rule, m: WIDTHS[i], gamma, gammaPrime: 0, p: 0, antisymmetric: gamma <= 0.5, protocol };
        const result: Result = { ...outcome({ steps: rule === 'code' ? 500 + i : 100 }), rdW, lr: rule === 'code' ? 0.5 : 1 };
        return cell(`fig3,${rule},${gamma},${WIDTHS[i]}`, params, result);
      }),
    ),
    ...[0.6, 0.8, 1].flatMap((gamma, gi) =>
      rdsWithSlope(slope4[rule][gi], 0).map((rdW, i) => {
        const params: Params = { figure: 'fig4', rule, m: WIDTHS[i], gamma, gammaPrime: 0, p: 0, antisymmetric: false, protocol };
        return cell(`fig4,${rule},${gamma},${WIDTHS[i]}`, params, { ...outcome(), rdW, lr: 1 } satisfies Result);
      }),
    ),
  ]);
  const out = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, out)).toEqual([]);
  });

  it('Fig. 3: the slopes of both rules, their difference, the step ratio and the code’s steps', () => {
    const rows = out['luo2021-lr-rule-fig3'].rows;
    expect(rows.map((r) => [r.gamma, r.s_w_stiffness?.toFixed(6), r.s_w_code?.toFixed(6), r.delta?.toFixed(6), r.lr_ratio, r.steps_code])).toEqual([
      [0.5, '-0.500000', '-0.450000', '0.050000', 0.5, 502],
      [1.75, '0.400000', '0.400000', '0.000000', 0.5, 502],
    ]);
    expect(out['luo2021-lr-rule-fig3'].values?.max_abs_delta).toBeCloseTo(0.05, 9);
  });

  it('Fig. 4: the sign changes of both rules, the shift and the distance to the boundary', () => {
    const [row] = out['luo2021-lr-rule-fig4'].rows;
    expect(row.stars_stiffness).toBe('0.900');
    expect(row.stars_code).toBe('0.750');
    expect(row.max_delta).toBeCloseTo(0.2, 9);
    const v = out['luo2021-lr-rule-fig4'].values!;
    expect(v.max_star_shift).toBeCloseTo(0.15, 9);
    expect(v.max_crossing_error_stiffness).toBeCloseTo(0.1, 9);
    expect(v.max_crossing_error_code).toBeCloseTo(0.25, 9);
  });
});
