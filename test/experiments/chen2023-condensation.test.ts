/** chen2023-condensation aggregate: feature rows by stage, ±z rows, counts against 2p, values. */
import { describe, expect, it } from 'vitest';
import { aggregate, opposite } from '../../experiments/chen2023-condensation/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/chen2023-condensation/experiment.js';
import { cell, outcome, protocolWithoutTol as protocol, schemaErrors } from './fake.js';

const tanh = { name: 'tanh' as const, p: 1, label: 'tanh' };
const xtanh = { name: 'xtanh' as const, p: 2, label: 'x·tanh(x)' };
const config: Config = { m: 2, s: 1.25, target: 'linear', activations: [tanh, xtanh], plateauEnd: 0.9, seed: 5, protocol };
const params = (activation: typeof tanh | typeof xtanh): Params => ({ m: 2, s: 1.25, target: 'linear', activation, plateauEnd: 0.9, protocol });
const result = (over: Partial<Result>): Result => ({
  ...outcome({ path: 'tfjs' }),
  lr: 0.1,
  tau: 5,
  zOrientation: 0.5,
  alignment: 0.99,
  orientations: 2,
  lines: 1,
  initial: { orientation: [0.1, 0.2], amplitude: [1e-3, 2e-3] },
  final: { orientation: [0.5, -2.6], amplitude: [0.5, 0.4] },
  ...over,
});

describe('chen2023-condensation aggregate', () => {
  const cells = [
    cell('tanh', params(tanh), result({})),
    cell('xtanh', params(xtanh), result({ zOrientation: -0.5, alignment: 0.8, orientations: 4, lines: 2, steps: 1234, tau: 7, status: 'max-steps' })),
  ];
  const { 'chen2023-condensation': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'chen2023-condensation': data })).toEqual([]);
  });

  it('the opposite orientation, in (−π, π]', () => {
    expect(opposite(0.5)).toBe(0.5 - Math.PI);
    expect(opposite(-0.5)).toBe(-0.5 + Math.PI);
    expect(opposite(0)).toBe(Math.PI);
  });

  it('feature rows: initial, and the final state labelled "plateau end"', () => {
    expect(data.rows.filter((r) => r.mark === 'feature' && r.activation === 'tanh')).toEqual([
      { mark: 'feature', activation: 'tanh', p: 1, stage: 'initial', orientation: 0.1, amplitude: 1e-3 },
      { mark: 'feature', activation: 'tanh', p: 1, stage: 'initial', orientation: 0.2, amplitude: 2e-3 },
      { mark: 'feature', activation: 'tanh', p: 1, stage: 'plateau end', orientation: 0.5, amplitude: 0.5 },
      { mark: 'feature', activation: 'tanh', p: 1, stage: 'plateau end', orientation: -2.6, amplitude: 0.4 },
    ]);
  });

  it('±z rows and the count rows with the bound 2p', () => {
    expect(data.rows.filter((r) => r.mark === 'z')).toEqual([
      { mark: 'z', activation: 'tanh', p: 1, orientation: 0.5 },
      { mark: 'z', activation: 'tanh', p: 1, orientation: 0.5 - Math.PI },
      { mark: 'z', activation: 'x·tanh(x)', p: 2, orientation: -0.5 },
      { mark: 'z', activation: 'x·tanh(x)', p: 2, orientation: -0.5 + Math.PI },
    ]);
    expect(data.rows.filter((r) => r.mark === 'count')).toEqual([
      {
        mark: 'count',
        activation: 'tanh',
        p: 1,
        orientations: 2,
        lines: 1,
        bound: 2,
        alignment: 0.99,
        steps: 100,
        tau: 5,
        status: 'converged',
        degenerate: null,
      },
      {
        mark: 'count',
        activation: 'x·tanh(x)',
        p: 2,
        orientations: 4,
        lines: 2,
        bound: 4,
        alignment: 0.8,
        steps: 1234,
        tau: 7,
        status: 'max-steps',
        degenerate: 'max-steps (not converged)',
      },
    ]);
  });

  it('values: m, s, γ = 2s, and per activation name', () => {
    expect(data.values).toEqual({
      m: 2,
      s: 1.25,
      gamma: 2.5,
      'orientations@tanh': 2,
      'lines@tanh': 1,
      'alignment@tanh': 0.99,
      'steps@tanh': 100,
      'orientations@xtanh': 4,
      'lines@xtanh': 2,
      'alignment@xtanh': 0.8,
      'steps@xtanh': 1234,
      runs_total: 2,
      degenerate_runs: 1,
      degenerate_reasons: '1 max-steps (not converged)',
    });
  });
});
