/** luo2021-fig4-probe: cells per setting share the baseline's initialisations; the aggregate finds each setting's sign change. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/luo2021-fig4-probe/aggregate.js';
import experiment, { figures, type Config, type Params, type Result } from '../../experiments/luo2021-fig4-probe/experiment.js';
import { cell, outcome, protocol, rdsWithSlope, WIDTHS, schemaErrors } from './fake.js';

describe('luo2021-fig4-probe cells', () => {
  it('paper: the baseline has every seed and width; each variant the first seed at the base widths, from the same initialisation', () => {
    const c = experiment.config.parse(experiment.profiles.paper);
    const cells = experiment.cells(c);
    const n = c.gammaPrimes.length * c.gammas.length;
    expect(cells.filter((x) => x.params.variant === 'baseline').length).toBe(n * c.seeds * (c.widths.length + c.wideWidths.length));
    for (const v of c.variants) {
      const vs = cells.filter((x) => x.params.variant === v.name);
      expect(vs.length).toBe(n * c.widths.length);
      for (const x of vs) {
        const base = cells.find(
          (b) =>
            b.params.variant === 'baseline' &&
            b.params.replicate === 0 &&
            b.params.gamma === x.params.gamma &&
            b.params.gammaPrime === x.params.gammaPrime &&
            b.params.m === x.params.m,
        );
        expect(base?.seed, x.id).toBe(x.seed);
        expect(x.params.protocol.tol).toBe(v.tol);
        expect(x.params.protocol.lr0).toBe(v.lr0);
        expect(x.params.rule).toBe(v.rule);
      }
    }
  });
});

describe('luo2021-fig4-probe aggregate', () => {
  const variants = [{ name: 'tol-1e-7', label: 'tol 1e-7', lr0: 1, tol: 1e-7, rule: 'stiffness' as const }];
  const config: Config = { gammaPrimes: [0], gammas: [0.9, 1, 1.1], widths: WIDTHS, wideWidths: [], seeds: 2, seed: 41, asiBelow: 0.5, protocol, variants };
  // S_w along γ: seed 0 −0.1, 0.1, 0.2 (sign change 0.95); seed 1 −0.2, −0.1, 0.1 (1.05); the variant −0.1, −0.1, 0.1 (1.05)
  const S: Record<string, number[]> = { 'baseline,0': [-0.1, 0.1, 0.2], 'baseline,1': [-0.2, -0.1, 0.1], 'tol-1e-7,0': [-0.1, -0.1, 0.1] };
  const cells = Object.entries(S).flatMap(([key, slopes]) => {
    const [variant, replicate] = [key.split(',')[0], Number(key.split(',')[1])];
    return config.gammas.flatMap((gamma, gi) =>
      rdsWithSlope(slopes[gi], 0).map((rdW, i) => {
        const params: Params = { variant, m: WIDTHS[i], gamma, gammaPrime: 0, replicate, antisymmetric: false, rule: 'stiffness', protocol };
        return cell(`${key},${gamma},${WIDTHS[i]}`, params, { ...outcome(), rdW, lr: 1 } satisfies Result);
      }),
    );
  });
  const { 'luo2021-fig4-probe': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'luo2021-fig4-probe': data })).toEqual([]);
  });

  it('one row per setting: first seed, every seed (mean ± sd), wider and widest widths, each variant', () => {
    expect(data.rows.map((r) => [r.key, r.gamma_star?.toFixed(6), r.gamma_star_std?.toFixed(6) ?? null, r.zeros])).toEqual([
      ['first-seed', '0.950000', null, '0.950'],
      ['seeds', '1.000000', '0.050000', '0.950; 1.050'],
      ['wider', '1.000000', '0.050000', '0.950; 1.050'],
      ['widest', '1.000000', '0.050000', '0.950; 1.050'],
      ['tol-1e-7', '1.050000', null, '1.050'],
    ]);
    expect(data.values?.['gamma_star@tol-1e-7@0']).toBeCloseTo(1.05, 9);
    expect(data.values?.['s_w_near@seeds@0']).toBeCloseTo(-0.15, 9);
  });
});
