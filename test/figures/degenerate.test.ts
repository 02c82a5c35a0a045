/**
 * Degenerate runs in the figures (issue 11): the shared helpers of both sides
 * (experiments/shared/degenerate.ts classifies and counts, src/figures/shared/degenerate.ts
 * draws and captions), and per figure family that a degenerate run is drawn as such
 * and left out of the fit, on small hand-made figure data.
 */
import { describe, expect, it } from 'vitest';
import { aggregate as blowupAggregate } from '../../experiments/chen2024-blowup/aggregate.js';
import type { Config as BlowupConfig, Params as BlowupParams, Result as BlowupResult } from '../../experiments/chen2024-blowup/experiment.js';
import { cleanCells, degenerateCounts, degenerateOf, degenerateOfRuns, reasonCounts } from '../../experiments/shared/degenerate.js';
import { figure as chen2023Phase } from '../../src/figures/chen2023-phase.js';
import { figure as chen2023Stage } from '../../src/figures/chen2023-stage.js';
import { figure as chen2024Blowup } from '../../src/figures/chen2024-blowup.js';
import { figure as introductionCnn } from '../../src/figures/introduction-cnn.js';
import { figure as luo2021Fig3 } from '../../src/figures/luo2021-fig3.js';
import { figure as luo2021Fig4 } from '../../src/figures/luo2021-fig4.js';
import { renderPanel } from '../../src/figures/render.js';
import {
  cleanRows,
  degenerateCaption,
  degenerateCells,
  degenerateCross,
  degenerateDots,
  degenerateRects,
  degenerateSwatch,
  isDegenerate,
  markDegeneratePanel,
} from '../../src/figures/shared/degenerate.js';
import { figure as zhou2022Fig4 } from '../../src/figures/zhou2022-fig4.js';
import { figure as zhou2022Table2 } from '../../src/figures/zhou2022-table2.js';
import type { FigureView, Panel } from '../../src/figures/types.js';
import { RD_ZERO } from '../../src/pipeline/degenerate.js';

/** All panels of a figure rendered to one string of SVG. */
// biome-ignore lint/suspicious/noExplicitAny: each view is typed by its own data; the test hands it matching data
const svgOf = (view: FigureView<any>, data: unknown) =>
  view
    .panels(data)
    .map((p) => renderPanel(p))
    .join('\n');
/** How many <title>s name a degenerate run. */
const degenerateTitles = (svg: string) => (svg.match(/degenerate run: /g) ?? []).length;
const panel = (marks: Panel['options']['marks']): Panel => ({ options: { width: 200, height: 150, x: { label: 'x' }, y: { label: 'y' }, marks } });

describe('experiments/shared/degenerate.ts: the runs, classified and counted', () => {
  const clean = { status: 'converged', steps: 100, rdW: 0.3 };
  it('a clean run is null; step 0, RD = 0, a failure status and non-finite numbers are named', () => {
    expect(degenerateOf(clean)).toBeNull();
    expect(degenerateOf({ ...clean, steps: 0 })).toBe('stopped at step 0');
    expect(degenerateOf({ ...clean, rdW: 0 })).toBe(RD_ZERO);
    expect(degenerateOf({ ...clean, rdW1NoBias: 0 })).toBe(RD_ZERO);
    expect(degenerateOf({ ...clean, status: 'max-steps' })).toBe('max-steps (not converged)');
    expect(degenerateOf({ ...clean, status: 'exited', finalLoss: null })).toBe('non-finite values');
    // a field that only starts with "rd" is not a relative distance
    expect(degenerateOf({ ...clean, rdx: 0, round: 0 })).toBeNull();
  });

  it('cleanCells keeps the clean ones; counts and reasons for the caption, most frequent first', () => {
    const cells = [clean, { ...clean, steps: 0 }, { ...clean, rdW: 0 }, { ...clean, steps: 0 }].map((result, i) => ({ id: i, result }));
    expect(cleanCells(cells).map((c) => c.id)).toEqual([0]);
    expect(degenerateCounts(cells.map((c) => c.result))).toEqual({
      runs_total: 4,
      degenerate_runs: 3,
      degenerate_reasons: `2 stopped at step 0, 1 ${RD_ZERO}`,
    });
    expect(degenerateCounts([clean])).toEqual({ runs_total: 1, degenerate_runs: 0, degenerate_reasons: '' });
    expect(reasonCounts([null, 'a', 'b', 'b'])).toEqual({ runs_total: 4, degenerate_runs: 3, degenerate_reasons: '2 b, 1 a' });
  });

  it("degenerateOfRuns names a point's degenerate runs, null when all are clean", () => {
    expect(degenerateOfRuns([null, null])).toBeNull();
    expect(degenerateOfRuns([null, 'stopped at step 0', null])).toBe('1 of 3 runs: 1 stopped at step 0');
  });
});

