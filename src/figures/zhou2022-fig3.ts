/**
 * zhou2022 Fig. 3 (γ2 = 0.5): one column per γ3; top row, the trained output
 * on [−3/4, 3/4] with the four data points; bottom row, D(u, v) between the
 * largest rows of W² in eigenvector order (block means), D = 1 navy, 0 pale
 * yellow, −1 red, row 0 at the top.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-fig3/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { outputPanel } from './shared/outputPanel.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig3']>;
type Rows = RowOf<Data>[];
type D = Extract<RowOf<Data>, { mark: 'd' }>;

const dColor = { type: 'linear', scheme: 'RdYlBu', domain: [-1, 1], clamp: true, label: 'D(u, v)' } as const;
/** D is drawn in steps of this (invisible in the colour ramp): equal neighbours along a row merge into one rect. */
const dStep = 0.05;
/** The heatmap's plot area: 200 px square (4 px a cell for 50 cells). */
const side = 200;
const margin = 5;

const g3Label = (g: number) => `γ₃ = ${g}`;
/** 3 significant digits, true minus sign. */

/** Each row i of D as runs of equal (quantised) values: one rect [j0, j1) × [i, i + 1) per run. */
function runsOf(cells: D[]): { i: number; j0: number; j1: number; d: number }[] {
  const out: { i: number; j0: number; j1: number; d: number }[] = [];
  const sorted = [...cells].sort((p, q) => p.i - q.i || p.j - q.j);
  for (const c of sorted) {
    const d = Math.round(c.d / dStep) * dStep;
    const last = out.at(-1);
    if (last && last.i === c.i && last.j1 === c.j && last.d === d) last.j1 = c.j + 1;
    else out.push({ i: c.i, j0: c.j, j1: c.j + 1, d });
  }
  return out;
}

function heatmapPanel(rows: Rows, gamma3: number): Panel {
  const cells = byMark(rows, 'd').filter((r) => r.gamma3 === gamma3);
  const n = Math.max(1, ...cells.map((c) => Math.max(c.i, c.j) + 1));
  const run = byMark(rows, 'run').find((r) => r.gamma3 === gamma3);
  const facts = run ? [`mean |D| = ${run.mean_abs_d.toFixed(3)}`, ...(run.status === 'converged' ? [] : [run.status])] : ['no run'];
  return {
    title: `${g3Label(gamma3)}: D(u, v); ${facts.join(', ')}`,
    options: {
      width: side + 2 * margin,
      height: side + 2 * margin,
      margin,
      x: { domain: [0, n], axis: null },
      y: { domain: [0, n], axis: null, reverse: true },
      color: dColor,
      marks: [
        Plot.rect(runsOf(cells), { x1: 'j0', x2: 'j1', y1: 'i', y2: (r: { i: number }) => r.i + 1, fill: 'd', shapeRendering: 'crispEdges' }),
        Plot.frame({ stroke: '#ccc' }),
      ],
    },
  };
}

export const figure: FigureView<Data> = {
  columns: 4,
  legend: () => ({ color: dColor, legend: 'ramp', width: 260, ticks: [-1, -0.5, 0, 0.5, 1] }),
  panels(data) {
    const gammas = sortedDistinct(byMark(data.rows, 'curve').map((r) => r.gamma3));
    return [
      ...gammas.map((g) =>
        outputPanel(
          `${g3Label(g)}: output`,
          byMark(data.rows, 'curve').filter((r) => r.gamma3 === g),
          byMark(data.rows, 'data'),
          { width: 220, height: 190, compact: true },
        ),
      ),
      ...gammas.map((g) => heatmapPanel(data.rows, g)),
    ];
  },
};
