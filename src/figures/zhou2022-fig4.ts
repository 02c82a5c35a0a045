/**
 * zhou2022 Fig. 4 (γ2 = 0): RD(W¹) against the width m, log-log, one panel
 * per γ3; the runs as dots (filled: fitted; crossed grey circles: degenerate,
 * not fitted, those with RD = 0 at the foot of the axis; crosses: W¹ at the
 * float32 floor, not fitted) and the least-squares line
 * exp(intercept)·m^S over the widths; a table of the slopes S(W¹).
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-fig4/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { degenerateDots, isDegenerate } from './shared/degenerate.js';
import { byMark, sortedDistinct, tableOf } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig4']>;
type Run = Extract<RowOf<Data>, { mark: 'rd' }>;
type Slope = Extract<RowOf<Data>, { mark: 'slope' }>;

const runColor = '#1f5fa8';
const fitColor = '#d62728';

/** v to `digits` decimals with a true minus sign; '–' when undefined. */
const fixed = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits).replace('-', '−'));
/** 3 significant digits, true minus sign. */
const sig3 = (v: number) => Number(v.toPrecision(3)).toString().replace('-', '−');
/** A width as the axis shows it: 100, 1k, 10k. */
const widthLabel = (m: number) => (m >= 1000 ? `${Number((m / 1000).toPrecision(3))}k` : String(m));
const sLabel = (s: Slope | undefined) => (s && s.s_w1 !== null ? `S(W¹) = ${fixed(s.s_w1)} ± ${fixed(s.s_w1_se)}` : 'S(W¹) not fitted');
const runTitle = (r: Run) => `m = ${r.m.toLocaleString('en-US')}, seed ${r.seed}\nRD(W¹) = ${sig3(r.rd_w1)}\n${r.status}${r.fitted ? '' : ' (not fitted)'}`;

function panel(runs: Run[], slope: Slope | undefined, gamma3: number, widths: number[]): Panel {
  const lo = widths[0] ?? 1;
  const hi = widths.at(-1) ?? 1;
  const line =
    slope && slope.s_w1 !== null && slope.intercept !== null
      ? [lo, hi].map((m) => ({ m, rd: Math.exp((slope.intercept as number) + (slope.s_w1 as number) * Math.log(m)) }))
      : [];
  // the runs and the line, with a margin (a log scale: factors)
  const ys = [...runs.filter((r) => r.rd_w1 > 0).map((r) => r.rd_w1), ...line.map((p) => p.rd)];
  const [ylo, yhi] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0.1, 1];
  const pad = Math.max(1.3, Math.sqrt(4 / (yhi / ylo)));
  return {
    title: `γ₃ = ${gamma3}: ${sLabel(slope)}`,
    options: {
      width: 300,
      height: 260,
      marginLeft: 55,
      marginRight: 15,
      x: { type: 'log', label: 'm', domain: [lo / 1.3, hi * 1.3] },
      y: { type: 'log', label: 'RD(W¹)', domain: [ylo / pad, yhi * pad], tickFormat: '~g' },
      marks: [
        // ticks at the widths (a log scale would drop some labels of its own tickFormat)
        widths.length <= 6 ? Plot.axisX(widths, { text: widthLabel }) : Plot.axisX({ tickFormat: '~s' }),
        Plot.line(line, { x: 'm', y: 'rd', stroke: fitColor, strokeWidth: 1.5 }),
        Plot.dot(
          runs.filter((r) => r.fitted),
          { x: 'm', y: 'rd_w1', fill: runColor, fillOpacity: 0.8, r: 3.5, title: runTitle },
        ),
        // degenerate (a run with RD = 0 at the foot of the log axis)
        ...degenerateDots(
          runs.map((r) => ({ ...r, y: r.rd_w1 > 0 ? r.rd_w1 : ylo / pad })),
          { x: 'm', y: 'y', r: 4, title: runTitle },
        ),
        // clean but not fitted (W¹ at the float32 floor): crosses
        Plot.dot(
          runs.filter((r) => !r.fitted && !isDegenerate(r)),
          { x: 'm', y: 'rd_w1', stroke: runColor, symbol: 'times', r: 4, strokeWidth: 1.5, title: runTitle },
        ),
      ],
    },
  };
}

export const figure: FigureView<Data> = {
  columns: 3,
  panels(data) {
    const runs = byMark(data.rows, 'rd');
    const slopes = byMark(data.rows, 'slope');
    const widths = sortedDistinct(runs.map((r) => r.m));
    const gammas = sortedDistinct([...runs, ...slopes].map((r) => r.gamma3));
    return gammas.map((g) =>
      panel(
        runs.filter((r) => r.gamma3 === g && (r.rd_w1 > 0 || isDegenerate(r))),
        slopes.find((s) => s.gamma3 === g),
        g,
        widths,
      ),
    );
  },
  table: (data) =>
    tableOf(byMark(data.rows, 'slope'), [
      { key: 'gamma3', label: 'γ<sub>3</sub>', format: (v) => String(v) },
      { key: 's_w1', label: 'S(W<sup>1</sup>)', format: (v) => fixed(v) },
      { key: 's_w1_se', label: 'standard error', format: (v) => fixed(v) },
      { key: 'n', label: 'runs fitted' },
    ]),
};
