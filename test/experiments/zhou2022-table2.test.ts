/**
 * zhou2022-table2 aggregate on hand-made runs: RD = m^S exactly, so each
 * (row, seed) fit is S; means and population standard deviations over seeds;
 * runs that stopped short left out of the fits and counted; the arithmetic on
 * the paper's Std column.
 */
import { describe, expect, it } from 'vitest';
import { aggregate, standardDeviation } from '../../experiments/zhou2022-table2/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/zhou2022-table2/experiment.js';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import { cell, schemaErrors } from './fake.js';

const protocol = { lr0: 1, tol: 1e-6, maxSteps: 1000, maxRestarts: 3 };
const config: Config = { widths: [10, 100, 1000], seeds: 2, seed: 22, protocol };

/** The exact slopes of (row, seed). */
const s1 = (row: number, seed: number) => -0.4 + 0.05 * row - 0.1 * seed;
const s2 = (row: number, seed: number) => -0.9 + 0.2 * row + 0.04 * seed;

/** Stopped short: row 2 seed 1 at m = 100 (1 of 3: still fitted on 2 widths); row 5 seed 1 at m = 10 and 100 (unfitted). */
function statusOf(row: number, seed: number, m: number): Result['status'] {
  if (row === 2 && seed === 1 && m === 100) return 'max-steps';
  if (row === 5 && seed === 1 && m !== 1000) return 'unstable';
  return 'converged';
}

function cellsOf() {
  const out = [];
  for (let row = 0; row < 6; row++) {
    for (let seed = 0; seed < 2; seed++) {
      // widths in reverse order: the aggregate sorts them
      for (const m of [...config.widths].reverse()) {
        const status = statusOf(row, seed, m);
        const params: Params = { row, replicate: seed, m, protocol };
        const result: Result = {
          path: 'wasm-kernel',
          status,
          stoppedShort: status !== 'converged',
          reachedTol: status === 'converged',
          steps: 100 + m,
          totalSteps: 100 + m + row,
          finalLoss: 1e-6,
          finalRs: 5e-7,
          lr0: 1,
          lr: 0.1,
          halvings: row === 3 ? 2 : 0,
          toleratedRises: 0,
          // a stopped-short run's RD would wreck the fit if it were used
          rdW1: status === 'converged' ? m ** s1(row, seed) : 1e6,
          rdW2: status === 'converged' ? m ** s2(row, seed) : 1e-9,
          rdA: 0.5,
        };
        out.push(cell(`row=${row},replicate=${seed},m=${m}`, params, result, 1000 * row + 10 * seed + m));
      }
    }
  }
  return out;
}

describe('standardDeviation', () => {
  it('ddof 0 is np.std (divisor n), ddof 1 the sample standard deviation', () => {
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(standardDeviation([1, 2, 3, 4], 1)).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(standardDeviation([7])).toBe(0);
  });
});

