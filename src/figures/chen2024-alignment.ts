/**
 * chen2024, alignment at the end of the plateau: left, the fraction of the
 * large-norm first-layer rows (top half by norm) with |cos(w_k, z)| above the
 * threshold (0.9, from the data's values)
 * against ε, each run a dot, the mean over seeds a line, two and three layers;
 * right, the median misalignment 1 − |cos| of those rows against ε (log–log).
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2024-blowup/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { sortedDistinct } from './shared/rows.js';
import { degenerateDots } from './shared/degenerate.js';
import type { FigureView, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['chen2024-alignment']>;
type Run = RowOf<Data>;

const colors = { domain: ['two-layer', 'three-layer'], range: ['#1f77b4', '#d62728'] };

/** The mean of `key` over the seeds at each ε of one net (runs that exited). */
function means(runs: Run[], net: Run['net'], key: 'frac_aligned' | 'frac_aligned_all' | 'misalignment') {
  const mine = runs.filter((r) => r.net === net && r[key] !== null);
  return sortedDistinct(mine.map((r) => r.eps)).map((eps) => {
    const at = mine.filter((r) => r.eps === eps);
    return { net, eps, v: at.reduce((s, r) => s + (r[key] as number), 0) / at.length };
  });
}

const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(0)} %`);
const title = (r: Run) =>
  `${r.net}, ε = ${r.eps}, seed ${r.seed}\ntop ${r.rows_counted} rows by norm aligned: ${pct(r.frac_aligned)} (without the bias coordinate: ${pct(r.frac_aligned_no_bias)})\nall rows aligned: ${pct(r.frac_aligned_all)}\nmedian 1 − |cos| of the top rows: ${r.misalignment === null ? '–' : r.misalignment.toPrecision(3)}`;

export const figure: FigureView<Data> = {
  columns: 2,
  legend: () => ({ color: colors, legend: 'swatches' }),
  panels(data) {
    const runs = data.rows.filter((r) => r.frac_aligned !== null);
    const nets = ['two-layer', 'three-layer'] as const;
    const top = nets.flatMap((net) => means(runs, net, 'frac_aligned'));
    const all = nets.flatMap((net) => means(runs, net, 'frac_aligned_all'));
    const mis = nets.flatMap((net) => means(runs, net, 'misalignment'));
    // the two nets side by side at each ε (dots and lines), so that equal fractions do not hide each other
    const dx = (r: { net: Run['net']; eps: number }) => r.eps * (r.net === 'two-layer' ? 0.9 : 1.1);
    return [
      {
        title: `Large-norm rows with $|\\cos(w_k, z)|$ > ${data.values?.threshold ?? '–'}`,
        options: {
          width: 420,
          height: 300,
          marginLeft: 50,
          x: { type: 'log', label: 'initialisation scale $ε$', reverse: true, nice: true },
          y: { label: 'fraction aligned', domain: [0, 1.05], grid: true },
          color: colors,
          marks: [
            Plot.line(top, { x: dx, y: 'v', z: 'net', stroke: 'net' }),
            Plot.line(all, { x: dx, y: 'v', z: 'net', stroke: 'net', strokeDasharray: '4 3', strokeOpacity: 0.6 }),
            Plot.dot(runs, { x: dx, y: 'frac_aligned', stroke: 'net', r: 3, title }),
            // degenerate runs (no fraction): at the top of the frame
            ...degenerateDots(data.rows, { x: dx, r: 4, title }),
          ],
        },
      },
      {
        title: 'Misalignment of the large-norm rows, $1 − |\\cos(w_k, z)|$',
        options: {
          width: 420,
          height: 300,
          marginLeft: 55,
          x: { type: 'log', label: 'initialisation scale $ε$', reverse: true, nice: true },
          y: { type: 'log', label: 'median $1 − |\\cos|$ (top half by norm)', grid: true, nice: true, tickFormat: '.0e' },
          color: colors,
          marks: [
            Plot.line(mis, { x: dx, y: 'v', z: 'net', stroke: 'net' }),
            Plot.dot(
              runs.filter((r) => (r.misalignment as number) > 0),
              { x: dx, y: 'misalignment', stroke: 'net', r: 3, title },
            ),
            ...degenerateDots(data.rows, { x: dx, r: 4, title }),
          ],
        },
      },
    ];
  },
};