describe('src/figures/shared/degenerate.ts: drawing and caption', () => {
  const rows = [
    { x: 1, y: 1, degenerate: null },
    { x: 2, y: 2, degenerate: 'stopped at step 0' },
  ];

  it('isDegenerate and cleanRows read the degenerate field', () => {
    expect(rows.map(isDegenerate)).toEqual([false, true]);
    expect(cleanRows(rows)).toEqual([rows[0]]);
    expect(isDegenerate({})).toBe(false);
  });

  it('degenerateDots: a white circle and a × per degenerate row only, titled with the reason', () => {
    const svg = renderPanel(panel(degenerateDots(rows, { x: 'x', y: 'y', title: (r) => `x = ${r.x}` })));
    expect(degenerateTitles(svg)).toBe(2);
    expect(svg).toContain('x = 2\ndegenerate run: stopped at step 0; left out of fits and means');
    expect(svg).not.toContain('x = 1');
    expect(svg).toContain('fill="white"');
  });

  it('degenerateDots without y: at the top of the frame', () => {
    const svg = renderPanel(panel(degenerateDots(rows, { x: 'x' })));
    expect(degenerateTitles(svg)).toBe(2);
  });

  it('degenerateCells and degenerateRects: hatched with a ×; degenerateCross: a × only', () => {
    const cells = renderPanel({
      options: { x: { type: 'band' }, y: { type: 'band' }, marks: degenerateCells(rows, 'test-hatch', { x: 'x', y: 'y' }) },
    });
    expect(cells).toMatch(/<pattern [^>]*id="test-hatch"/);
    expect(cells).toContain('url(#test-hatch)');
    expect(cells).toContain('×');
    const rects = renderPanel(
      panel(degenerateRects(rows, 'test-rect', { x1: (r) => r.x - 0.5, x2: (r) => r.x + 0.5, y1: (r) => r.y - 0.5, y2: (r) => r.y + 0.5, x: 'x', y: 'y' })),
    );
    expect(rects).toContain('url(#test-rect)');
    expect(degenerateTitles(rects)).toBe(2);
    const cross = renderPanel(panel([degenerateCross(rows, { x: 'x', y: 'y' })]));
    expect(cross).toContain('×');
    expect(cross).not.toContain('<pattern');
  });

  it('markDegeneratePanel: unchanged for a clean run; hatched, titled and labelled for a degenerate one', () => {
    const p = panel([]);
    expect(markDegeneratePanel({ ...p, title: 'A' }, null, 'x')).toEqual({ ...p, title: 'A' });
    expect(markDegeneratePanel(p, '', 'x')).toEqual(p);
    const marked = markDegeneratePanel({ ...p, title: 'A' }, 'diverged', 'test-panel');
    expect(marked.title).toBe('A (degenerate run: diverged)');
    const svg = renderPanel(marked);
    expect(svg).toContain('url(#test-panel)');
    expect(svg).toContain('× degenerate: diverged');
  });

  it('the caption: nothing without counts; "all clean" with none; the mark, the count and the reasons with some', () => {
    expect(degenerateCaption(undefined)).toBeUndefined();
    expect(degenerateCaption({ m: 3 })).toBeUndefined();
    expect(degenerateCaption({ runs_total: 30, degenerate_runs: 0, degenerate_reasons: '' })).toBe(
      'All 30 runs are clean: none stopped at step 0, diverged, stalled at the step cap or moved below float32 resolution.',
    );
    expect(degenerateCaption({ runs_total: 1, degenerate_runs: 0, degenerate_reasons: '' })).toMatch(/^The run is clean/);
    const some = degenerateCaption({ runs_total: 30, degenerate_runs: 5, degenerate_reasons: '5 stopped at step 0' }, 'cell') as string;
    expect(some).toContain(degenerateSwatch('cell'));
    expect(some).toContain('5 of 30 runs degenerate (5 stopped at step 0): marked × in their cells');
    expect(degenerateCaption({ runs_total: 2, degenerate_runs: 1, degenerate_reasons: '1 diverged' })).toContain('drawn as crossed circles');
    expect(degenerateCaption({ runs_total: 2, degenerate_runs: 1, degenerate_reasons: '1 diverged' }, 'table')).toBe(
      '1 of 2 runs degenerate (1 diverged): named in the table and left out of fits and means.',
    );
  });

  it('the swatches are inline SVG without ids (one per figure on a page)', () => {
    for (const mark of ['point', 'cell', 'panel'] as const) {
      const s = degenerateSwatch(mark);
      expect(s).toMatch(/^<svg class="degenerate-swatch"[\s\S]*<\/svg>$/);
      expect(s).not.toContain('id=');
    }
  });
});

