/**
 * The fit behind one S value of a phase diagram (luo2021 Figs. 4 and 5,
 * zhou2022 Fig. 5): RD against the width m on log-log axes, the
 * least-squares line of log RD on log m, and its slope S ± SE (luo2021
 * eq. 19).
 *
 * Pure functions of a figure's data rows, used by the phase-diagram
 * explorer in the browser (src/components/islands/explorer.ts). The fits
 * are those the aggregates computed the stored S with, over the same runs
 * in the same order, so the explorer's slope is the stored S:
 * - luo2021: `growthExponent` (src/engine/metrics) over every run of the
 *   cell (experiments/shared/sHeatmap.ts);
 * - zhou2022: per seed, `linearFit` of log RD on log m over the runs the
 *   aggregate fitted (rows flagged fit_w1 / fit_w2), S the mean of the seeds'
 *   slopes, SE that of one seed's slope or of the mean
 *   (experiments/zhou2022-grid/aggregate.ts, pointOf).
 */
import * as Plot from '@observablehq/plot';
import type { SHeatmapRow } from '../../../experiments/shared/sHeatmapSchema.js';
import type { figures as zhouFigures } from '../../../experiments/zhou2022-grid/figures.js';
import { growthExponent, linearFit } from '../../engine/metrics/growthExponent.js';
import type { FigureDataOf } from '../../pipeline/experiment.js';
import type { Panel } from '../types.js';
import { count, logAxis } from './format.js';
import { byMark } from './rows.js';

/** One run behind a fit. */
export interface FitRun {
  m: number;
  /** RD at the end of training; null when not finite */
  rd: number | null;
  status: string;
  /** whether the aggregate fitted this run (a non-positive or non-finite RD cannot be) */
  fitted: boolean;
  /** the run's cell id in the figure's provenance */
  cell: string;
  /** the repetition (seed index) whose fit the run belongs to, when S is a mean over seeds */
  replicate?: number;
}

/** One S value of a phase diagram and the runs behind it. */
export interface SFit {
  /** the cell, as text ("γ = 0.65, γ′ = −0.4") */
  label: string;
  /** the stored S and its SE (null when the fit is undefined) */
  s: number | null;
  se: number | null;
  /** how S was fitted: one line over every run, or the mean of one line per seed over the runs flagged fitted */
  method: 'all-runs' | 'seed-mean';
  /** the name of S ("S(w)", "S(W¹)") */
  sLabel: string;
  runs: FitRun[];
}

/** A fitted line of log RD on log m. */
export interface Line {
  replicate: number | null;
  slope: number;
  intercept: number;
  stderr: number;
  n: number;
}

/** The fit again: S ± SE from `n` runs, and the lines drawn. */
export interface Refit {
  slope: number;
  stderr: number;
  n: number;
  lines: Line[];
}

type SHeatmapCell = Extract<SHeatmapRow, { mark: 'cell' }>;

const minus = (v: number) => String(v).replace('-', '−');

/** The S_w cell at (γ, γ′) of an S_w heatmap and its runs (mark 'run'), in the order the aggregate fitted them; undefined when there is no such cell. */
export function sHeatmapFit(rows: readonly SHeatmapRow[], gamma: number, gammaPrime: number): SFit | undefined {
  const cell = byMark(rows, 'cell').find((c: SHeatmapCell) => c.gamma === gamma && c.gamma_prime === gammaPrime);
  if (!cell) return undefined;
  const runs = byMark(rows, 'run')
    .filter((r) => r.gamma === gamma && r.gamma_prime === gammaPrime)
    .map((r) => ({ m: r.m, rd: r.rd_w, status: r.status, fitted: r.fitted, cell: r.cell }));
  return { label: `γ = ${minus(gamma)}, γ′ = ${minus(gammaPrime)}`, s: cell.s_w, se: cell.s_w_se, method: 'all-runs', sLabel: 'S(w)', runs };
}

type ZhouRow = FigureDataOf<(typeof zhouFigures)['zhou2022-fig5']>['rows'][number];

/** The point (γ₂, γ₃) of zhou2022 Fig. 5 for one layer, and its runs (mark 'rd'); undefined when there is no such point. */
export function zhouGridFit(rows: readonly ZhouRow[], layer: 'w1' | 'w2', gamma2: number, gamma3: number): SFit | undefined {
  const point = byMark(rows, 'point').find((p) => p.gamma2 === gamma2 && p.gamma3 === gamma3);
  if (!point) return undefined;
  const runs = byMark(rows, 'rd')
    .filter((r) => r.gamma2 === gamma2 && r.gamma3 === gamma3)
    .map((r) => {
      const rd = layer === 'w1' ? r.rd_w1 : r.rd_w2;
      const floor = layer === 'w1' ? r.w1_at_floor : r.w2_at_floor;
      const status = `${r.status}${r.reached_tol ? '' : ', tolerance not reached'}${floor && r.status !== 'float32-floor' ? ', at the float32 floor' : ''}${r.precision === 'auto' || r.precision === 'compensated' ? `, precision ${r.precision}` : ''}`;
      return { m: r.m, rd: Number.isFinite(rd) ? rd : null, status, fitted: layer === 'w1' ? r.fit_w1 : r.fit_w2, cell: r.cell, replicate: r.seed };
    });
  const sLabel = layer === 'w1' ? 'S(W¹)' : 'S(W²)';
  const [s, se] = layer === 'w1' ? [point.s_w1, point.s_w1_se] : [point.s_w2, point.s_w2_se];
  return { label: `γ₂ = ${minus(gamma2)}, γ₃ = ${minus(gamma3)}`, s, se, method: 'seed-mean', sLabel, runs };
}