describe('zhou2022-table2 aggregate', () => {
  const { 'zhou2022-table2': data } = aggregate({ config, profile: 'quick', cells: cellsOf() });
  const table = data.rows.filter((r) => r.mark === 'row');
  const fits = data.rows.filter((r) => r.mark === 'fit');
  const runs = data.rows.filter((r) => r.mark === 'rd');
  const v = data.values!;

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'zhou2022-table2': data })).toEqual([]);
  });

  it('one table row per row of Table 2 with its group, (γ2, γ3), α exponent and the paper values', () => {
    expect(table.map((r) => r.mark === 'row' && [r.group, r.gamma2, r.gamma3, r.alpha_exp, r.paper_s_w1, r.paper_s_w2])).toEqual(
      zhou2022Table2.map((t) => [t.group, t.gamma2 / 30, t.gamma3 / 30, t.alpha / 30, t.sW1, t.sW2]),
    );
    expect(table.map((r) => r.mark === 'row' && r.gamma2)).toEqual([0, 0, 0, 0.7, 0.7, 0.7]);
    expect(table.map((r) => r.mark === 'row' && r.alpha_exp)).toEqual([-0.5, 0, 0.5, -0.3, 0, 0.3]);
  });

  it('per (row, seed): the exact log-log slope over the converged widths; a stopped-short run is left out', () => {
    for (const f of fits) {
      if (f.mark !== 'fit') continue;
      if (f.row === 5 && f.seed === 1) {
        expect([f.n, f.s_w1, f.s_w2]).toEqual([1, null, null]);
        continue;
      }
      expect(f.n).toBe(f.row === 2 && f.seed === 1 ? 2 : 3);
      expect(f.s_w1).toBeCloseTo(s1(f.row, f.seed), 12);
      expect(f.s_w2).toBeCloseTo(s2(f.row, f.seed), 12);
    }
    expect(fits).toHaveLength(12);
  });

  it('per row: mean and population standard deviation over the fitted seeds', () => {
    table.forEach((r, row) => {
      if (r.mark !== 'row') return;
      if (row === 5) {
        // only seed 0 fitted
        expect(r.s_w1).toBeCloseTo(s1(5, 0), 12);
        expect(r.s_w2).toBeCloseTo(s2(5, 0), 12);
        expect([r.s_w1_std, r.s_w2_std]).toEqual([0, 0]);
        return;
      }
      expect(r.s_w1).toBeCloseTo((s1(row, 0) + s1(row, 1)) / 2, 12);
      expect(r.s_w2).toBeCloseTo((s2(row, 0) + s2(row, 1)) / 2, 12);
      // two values: np.std = half their difference
      expect(r.s_w1_std).toBeCloseTo(0.05, 12);
      expect(r.s_w2_std).toBeCloseTo(0.02, 12);
    });
  });

  it('RD rows for every run in (row, seed, increasing m) order, with the status', () => {
    expect(runs).toHaveLength(36);
    expect(runs.slice(0, 3).map((r) => r.mark === 'rd' && [r.row, r.seed, r.m, r.status])).toEqual([
      [0, 0, 10, 'converged'],
      [0, 0, 100, 'converged'],
      [0, 0, 1000, 'converged'],
    ]);
    expect(runs.filter((r) => r.mark === 'rd' && r.status !== 'converged').map((r) => r.mark === 'rd' && [r.row, r.seed, r.m, r.status])).toEqual([
      [2, 1, 100, 'max-steps'],
      [5, 1, 10, 'unstable'],
      [5, 1, 100, 'unstable'],
    ]);
  });

  it('values: stopped-short runs counted by status, unfitted pairs, settings, per-row differences', () => {
    expect(v.runs).toBe(36);
    expect(v.stopped_short).toBe(3);
    expect(v.stopped_short_statuses).toBe('max-steps: 1, unstable: 2');
    expect(v.unfitted).toBe(1);
    expect([v.widths, v.m_min, v.m_max, v.seeds]).toEqual(['10, 100, 1000', 10, 1000, 2]);
    expect([v.lr0, v.tol, v.max_steps, v.max_restarts, v.rise_tolerance]).toEqual([1, 1e-6, 1000, 3, 1e-2]);
    // converged runs only: largest totalSteps = 100 + 1000 + 5, halvings of row 3
    expect([v.max_steps_used, v.max_halvings]).toEqual([1105, 2]);
    expect(v['diff_w1@row=1']).toBeCloseTo(-0.45 - zhou2022Table2[0].sW1, 12);
    expect(v['s_w2@row=4']).toBeCloseTo((s2(3, 0) + s2(3, 1)) / 2, 12);
    const diffs = zhou2022Table2.map((t, i) => Math.abs((i === 5 ? s1(5, 0) : (s1(i, 0) + s1(i, 1)) / 2) - t.sW1));
    expect(v.max_abs_diff_w1).toBeCloseTo(Math.max(...diffs), 12);
    // np.std of the three measured means of group 1: means −0.45, −0.40, −0.35
    expect(v['group_std_w1@g=1']).toBeCloseTo(Math.sqrt((0.05 ** 2 * 2) / 3), 12);
  });

  it("the paper's Std column is np.std of each group's three printed S values, to every printed digit (not the sample std)", () => {
    expect(v['paper_std_np_w1@g=1']).toBeCloseTo(0.006438944, 8);
    expect(v['paper_std_printed_w1@g=1']).toBe(6.44e-3);
    expect(v['paper_std_printed_w2@g=1']).toBe(1.05e-2);
    expect(v['paper_std_printed_w1@g=2']).toBe(4.64e-3);
    expect(v['paper_std_printed_w2@g=2']).toBe(2.5e-3);
    for (const g of [1, 2]) {
      for (const layer of ['w1', 'w2']) {
        const printed = v[`paper_std_printed_${layer}@g=${g}`] as number;
        expect(Number((v[`paper_std_np_${layer}@g=${g}`] as number).toPrecision(3))).toBe(printed);
        expect(Number((v[`paper_std_sample_${layer}@g=${g}`] as number).toPrecision(3))).not.toBe(printed);
      }
    }
    expect([v.paper_std_agree, v.paper_std_printed]).toEqual([4, 4]);
  });

  it('degenerate runs: named on their rd rows and on the fits that leave them out, counted for the caption', () => {
    const rd = data.rows.filter((r) => r.mark === 'rd' && r.degenerate !== null);
    expect(rd.map((r) => r.mark === 'rd' && [r.row, r.seed, r.m, r.degenerate])).toEqual([
      [2, 1, 100, 'max-steps (not converged)'],
      [5, 1, 10, 'unstable'],
      [5, 1, 100, 'unstable'],
    ]);
    const fits = data.rows.filter((r) => r.mark === 'fit' && r.degenerate !== null);
    expect(fits.map((r) => r.mark === 'fit' && [r.row, r.seed, r.n, r.degenerate])).toEqual([
      [2, 1, 2, '1 of 3 runs: 1 max-steps (not converged)'],
      [5, 1, 1, '2 of 3 runs: 2 unstable'],
    ]);
    expect(data.values).toMatchObject({ runs_total: 36, degenerate_runs: 3, degenerate_reasons: '2 unstable, 1 max-steps (not converged)' });
  });
});