describe('each figure family draws its degenerate runs', () => {
  it('chen2023-phase: the degenerate cell hatched, without its number', () => {
    const cell = (gamma: number, alignment: number, degenerate: string | null) => ({
      mark: 'cell' as const,
      gamma,
      gamma_prime: 0,
      alignment,
      rd_w: degenerate ? 0 : 0.1,
      steps: degenerate ? 0 : 10,
      status: 'converged' as const,
      degenerate,
      heuristic: false,
    });
    const svg = svgOf(chen2023Phase, { rows: [cell(1, 0.777, null), cell(2, 0.555, 'stopped at step 0')] });
    expect(svg).toContain('url(#chen2023-phase-degenerate)');
    expect(svg).toContain('0.78');
    expect(svg).not.toContain('>0.56<');
    expect(degenerateTitles(svg)).toBe(2);
  });

  it('chen2023-stage: the degenerate run crossed', () => {
    const run = (m: number, degenerate: string | null) => ({ mark: 'run' as const, s: 's = 1', m, tau: 1, status: 'converged' as const, degenerate });
    const svg = svgOf(chen2023Stage, { rows: [run(10, null), run(100, null), run(1000, 'stopped at step 0')] });
    expect(degenerateTitles(svg)).toBe(2);
  });

  it('luo2021 Fig. 4 (the S_w heatmap): cells without S_w hatched (degenerate runs or too few widths), a cell fitted without a run marked ×', () => {
    const cell = (gamma: number, s_w: number | null, degenerate: string | null) => ({
      mark: 'cell' as const,
      gamma,
      gamma_prime: 0,
      s_w,
      s_w_se: null,
      gamma_lo: gamma - 0.1,
      gamma_hi: gamma + 0.1,
      degenerate,
    });
    const svg = svgOf(luo2021Fig4, {
      rows: [cell(0.5, -0.2, null), cell(0.7, 0.1, '1 of 3 runs: 1 diverged'), cell(0.9, null, null), cell(1.1, null, '2 of 3 runs: 2 stopped at step 0')],
    });
    expect(svg).toContain('url(#luo2021-fig4-degenerate)');
    expect(svg).toContain('degenerate run: 1 of 3 runs: 1 diverged');
    expect(svg).toContain('degenerate run: 2 of 3 runs: 2 stopped at step 0');
    expect(svg).toContain('no fit: too few widths');
    expect(svg).toContain('url(#luo2021-fig4-no-fit)');
  });

  it('luo2021 Fig. 3: the degenerate RD point crossed', () => {
    const rd = (m: number, degenerate: string | null) => ({
      mark: 'rd' as const,
      gamma: 1,
      init: 'β₁ = β₂ = 1',
      m,
      rd: 0.1 * m,
      status: 'converged' as const,
      degenerate,
    });
    const svg = svgOf(luo2021Fig3, {
      rows: [rd(10, null), rd(100, null), rd(1000, 'max-steps (not converged)')],
      values: {
        panel_gammas: [1],
        runs: 3,
        not_converged: 1,
        max_steps: 10,
        m_min: 10,
        m_max: 1000,
        runs_total: 3,
        degenerate_runs: 1,
        degenerate_reasons: '1 max-steps (not converged)',
      },
    });
    expect(svg).toContain('degenerate run: max-steps (not converged)');
  });

  it('zhou2022 Table 2 and Fig. 4: degenerate runs crossed, the one with RD = 0 at the foot of the log axis', () => {
    const rd = (m: number, degenerate: string | null) => ({
      mark: 'rd' as const,
      row: 0,
      seed: 0,
      m,
      rd_w1: 0.1,
      rd_w2: 0.2,
      status: 'converged' as const,
      degenerate,
    });
    expect(degenerateTitles(svgOf(zhou2022Table2, { rows: [rd(10, null), rd(100, 'stopped at step 0')] }))).toBe(4);
    const run = (m: number, rd_w1: number, degenerate: string | null) => ({
      mark: 'rd' as const,
      gamma3: 1,
      m,
      seed: 0,
      rd_w1,
      status: 'converged' as const,
      degenerate,
      fitted: degenerate === null,
    });
    const svg = svgOf(zhou2022Fig4, { rows: [run(100, 0.1, null), run(1000, 0.05, null), run(10000, 0, RD_ZERO)] });
    expect(svg).toContain(`degenerate run: ${RD_ZERO}`);
  });

  it('chen2024 blow-up: a run that never left its plateau crossed at the top; left out of the fit', () => {
    const config: BlowupConfig = {
      m: 4,
      eps: [0.1, 0.01, 0.001],
      repeats: 1,
      lr: { 'two-layer': 0.1, 'three-layer': 0.1 },
      plateauEnd: 0.9,
      maxTimeFactor: 3,
      data: { n: 2, d: 2, scale: 1, seed: 1 },
      seed: 1,
    } as BlowupConfig;
    const cell = (net: BlowupParams['net'], eps: number, tExit: number | null) => ({
      cell: { id: `${net},${eps}`, seed: 1, params: { net, m: 4, eps, lr: 0.1, plateauEnd: 0.9, maxTimeFactor: 3, data: config.data } as BlowupParams },
      result: {
        status: tExit === null ? 'max-steps' : 'exited',
        tExit,
        tPred: 1 / eps,
        steps: 100,
        initialLoss: 1,
        finalLoss: 0.5,
        zNorm: 1,
        firstLayer: { norm: [1, 1, 1, 1], cos: [1, 1, 1, 1], cosNoBias: [1, 1, 1, 1] },
        path: 'float64',
      } as BlowupResult,
    });
    // three layers: t = 1/ε exactly at ε = 0.1, 0.01 (slope 1); the run at 0.001 never exited
    const cells = [
      cell('three-layer', 0.1, 10),
      cell('three-layer', 0.01, 100),
      cell('three-layer', 0.001, null),
      cell('two-layer', 0.1, 5),
      cell('two-layer', 0.01, 7),
      cell('two-layer', 0.001, 9),
    ];
    const out = blowupAggregate({ config, profile: 'quick', cells });
    const data = out['chen2024-blowup'];
    expect(data.values?.three_slope).toBeCloseTo(1, 12);
    expect(data.values).toMatchObject({ runs_total: 6, degenerate_runs: 1, degenerate_reasons: '1 max-steps (not converged)' });
    expect(data.rows.filter((r) => r.mark === 'run' && r.degenerate !== null)).toHaveLength(1);
    const svg = svgOf(chen2024Blowup, data);
    expect(svg).toContain('degenerate run: max-steps (not converged)');
    expect(out['chen2024-alignment'].rows.map((r) => r.degenerate)).toEqual([null, null, 'max-steps (not converged)', null, null, null]);
  });

  it('introduction CNN: every panel of a degenerate run hatched', () => {
    const rows = [
      { mark: 'cell' as const, stage: 'initialisation' as const, i: 0, j: 0, d: 1 },
      { mark: 'cell' as const, stage: 'after training' as const, i: 0, j: 0, d: 1 },
      { mark: 'loss' as const, epoch: 1, loss: 1 },
    ];
    const panels = introductionCnn.panels({ rows, values: { degenerate: 'stopped at step 0' } } as never);
    expect(panels.every((p) => p.title?.endsWith('(degenerate run: stopped at step 0)'))).toBe(true);
    expect(introductionCnn.panels({ rows, values: { degenerate: '' } } as never).some((p) => p.title?.includes('degenerate'))).toBe(false);
  });
});
