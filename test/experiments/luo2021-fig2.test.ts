/** luo2021-fig2 aggregate: output, data and feature rows; per-γ values; the condensed-orientation count. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/luo2021-fig2/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/luo2021-fig2/experiment.js';
import { cell, outcome, protocol, schemaErrors } from './fake.js';

const config: Config = { m: 65, gammas: [0.5, 1.75], gammaPrime: 0, seed: 1, protocol, curvePoints: 2 };
const params = (gamma: number): Params => ({ m: 65, gamma, gammaPrime: 0, curvePoints: 2, protocol });

/**
 * Final features of 65 neurons: 40 at orientation ≈ 0, 2 at 1.5, 3 at 3.0 (amplitude 1), and
 * 20 small ones (0.09 < 0.1 max A) at −2. Large neurons: 45, so a cluster needs
 * ceil(0.05 · 45) = 3 members: the clusters at 0 and 3.0 count, the pair at 1.5 does not.
 */
const final = {
  orientation: [...Array.from({ length: 40 }, (_, i) => i * 0.001), 1.5, 1.5, 3, 3, 3, ...Array(20).fill(-2)],
  amplitude: [...Array(45).fill(1), ...Array(20).fill(0.09)],
};
const result = (over: Partial<Result>): Result => ({
  ...outcome(),
  lr: 0.5,
  alpha: 1,
  beta1: 1,
  beta2: 1,
  rdW: 0.1,
  trajectory: [],
  curve: { x: [-0.5, 0.5], f: [0.2, 0.3] },
  initial: { orientation: [0.25], amplitude: [0.5] },
  final,
  ...over,
});

describe('luo2021-fig2 aggregate', () => {
  const cells = [
    cell('gamma=0.5', params(0.5), result({ rdW: 0.01, steps: 10, finalLoss: 2e-7, lr0: 1, restarts: 0, alpha: 0.3 })),
    cell(
      'gamma=1.75',
      params(1.75),
      result({ rdW: 3, steps: 20, finalLoss: null, status: 'max-steps', lr0: 0.25, restarts: 2, alpha: 9, curve: { x: [-0.5, 0.5], f: [-1, 1] } }),
    ),
  ];
  const { 'luo2021-fig2': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'luo2021-fig2': data })).toEqual([]);
  });

  it('output and data rows per γ', () => {
    expect(data.rows.filter((r) => r.mark === 'output')).toEqual([
      { mark: 'output', gamma: 0.5, x: -0.5, y: 0.2 },
      { mark: 'output', gamma: 0.5, x: 0.5, y: 0.3 },
      { mark: 'output', gamma: 1.75, x: -0.5, y: -1 },
      { mark: 'output', gamma: 1.75, x: 0.5, y: 1 },
    ]);
    const points = data.rows.filter((r) => r.mark === 'data' && r.gamma === 0.5);
    expect(points.map((r) => r.mark === 'data' && [r.x, r.y])).toEqual([
      [-0.5, 0.25],
      [expect.closeTo(-1 / 6, 7), expect.closeTo(1 / 36, 7)],
      [expect.closeTo(1 / 6, 7), expect.closeTo(1 / 36, 7)],
      [0.5, 0.25],
    ]);
  });

  it('feature rows, initial and final, numbered by neuron', () => {
    const features = data.rows.filter((r) => r.mark === 'feature' && r.gamma === 0.5);
    expect(features).toHaveLength(1 + 65);
    expect(features[0]).toEqual({ mark: 'feature', gamma: 0.5, stage: 'initial', neuron: 0, orientation: 0.25, amplitude: 0.5 });
    expect(features[41]).toEqual({ mark: 'feature', gamma: 0.5, stage: 'final', neuron: 40, orientation: 1.5, amplitude: 1 });
  });

  it('values per γ, a non-finite loss as text, and m', () => {
    const v = data.values!;
    expect(v).toMatchObject({
      'rd_w@0.5': 0.01,
      'steps@0.5': 10,
      'loss@0.5': 2e-7,
      'status@0.5': 'converged',
      'lr0@0.5': 1,
      'restarts@0.5': 0,
      'alpha@0.5': 0.3,
      'rd_w@1.75': 3,
      'loss@1.75': 'non-finite',
      'status@1.75': 'max-steps',
      'lr0@1.75': 0.25,
      'restarts@1.75': 2,
      'alpha@1.75': 9,
      m: 65,
    });
  });

  it('condensed orientations: 10° clusters of the large neurons holding ≥ 5% of them', () => {
    expect(data.values!['orientations@0.5']).toBe(2);
    // with 10 large neurons only, clusters need 2 members (the floor): the pair at 1.5 counts, the single neuron at −2 does not
    const few = { orientation: [0, 0, 0, 0, 1.5, 1.5, 3, 3, 3, -2], amplitude: Array(10).fill(1) };
    const out = aggregate({ config, profile: 'quick', cells: [cell('gamma=1', params(1), result({ final: few }))] });
    expect(out['luo2021-fig2'].values!['orientations@1']).toBe(3);
  });
});
