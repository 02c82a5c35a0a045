/**
 * zhou2022 Table 2: measured S_W1 and S_W2 (mean ± standard deviation over
 * seeds) beside the paper's values and their difference, with each row's α,
 * β1, β2, β3 as powers of m (as the paper prints them) and (γ2, γ3); and
 * RD(W1), RD(W2) against m (log-log), one colour per row, degenerate runs
 * drawn as crossed grey circles (not fitted: ./shared/degenerate.ts).
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-table2/experiment.js';
import { zhou2022Table2 } from '../engine/threeLayer/table2.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { cleanRows, degenerateDots } from './shared/degenerate.js';
import { byMark, tableOf } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table2']>;
type TableRow = Extract<RowOf<Data>, { mark: 'row' }>;
type Run = Extract<RowOf<Data>, { mark: 'rd' }>;

/** Label of Table 2's row i (0-based). */
const rowLabel = (i: number) => `row ${i + 1} (group ${zhou2022Table2[i]?.group ?? '?'})`;
const labels = zhou2022Table2.map((_, i) => rowLabel(i));
/** Group 1 in blues, group 2 in reds and oranges. */
const colors = { domain: labels, range: ['#08519c', '#3182bd', '#6baed6', '#a50f15', '#e6550d', '#fd8d3c'] };

const gcd = (p: number, q: number): number => (q === 0 ? Math.abs(p) : gcd(q, p % q));
/** m^{n/30} as the paper writes it, as math for the table (src/figures/shared/mathLabel.ts): 1, or m^{−8/15}. */
function power(n: number): string {
  if (!Number.isInteger(n)) return '?';
  if (n === 0) return '1';
  const g = gcd(n, 30);
  const [p, q] = [n / g, 30 / g];
  return `$m^{${p < 0 ? '−' : ''}${Math.abs(p)}${q === 1 ? '' : `/${q}`}}$`;
}
/** The scales of a table row, found by its group and α exponent. */
const scalesOf = (r: TableRow) => zhou2022Table2.find((t) => t.group === r.group && Math.abs(t.alpha / 30 - r.alpha_exp) < 1e-12);

/** v to `digits` decimals with a true minus sign; '–' when undefined. */
const fixed = (v: number | null, digits = 4) => (v === null ? '–' : v.toFixed(digits).replace('-', '−'));
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
const withStd = (v: number | null, std: number | null) => (v === null ? '–' : `${fixed(v, 3)} ± ${fixed(std, 3)}`);
/** β2 and β3 (equal in every row of Table 2: B = 1), or both when they differ. */
function outer(r: TableRow): string {
  const t = scalesOf(r);
  if (!t) return '?';
  return t.beta2 === t.beta3 ? power(t.beta2) : `${power(t.beta2)}, ${power(t.beta3)}`;
}

/** Tooltip text of one run (an SVG <title>: the charts are static). */
const runTitle = (d: Run & { label: string }, layer: 'rd_w1' | 'rd_w2') =>
  `${d.label}, seed ${d.seed}, m = ${d.m}\n${layer === 'rd_w1' ? 'RD(W1)' : 'RD(W2)'} = ${d[layer].toPrecision(3)} (${d.status})`;

function rdPanel(runs: Run[], layer: 'rd_w1' | 'rd_w2'): Panel {
  const label = layer === 'rd_w1' ? 'RD(W¹)' : 'RD(W²)';
  const labelled = runs.map((r) => ({ ...r, label: rowLabel(r.row), line: `${r.row}:${r.seed}` }));
  const ok = cleanRows(labelled);
  return {
    title: `${label} against $m$`,
    options: {
      width: 340,
      height: 280,
      marginLeft: 55,
      x: { type: 'log', label: 'm', tickFormat: '~s' },
      y: { type: 'log', label, tickFormat: '~g' },
      color: colors,
      marks: [
        Plot.line(ok, { x: 'm', y: layer, stroke: 'label', z: 'line', strokeOpacity: 0.35 }),
        Plot.dot(ok, { x: 'm', y: layer, fill: 'label', r: 2.5, title: (d: Run & { label: string }) => runTitle(d, layer) }),
        // degenerate (not fitted)
        ...degenerateDots(labelled, { x: 'm', y: layer, r: 4, title: (d) => runTitle(d, layer) }),
      ],
    },
  };
}

export const figure: FigureView<Data> = {
  columns: 2,
  legend: () => ({ color: colors, legend: 'swatches' }),
  panels: (data) => {
    const runs = byMark(data.rows, 'rd');
    return [rdPanel(runs, 'rd_w1'), rdPanel(runs, 'rd_w2')];
  },
  table: (data) =>
    tableOf(byMark(data.rows, 'row'), [
      { key: 'group', label: 'group' },
      { key: 'gamma2', label: 'γ<sub>2</sub>', format: (v) => String(v) },
      { key: 'gamma3', label: 'γ<sub>3</sub>', format: (v) => String(v) },
      { key: 'alpha_exp', label: 'α', format: (_, r) => power(scalesOf(r)?.alpha ?? NaN) },
      { key: 'alpha_exp', label: 'β<sub>1</sub>', format: (_, r) => power(scalesOf(r)?.beta1 ?? NaN) },
      { key: 'alpha_exp', label: 'β<sub>2</sub> = β<sub>3</sub>', format: (_, r) => outer(r) },
      { key: 's_w1', label: 'S<sub>W1</sub>', format: (v, r) => withStd(v, r.s_w1_std) },
      { key: 'paper_s_w1', label: 'paper', format: (v) => fixed(v) },
      { key: 'paper_s_w1', label: 'diff.', format: (v, r) => (r.s_w1 === null ? '–' : signed(r.s_w1 - v)) },
      { key: 's_w2', label: 'S<sub>W2</sub>', format: (v, r) => withStd(v, r.s_w2_std) },
      { key: 'paper_s_w2', label: 'paper', format: (v) => fixed(v) },
      { key: 'paper_s_w2', label: 'diff.', format: (v, r) => (r.s_w2 === null ? '–' : signed(r.s_w2 - v)) },
    ]),
};
