/** luo2021-schemes aggregate: Table 1 rows, scheme points sharing labels, the boundary and the E et al. line. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/luo2021-schemes/aggregate.js';
import { figures, type Config, type Result } from '../../experiments/luo2021-schemes/experiment.js';
import { cell, schemaErrors } from './fake.js';

const config: Config = { widths: [1000, 1000000], d: 1, eEtAl: [] };
type SchemeRow = Result['rows'][number];
const row = (scheme: string, m: number, gamma: number, gammaPrime: number): SchemeRow => ({
  scheme,
  m,
  d: 1,
  alpha: 1,
  beta1: 1,
  beta2: 1,
  kappa: 1,
  kappaPrime: 1,
  gammaAtM: gamma + 0.01,
  gammaPrimeAtM: gammaPrime,
  gamma,
  gammaPrime,
});

describe('luo2021-schemes aggregate', () => {
  const rows = [
    row('A', 1000, 1, 0),
    row('A', 1000000, 1, 0),
    row('B', 1000, 1, 0),
    row('C', 1000, 0.5, 0.5),
    row('C', 1000000, 0.5, 0.5),
    row('D', 1000, 1.5, -0.5),
  ];
  const out = aggregate({ config, profile: 'quick', cells: [cell('schemes', config, { rows })] });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, out)).toEqual([]);
  });

  it('Table 1: every row, marked', () => {
    expect(out['luo2021-table1']).toEqual({ rows: rows.map((r) => ({ mark: 'row', ...r })), values: { widths: '1000, 1000000', d: 1 } });
  });

  it('Fig. 1: one point per asymptotic (γ, γ′), schemes at one point sharing a label, in first-seen order', () => {
    expect(out['luo2021-fig1'].rows.filter((r) => r.mark === 'scheme')).toEqual([
      { mark: 'scheme', gamma: 1, gamma_prime: 0, label: 'A, B' },
      { mark: 'scheme', gamma: 0.5, gamma_prime: 0.5, label: 'C' },
      { mark: 'scheme', gamma: 1.5, gamma_prime: -0.5, label: 'D' },
    ]);
  });

  it('Fig. 1: the boundary over γ′ ∈ [−1, 1] and the line γ = γ′', () => {
    expect(out['luo2021-fig1'].rows.filter((r) => r.mark !== 'scheme')).toEqual([
      { mark: 'boundary', gamma: 1, gamma_prime: -1 },
      { mark: 'boundary', gamma: 1, gamma_prime: 0 },
      { mark: 'boundary', gamma: 2, gamma_prime: 1 },
      { mark: 'e-line', gamma: 0, gamma_prime: 0 },
      { mark: 'e-line', gamma: 1, gamma_prime: 1 },
    ]);
  });
});
