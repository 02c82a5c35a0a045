/** experiments/shared/sHeatmap.ts: S_w per cell, zero crossings along γ, the boundary, the values. */
import { describe, expect, it } from 'vitest';
import { midpoints, type RdRun, sHeatmapData } from '../../experiments/shared/sHeatmap.js';
import { rdsWithSlope, seOf, WIDTHS } from './fake.js';

/** Runs at widths 10, 100, 1000 with S_w = S[γ index] and bump δ[γ index]. */
function runsAt(gammas: number[], gammaPrime: number, S: number[], delta: number[]): RdRun[] {
  return gammas.flatMap((gamma, gi) =>
    rdsWithSlope(S[gi], delta[gi]).map((rdW, i) => ({ gamma, gammaPrime, m: WIDTHS[i], rdW, converged: true, degenerate: null })),
  );
}

describe('sHeatmapData', () => {
  const gammas = [0.6, 1, 1.4];
  const edges = [0.4, 0.8, 1.2, 1.6];
  const runs = [...runsAt(gammas, -0.3, [-0.4, 0.1, 0.5], [0.03, 0, 0.06]), ...runsAt(gammas, 0.3, [-0.3, -0.1, 0.3], [0, 0.09, 0])];
  runs.forEach((r, i) => {
    r.cell = `cell-${i}`;
  });
  runs[4].converged = false;
  const { rows, values } = sHeatmapData(gammas, edges, [-0.3, 0.3], runs);

  it('one cell per (γ, γ′): the fitted slope and its standard error, drawn between the edges', () => {
    const cells = rows.filter((r) => r.mark === 'cell');
    expect(cells.map((r) => [r.gamma, r.gamma_prime, r.gamma_lo, r.gamma_hi])).toEqual([
      [0.6, -0.3, 0.4, 0.8],
      [1, -0.3, 0.8, 1.2],
      [1.4, -0.3, 1.2, 1.6],
      [0.6, 0.3, 0.4, 0.8],
      [1, 0.3, 0.8, 1.2],
      [1.4, 0.3, 1.2, 1.6],
    ]);
    const S = [-0.4, 0.1, 0.5, -0.3, -0.1, 0.3];
    const se = [0.03, 0, 0.06, 0, 0.09, 0].map(seOf);
    cells.forEach((r, i) => {
      expect(r.s_w).toBeCloseTo(S[i], 12);
      expect(r.s_w_se).toBeCloseTo(se[i], 12);
    });
  });

  it('stars at the zero crossings of S_w along γ by linear interpolation', () => {
    const stars = rows.filter((r) => r.mark === 'star');
    expect(stars.map((r) => r.gamma_prime)).toEqual([-0.3, 0.3]);
    // γ′ = −0.3: between 0.6 (−0.4) and 1 (0.1): 0.6 + 0.4·0.4/0.5 = 0.92; γ′ = 0.3: 1 + 0.4·0.1/0.4 = 1.1
    expect(stars.map((r) => r.mark === 'star' && r.gamma_star)).toEqual([expect.closeTo(0.92, 12), expect.closeTo(1.1, 12)]);
  });

  it('the boundary over the γ′ range, with its corner at γ′ = 0', () => {
    expect(rows.filter((r) => r.mark === 'boundary')).toEqual([
      { mark: 'boundary', gamma: 1, gamma_prime: -0.3 },
      { mark: 'boundary', gamma: 1, gamma_prime: 0 },
      { mark: 'boundary', gamma: 1.3, gamma_prime: 0.3 },
    ]);
  });

  it('one run row per run, in the order fitted, with its cell id and status, all fitted when every RD is positive', () => {
    const runRows = rows.filter((r) => r.mark === 'run');
    expect(runRows).toHaveLength(runs.length);
    expect(runRows[0]).toEqual({
      mark: 'run',
      gamma: 0.6,
      gamma_prime: -0.3,
      m: WIDTHS[0],
      rd_w: runs[0].rdW,
      status: 'converged',
      fitted: true,
      cell: 'cell-0',
    });
    expect(runRows[4].mark === 'run' && runRows[4].status).toBe('not converged');
    expect(runRows.every((r) => r.mark === 'run' && r.fitted)).toBe(true);
  });

  it('a run whose RD is not positive is listed, not fitted', () => {
    const bad = runsAt([1], 0, [0.2], [0]);
    bad[1].rdW = 0;
    const { rows } = sHeatmapData([1], [0.9, 1.1], [0], bad);
    expect(rows.filter((r) => r.mark === 'run').map((r) => r.mark === 'run' && [r.rd_w, r.fitted])).toEqual([
      [bad[0].rdW, true],
      [0, false],
      [bad[2].rdW, true],
    ]);
  });

  it('values: counts, the largest crossing error against the boundary, the widths', () => {
    // errors |0.92 − 1| = 0.08 and |1.1 − 1.3| = 0.2
    expect(values).toEqual({
      cells: 6,
      runs: 18,
      not_converged: 1,
      crossings: 2,
      max_crossing_error: expect.closeTo(0.2, 12),
      widths: '10, 100, 1000',
      runs_total: 18,
      degenerate_runs: 0,
      degenerate_reasons: '',
    });
  });

  it("a degenerate run is left out of its cell's fit, named on the cell and counted", () => {
    const bad = runsAt([0.6], 0, [-0.4], [0]);
    // the run at m = 100 stopped at step 0 with a wild RD: with it, the slope would not be −0.4
    bad[1] = { ...bad[1], rdW: 1e3, degenerate: 'stopped at step 0' };
    const out = sHeatmapData([0.6], [0.4, 0.8], [0], bad);
    const [c] = out.rows.filter((r) => r.mark === 'cell');
    expect(c.mark === 'cell' && c.s_w).toBeCloseTo(-0.4, 12);
    expect(c.mark === 'cell' && c.degenerate).toBe('1 of 3 runs: 1 stopped at step 0');
    expect(out.values).toMatchObject({ runs_total: 3, degenerate_runs: 1, degenerate_reasons: '1 stopped at step 0' });
  });

  it('an undefined fit (one width) gives null S_w and no crossing', () => {
    const one = sHeatmapData(
      [0.6, 1],
      [0.4, 0.8, 1.2],
      [0],
      [
        { gamma: 0.6, gammaPrime: 0, m: 10, rdW: 0.1, converged: true, degenerate: null },
        { gamma: 1, gammaPrime: 0, m: 10, rdW: 0.2, converged: true, degenerate: null },
      ],
    );
    expect(one.rows.filter((r) => r.mark === 'cell').map((r) => r.mark === 'cell' && [r.s_w, r.s_w_se])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(one.values.crossings).toBe(0);
    expect(one.values.max_crossing_error).toBe(0);
  });

  it('an exact zero of S_w is a crossing at that γ', () => {
    const runs = runsAt([0.8, 1, 1.2], 0, [-0.2, 0, 0.2], [0, 0, 0]);
    const { rows } = sHeatmapData([0.8, 1, 1.2], [0.7, 0.9, 1.1, 1.3], [0], runs);
    const stars = rows.filter((r) => r.mark === 'star');
    expect(stars).toHaveLength(1);
    expect(stars[0].mark === 'star' && stars[0].gamma_star).toBeCloseTo(1, 9);
  });
});

describe('midpoints', () => {
  it('of consecutive edges, to 6 decimals', () => {
    expect(midpoints([0.5, 0.7, 0.9, 1.1])).toEqual([0.6, 0.8, 1]);
    expect(midpoints([0.97, 0.99, 1.005])).toEqual([0.98, 0.9975]);
  });
});