/** The fit of S again, as the aggregate did it (see the top of this file). */
export function refit(fit: SFit): Refit {
  if (fit.method === 'all-runs') {
    // the runs the aggregate fitted: degenerate runs and those without a positive RD are left out
    const use = fit.runs.filter((r) => r.fitted);
    const g = growthExponent(
      use.map((r) => r.m),
      use.map((r) => r.rd ?? Number.NaN),
    );
    return { slope: g.slope, stderr: g.stderr, n: g.n, lines: Number.isFinite(g.slope) ? [{ replicate: null, ...g }] : [] };
  }
  const replicates = [...new Set(fit.runs.map((r) => r.replicate ?? 0))].sort((a, b) => a - b);
  const lines: Line[] = [];
  for (const replicate of replicates) {
    const use = fit.runs.filter((r): r is FitRun & { rd: number } => (r.replicate ?? 0) === replicate && r.fitted && r.rd !== null);
    if (!use.length) continue;
    const f = linearFit(
      use.map((r) => Math.log(r.m)),
      use.map((r) => Math.log(r.rd)),
    );
    if (Number.isFinite(f.slope)) lines.push({ replicate, slope: f.slope, intercept: f.intercept, stderr: f.stderr, n: f.n });
  }
  if (!lines.length) return { slope: Number.NaN, stderr: Number.NaN, n: 0, lines };
  const mean = (xs: number[]) => xs.reduce((t, x) => t + x, 0) / xs.length;
  const slope = mean(lines.map((l) => l.slope));
  const stderr = lines.length === 1 ? lines[0].stderr : Math.sqrt(mean(lines.map((l) => (l.slope - slope) ** 2)) / (lines.length - 1));
  return { slope, stderr, n: lines.reduce((t, l) => t + l.n, 0), lines };
}

/** A slope ± SE to 3 decimals, with true minus signs; '–' when undefined. */
export const slopeText = (slope: number, se: number) =>
  Number.isFinite(slope) ? `${minus(Number(slope.toFixed(3)))}${Number.isFinite(se) ? ` ± ${Number(se.toFixed(3))}` : ''}` : '–';

/**
 * RD against m on log-log axes: a dot per run with a positive RD (filled when
 * it converged, hollow otherwise; a cross when the fit left it out), the
 * fitted line over the widths (one per seed when S is a mean over seeds),
 * titled with the slope ± SE.
 */
export function rdFitPanel(fit: SFit, opts: { rdLabel?: string; width?: number } = {}): Panel {
  const again = refit(fit);
  const shown = fit.runs.filter((r): r is FitRun & { rd: number } => r.rd !== null && r.rd > 0);
  const ms = shown.map((r) => r.m);
  // a log axis of the data's own ticks when it has at least two, else Plot's (a narrow range, e.g. RD from 1.1 to 1.5)
  const axis = (values: number[]) => {
    const a = logAxis(values);
    return a && a.ticks.length >= 2 ? a : undefined;
  };
  const xAxis = axis(ms);
  const ends = again.lines.flatMap((line) => {
    const used = shown.filter((r) => fit.method === 'all-runs' || ((r.replicate ?? 0) === line.replicate && r.fitted));
    const span = used.length ? [Math.min(...used.map((r) => r.m)), Math.max(...used.map((r) => r.m))] : [];
    return span.map((m) => ({ m, rd: Math.exp(line.intercept + line.slope * Math.log(m)), line: line.replicate === null ? 'fit' : `seed ${line.replicate}` }));
  });
  const yAxis = axis([...shown.map((r) => r.rd), ...ends.map((e) => e.rd)]);
  const seeds = again.lines.length > 1;
  const converged = (r: FitRun) => r.status === 'converged';
  return {
    title: `${fit.label}: ${fit.sLabel} = ${slopeText(again.slope, again.stderr)} from ${again.n} run${again.n === 1 ? '' : 's'}`,
    options: {
      width: opts.width ?? 420,
      height: 300,
      marginLeft: 60,
      marginBottom: 40,
      x: { type: 'log', label: 'width m', ticks: xAxis?.ticks, domain: xAxis?.domain, tickFormat: xAxis ? count : undefined },
      y: { type: 'log', label: opts.rdLabel ?? 'RD', ticks: yAxis?.ticks, domain: yAxis?.domain, tickFormat: yAxis ? (v: number) => String(v) : undefined },
      color: seeds ? { type: 'categorical' } : undefined,
      marks: [
        Plot.line(ends, { x: 'm', y: 'rd', z: 'line', stroke: seeds ? 'line' : '#1f5fa8', strokeWidth: 2 }),
        Plot.dot(shown, {
          x: 'm',
          y: 'rd',
          r: 4.5,
          stroke: seeds ? (r: FitRun) => `seed ${r.replicate}` : 'black',
          fill: seeds ? (r: FitRun) => `seed ${r.replicate}` : 'black',
          fillOpacity: (r: FitRun) => (converged(r) ? 1 : 0),
          symbol: (r: FitRun) => (r.fitted ? 'circle' : 'times'),
          title: (r: FitRun) =>
            `m = ${count(r.m)}${r.replicate === undefined ? '' : `, seed ${r.replicate}`}\nRD = ${r.rd}\n${r.status}${r.fitted ? '' : ', not fitted'}`,
        }),
      ],
    },
  };
}
