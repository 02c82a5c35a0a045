/** zhou2022-schemes: the run evaluates every three-layer scheme at each width; the aggregate marks the rows for Table 1. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/zhou2022-schemes/aggregate.js';
import { figures, type Config } from '../../experiments/zhou2022-schemes/experiment.js';
import { run } from '../../experiments/zhou2022-schemes/run.js';
import { cell, schemaErrors } from './fake.js';

const config: Config = { widths: [1000, 1000000], d: 1, dOut: 1 };
const result = run({ id: 'schemes', seed: 0, params: config });
const at = (scheme: string, m: number) => {
  const r = result.rows.find((x) => x.scheme === scheme && x.m === m);
  if (!r) throw new Error(`no row ${scheme} at m = ${m}`);
  return r;
};

describe('zhou2022-schemes run', () => {
  it('one row per scheme and width, the paper rows first, the mean-field row marked as an addition', () => {
    expect(result.rows.map((r) => `${r.scheme}@${r.m}:${r.inPaper}`)).toEqual([
      'LeCun@1000:true',
      'LeCun@1000000:true',
      'He@1000:true',
      'He@1000000:true',
      'Xavier@1000:true',
      'Xavier@1000000:true',
      'NTK@1000:true',
      'NTK@1000000:true',
      'Mean-field@1000:false',
      'Mean-field@1000000:false',
    ]);
  });

  it('LeCun at m = 10^6, d = 1: β1 = 1, β2 = β3 = 10^−3, κ2 = 10^−3, κ3 = 10^−6, finite-m coordinates at their limits (1/2, 1)', () => {
    const r = at('LeCun', 1e6);
    expect([r.alpha, r.beta1]).toEqual([1, 1]);
    expect(r.beta2).toBeCloseTo(1e-3, 15);
    expect(r.beta3).toBeCloseTo(1e-3, 15);
    expect(r.kappa2).toBeCloseTo(1e-3, 15);
    expect(r.kappa3).toBeCloseTo(1e-6, 18);
    expect(r.gamma2AtM).toBeCloseTo(0.5, 12);
    expect(r.gamma3AtM).toBeCloseTo(1, 12);
    expect([r.gamma2, r.gamma3]).toEqual([0.5, 1]);
  });

  it('NTK (α = m) and mean-field (α = m²) with unit scales: κ2 = 1, κ3 = 1/α, coordinates (0, 1) and (0, 2) at every m', () => {
    for (const m of config.widths) {
      const ntk = at('NTK', m);
      expect([ntk.alpha, ntk.kappa2, ntk.kappa3]).toEqual([m, 1, 1 / m]);
      expect(ntk.gamma2AtM).toBeCloseTo(0, 12);
      expect(ntk.gamma3AtM).toBeCloseTo(1, 12);
      const mf = at('Mean-field', m);
      expect([mf.alpha, mf.kappa3]).toEqual([m * m, 1 / (m * m)]);
      expect(mf.gamma3AtM).toBeCloseTo(2, 12);
      expect([mf.gamma2, mf.gamma3]).toEqual([0, 2]);
    }
  });

  it('Xavier at m = 1000, d = dOut = 1: β1 = β3 = √(2/1001), β2 = √(1/1000); its finite-m γ3 below the limit 3/2', () => {
    const r = at('Xavier', 1000);
    expect(r.beta1).toBeCloseTo(Math.sqrt(2 / 1001), 15);
    expect(r.beta2).toBeCloseTo(Math.sqrt(1 / 1000), 15);
    expect(r.beta3).toBeCloseTo(Math.sqrt(2 / 1001), 15);
    expect(r.gamma3AtM).toBeCloseTo(-Math.log((2 / 1001) * Math.sqrt(1 / 1000)) / Math.log(1000), 12);
    expect(r.gamma3AtM).toBeLessThan(1.5);
    expect(r.gamma3).toBe(1.5);
  });
});

describe('zhou2022-schemes aggregate', () => {
  const out = aggregate({ config, profile: 'quick', cells: [cell('schemes', config, result)] });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, out)).toEqual([]);
  });

  it('Table 1: every row, marked, and the settings as values', () => {
    expect(out['zhou2022-table1']).toEqual({
      rows: result.rows.map((r) => ({ mark: 'row', ...r })),
      values: { widths: '1000, 1000000', d: 1, d_out: 1, schemes: 5 },
    });
  });
});
