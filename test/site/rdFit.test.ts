/**
 * src/figures/shared/rdFit.ts: the fit behind one S value, as the
 * phase-diagram explorer draws it, gives back the S the aggregate stored.
 */
import { describe, expect, it } from 'vitest';
import { type RdRun, sHeatmapData } from '../../experiments/shared/sHeatmap.js';
import { markAttributes } from '../../src/figures/shared/explorers.js';
import { rdFitPanel, refit, sHeatmapFit, slopeText, zhouGridFit } from '../../src/figures/shared/rdFit.js';
import { renderPanel } from '../../src/figures/render.js';
import { sHeatmap } from '../../src/figures/shared/sHeatmap.js';
import { rdsWithSlope, WIDTHS } from '../experiments/fake.js';

describe('the luo2021 S_w heatmap’s fits', () => {
  const gammas = [0.6, 1];
  const runs: RdRun[] = gammas.flatMap((gamma, gi) =>
    rdsWithSlope([-0.4, 0.3][gi], [0.05, 0.02][gi]).map((rdW, i) => ({
      gamma,
      gammaPrime: 0,
      m: WIDTHS[i],
      rdW,
      converged: i !== 2,
      cell: `gamma=${gamma},m=${WIDTHS[i]}`,
      status: i !== 2 ? 'converged' : 'max-steps',
      // the max-steps run is degenerate: shown in the explorer, left out of the fit (experiments/shared/degenerate.ts)
      degenerate: i !== 2 ? null : 'max-steps (not converged)',
    })),
  );
  const data = sHeatmapData(gammas, [0.4, 0.8, 1.2], [0], runs);

  it('refitting a cell’s runs gives its stored S_w and SE', () => {
    for (const gamma of gammas) {
      const fit = sHeatmapFit(data.rows, gamma, 0)!;
      const cell = data.rows.find((r) => r.mark === 'cell' && r.gamma === gamma);
      expect(cell?.mark === 'cell' && [cell.s_w, cell.s_w_se]).toEqual([fit.s, fit.se]);
      const again = refit(fit);
      expect(again.slope).toBe(fit.s);
      // (two clean widths: a slope without a standard error, stored as null)
      expect(Number.isFinite(again.stderr) ? again.stderr : null).toBe(fit.se);
      expect(fit.runs.map((r) => [r.m, r.status, r.cell])).toEqual(WIDTHS.map((m, i) => [m, i !== 2 ? 'converged' : 'max-steps', `gamma=${gamma},m=${m}`]));
    }
    expect(sHeatmapFit(data.rows, 0.7, 0)).toBeUndefined();
  });

  it('the panel: a dot per run, one fitted line, titled with the slope ± SE', () => {
    const fit = sHeatmapFit(data.rows, 1, 0)!;
    const panel = rdFitPanel(fit);
    expect(panel.title).toBe(`γ = 1, γ′ = 0: S(w) = ${slopeText(fit.s!, fit.se!)} from 2 runs`); // the max-steps run is drawn but not fitted
    const svg = renderPanel(panel, 'fit');
    expect(svg.match(/<title>/g)).toHaveLength(3);
    expect(svg).toContain('data-mark="line"');
  });

  it('the heatmap’s cells carry their (γ, γ′) for the explorer', () => {
    const svg = renderPanel({ options: sHeatmap(data) }, 'heatmap');
    expect(svg.match(/data-explore="sHeatmap"/g)).toHaveLength(2);
    const cells = svg.match(/<rect\b[^>]*data-explore[^>]*>/g) ?? [];
    expect(cells.map((r) => [r.match(/data-gamma="([^"]*)"/)?.[1], r.match(/data-gamma-prime="([^"]*)"/)?.[1]])).toEqual([
      ['0.6', '0'],
      ['1', '0'],
    ]);
    expect(typeof markAttributes([], () => ({}))).toBe('function');
  });
});

describe('zhou2022 Fig. 5’s fits: the mean over seeds of the per-seed slopes', () => {
  const rd = (seed: number, m: number, value: number, fit = true) => ({
    mark: 'rd' as const,
    gamma2: 0,
    gamma3: 1,
    m,
    seed,
    rd_w1: value,
    rd_w2: value,
    status: 'converged' as const,
    w1_at_floor: false,
    w2_at_floor: false,
    steps: 10,
    halvings: 0,
    reached_tol: true,
    fit_w1: fit,
    fit_w2: fit,
    cell: `m=${m},replicate=${seed}`,
  });
  const rows = [
    {
      mark: 'point' as const,
      gamma2: 0,
      gamma3: 1,
      s_w1: 0.3,
      s_w2: 0.3,
      s_w1_se: 0.1,
      s_w2_se: 0.1,
      n_w1: 6,
      n_w2: 6,
      runs: 7,
      stopped: 0,
      floor_w1: 0,
      floor_w2: 0,
    },
    ...rdsWithSlope(0.2, 0).map((v, i) => rd(0, WIDTHS[i], v)),
    ...rdsWithSlope(0.4, 0).map((v, i) => rd(1, WIDTHS[i], v)),
    // a run the aggregate left out: it must not move the slope
    rd(1, 5000, 1e-3, false),
  ];

  it('one line per seed over the runs flagged fitted; S their mean, SE that of the mean', () => {
    const fit = zhouGridFit(rows, 'w1', 0, 1)!;
    expect(fit.sLabel).toBe('S(W¹)');
    expect(fit.runs).toHaveLength(7);
    const again = refit(fit);
    expect(again.lines.map((l) => l.slope)).toEqual([expect.closeTo(0.2, 12), expect.closeTo(0.4, 12)]);
    expect(again.slope).toBeCloseTo(0.3, 12);
    expect(again.stderr).toBeCloseTo(0.1, 12);
    expect(again.n).toBe(6);
    expect(zhouGridFit(rows, 'w2', 0, 2)).toBeUndefined();
  });

  it("a run's status names the precision it asked for when it is not float32 ('auto' or 'compensated')", () => {
    const precisions = ['auto', 'compensated', 'float32', undefined] as const;
    const withPrecision = rows.map((r, i) => (r.mark === 'rd' ? { ...r, precision: precisions[i % precisions.length] } : r));
    const asked = zhouGridFit(withPrecision, 'w1', 0, 1)!.runs.map((r) => r.status);
    const expected = withPrecision.flatMap((r) =>
      r.mark === 'rd' ? [r.precision === 'auto' || r.precision === 'compensated' ? `converged, precision ${r.precision}` : 'converged'] : [],
    );
    expect(asked).toEqual(expected);
    expect(asked).toContain('converged, precision compensated');
    expect(asked).toContain('converged, precision auto');
  });
});
