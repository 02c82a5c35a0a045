/** luo2021-fig6 aggregate: neuron rows with A relative to the run's largest, critical cells, values. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/luo2021-fig6/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/luo2021-fig6/experiment.js';
import { cell, outcome, protocol, schemaErrors } from './fake.js';

const config: Config = { widths: [300, 3000], gammas: [0.8, 1, 1.2], gammaPrimes: [-0.2, 0, 0.2], top: 2, sample: 1, seed: 17, asiBelow: 0.5, protocol };
const params = (gamma: number, gammaPrime: number, m: number): Params => ({ m, gamma, gammaPrime, top: 2, sample: 1, antisymmetric: false, protocol });

describe('luo2021-fig6 aggregate', () => {
  const cells = [
    cell("gamma=1,gamma'=-0.2,m=300", params(1, -0.2, 300), {
      ...outcome(),
      rdW: 1,
      orientation: [0.1, 0.2, -3],
      amplitude: [4, 2, 1],
      isTop: [true, true, false],
      maxAmplitude: 4,
    } satisfies Result),
    cell("gamma=1.2,gamma'=0.2,m=3000", params(1.2, 0.2, 3000), {
      ...outcome({ status: 'max-steps' }),
      rdW: 1,
      orientation: [1],
      amplitude: [0.5],
      isTop: [true],
      maxAmplitude: 2,
    } satisfies Result),
  ];
  const { 'luo2021-fig6': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'luo2021-fig6': data })).toEqual([]);
  });

  it('one row per stored neuron, A / max A', () => {
    expect(data.rows.filter((r) => r.mark === 'neuron')).toEqual([
      { mark: 'neuron', gamma: 1, gamma_prime: -0.2, m: 300, orientation: 0.1, a_rel: 1, top: true },
      { mark: 'neuron', gamma: 1, gamma_prime: -0.2, m: 300, orientation: 0.2, a_rel: 0.5, top: true },
      { mark: 'neuron', gamma: 1, gamma_prime: -0.2, m: 300, orientation: -3, a_rel: 0.25, top: false },
      { mark: 'neuron', gamma: 1.2, gamma_prime: 0.2, m: 3000, orientation: 1, a_rel: 0.25, top: true },
    ]);
  });

  it('critical cells: γ = 1 for γ′ ≤ 0, γ = 1 + γ′ for γ′ > 0, over the whole grid', () => {
    expect(data.rows.filter((r) => r.mark === 'critical')).toEqual([
      { mark: 'critical', gamma: 1, gamma_prime: -0.2 },
      { mark: 'critical', gamma: 1, gamma_prime: 0 },
      { mark: 'critical', gamma: 1.2, gamma_prime: 0.2 },
    ]);
  });

  it('values', () => {
    expect(data.values).toEqual({
      widths: '300, 3000',
      runs: 2,
      not_converged: 1,
      kept: 3,
      top: 2,
      runs_total: 2,
      degenerate_runs: 1,
      degenerate_reasons: '1 max-steps (not converged)',
    });
  });

  it('a degenerate run is named by a row of its cell and width', () => {
    expect(data.rows.filter((r) => r.mark === 'degenerate').map((r) => r.mark === 'degenerate' && r.degenerate)).toEqual(['max-steps (not converged)']);
  });
});
