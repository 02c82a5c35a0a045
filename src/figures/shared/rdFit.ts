/**
 * The fit behind one S value of a phase diagram (luo2021 Figs. 4 and 5):
 * RD against the width m on log-log axes, the least-squares line of
 * log RD on log m, and its slope S ± SE (luo2021 eq. 19).
 *
 * Pure functions of a figure's data rows, used by the phase-diagram
 * explorer in the browser (src/components/islands/explorer.ts): the fit is
 * `growthExponent` of src/engine/metrics, the function the aggregate
 * (experiments/shared/sHeatmap.ts) computed the stored S with, over the
 * same runs in the same order, so the explorer's slope is the stored S.
 */
import * as Plot from '@observablehq/plot';
import type { SHeatmapRow } from '../../../experiments/shared/sHeatmapSchema.js';
import { type GrowthExponentFit, growthExponent } from '../../engine/metrics/growthExponent.js';
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
}

/** One S value of a phase diagram and the runs behind it. */
export interface SFit {
  /** the cell, as text ("γ = 0.65, γ′ = −0.4") */
  label: string;
  /** the stored S and its SE (null when the fit is undefined) */
  s: number | null;
  se: number | null;
  runs: FitRun[];
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
  return { label: `γ = ${minus(gamma)}, γ′ = ${minus(gammaPrime)}`, s: cell.s_w, se: cell.s_w_se, runs };
}

/** The least-squares slope of log RD on log m over the runs (a run without a positive finite RD is left out, as in the aggregate). */
export function refit(runs: readonly FitRun[]): GrowthExponentFit {
  return growthExponent(
    runs.map((r) => r.m),
    runs.map((r) => r.rd ?? Number.NaN),
  );
}

/** A slope ± SE to 3 decimals, with true minus signs; '–' when undefined. */
export const slopeText = (slope: number, se: number) =>
  Number.isFinite(slope) ? `${minus(Number(slope.toFixed(3)))}${Number.isFinite(se) ? ` ± ${Number(se.toFixed(3))}` : ''}` : '–';

/**
 * RD against m on log-log axes: a dot per run with a positive RD (filled when
 * it reached the loss tolerance, hollow otherwise), the fitted line over the
 * widths, titled with the slope ± SE.
 */
export function rdFitPanel(fit: SFit, opts: { sLabel?: string; rdLabel?: string; width?: number } = {}): Panel {
  const line = refit(fit.runs);
  const shown = fit.runs.filter((r): r is FitRun & { rd: number } => r.rd !== null && r.rd > 0);
  const ms = shown.map((r) => r.m);
  const xAxis = logAxis(ms);
  const fitted = Number.isFinite(line.slope) && ms.length > 0;
  const [m0, m1] = [Math.min(...ms), Math.max(...ms)];
  const ends = fitted ? [m0, m1].map((m) => ({ m, rd: Math.exp(line.intercept + line.slope * Math.log(m)) })) : [];
  const yAxis = logAxis([...shown.map((r) => r.rd), ...ends.map((e) => e.rd)]);
  const sLabel = opts.sLabel ?? 'S';
  const converged = (r: FitRun) => r.status === 'converged';
  return {
    title: `${fit.label}: ${sLabel} = ${slopeText(line.slope, line.stderr)} from ${line.n} run${line.n === 1 ? '' : 's'}`,
    options: {
      width: opts.width ?? 420,
      height: 300,
      marginLeft: 60,
      marginBottom: 40,
      x: { type: 'log', label: 'width m', ticks: xAxis?.ticks, domain: xAxis?.domain, tickFormat: count },
      y: { type: 'log', label: opts.rdLabel ?? 'RD', ticks: yAxis?.ticks, domain: yAxis?.domain, tickFormat: (v: number) => String(v) },
      marks: [
        Plot.line(ends, { x: 'm', y: 'rd', stroke: '#1f5fa8', strokeWidth: 2 }),
        Plot.dot(shown, {
          x: 'm',
          y: 'rd',
          r: 4.5,
          stroke: 'black',
          fill: (r: FitRun) => (converged(r) ? 'black' : 'white'),
          symbol: (r: FitRun) => (r.fitted ? 'circle' : 'times'),
          title: (r: FitRun) => `m = ${count(r.m)}\nRD = ${r.rd}\n${r.status}${r.fitted ? '' : ', not fitted'}`,
        }),
      ],
    },
  };
}
