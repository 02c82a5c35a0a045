/** chen2023-stage aggregate: τ against log m, its fitted slope ± standard error, the predicted (2s − 1)/(2|z|). */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/chen2023-stage/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/chen2023-stage/experiment.js';
import { cell, outcome, protocolWithoutTol as protocol, seOf, WIDTHS, schemaErrors } from './fake.js';

const config: Config = { widths: WIDTHS, exponents: [1, 1.5], target: 'square', repeats: 1, plateauEnd: 0.9, seed: 21, protocol };
const zNorm = 0.5;

/** τ = a + b log m + δ at the middle width: slope b, intercept a + δ/3, standard error δ/(√3 ln 10). */
const truth: Record<number, { a: number; b: number; delta: number }> = { 1: { a: 2, b: 1.1, delta: 0.3 }, 1.5: { a: -1, b: 1.8, delta: 0 } };

describe('chen2023-stage aggregate', () => {
  const cells = config.exponents.flatMap((s) =>
    WIDTHS.map((m, i) => {
      const { a, b, delta } = truth[s];
      const params: Params = { m, s, target: 'square', plateauEnd: 0.9, protocol };
      const result: Result = {
        ...outcome({ path: 'tfjs', status: s === 1.5 && i === 2 ? 'max-steps' : 'converged' }),
        lr: 0.1,
        tau: a + b * Math.log(m) + (i === 1 ? delta : 0),
        zNorm,
      };
      return cell(`s=${s},m=${m},repeat=0`, params, result);
    }),
  );
  const { 'chen2023-stage': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'chen2023-stage': data })).toEqual([]);
  });

  it('run rows per s', () => {
    const runs = data.rows.filter((r) => r.mark === 'run');
    expect(runs.map((r) => r.mark === 'run' && [r.s, r.m, r.status])).toEqual([
      ['s = 1', 10, 'converged'],
      ['s = 1', 100, 'converged'],
      ['s = 1', 1000, 'converged'],
      ['s = 1.5', 10, 'converged'],
      ['s = 1.5', 100, 'converged'],
      ['s = 1.5', 1000, 'max-steps'],
    ]);
  });

  it('slope rows: measured b ± δ/(√3 ln 10) against predicted (2s − 1)/(2|z|), over the clean runs', () => {
    const slopes = data.rows.filter((r) => r.mark === 'slope');
    expect(slopes).toEqual([
      { mark: 'slope', s: 's = 1', measured: expect.closeTo(1.1, 12), measured_se: expect.closeTo(seOf(0.3), 12), predicted: 1 },
      // the run at m = 1000 hit the step cap: the line through the other two has no standard error
      { mark: 'slope', s: 's = 1.5', measured: expect.closeTo(1.8, 12), measured_se: null, predicted: 2 },
    ]);
  });

  it('fit and prediction lines at the end widths', () => {
    expect(data.rows.filter((r) => (r.mark === 'fit' || r.mark === 'prediction') && r.s === 's = 1')).toEqual([
      { mark: 'fit', s: 's = 1', m: 10, tau: expect.closeTo(2.1 + 1.1 * Math.log(10), 12) },
      { mark: 'prediction', s: 's = 1', m: 10, tau: Math.log(10) },
      { mark: 'fit', s: 's = 1', m: 1000, tau: expect.closeTo(2.1 + 1.1 * Math.log(1000), 12) },
      { mark: 'prediction', s: 's = 1', m: 1000, tau: Math.log(1000) },
    ]);
    expect(data.rows.filter((r) => r.mark === 'prediction' && r.s === 's = 1.5').map((r) => r.mark === 'prediction' && r.tau)).toEqual([
      2 * Math.log(10),
      2 * Math.log(1000),
    ]);
  });

  it('values', () => {
    expect(data.values).toEqual({
      widths: '10, 100, 1000',
      repeats: 1,
      z_norm: 0.5,
      'slope@1': expect.closeTo(1.1, 12),
      'slope_se@1': expect.closeTo(seOf(0.3), 12),
      'predicted@1': 1,
      'slope@1.5': expect.closeTo(1.8, 12),
      'predicted@1.5': 2,
      not_converged: 1,
      runs_total: 6,
      degenerate_runs: 1,
      degenerate_reasons: '1 max-steps (not converged)',
    });
  });
});
