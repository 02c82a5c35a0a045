/**
 * The introduction's CNN on MNIST: D(u, v) between the first convolution
 * layer's kernels at initialisation and after training (one kernel order for
 * both: the leading eigenvector of the trained matrix; D = 1 navy, 0 pale
 * yellow, −1 red, kernel 0 at the top), the mean mini-batch loss per epoch,
 * and the accuracies beside the lecture's.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/introduction-cnn/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { count } from './shared/format.js';
import { byMark, tableOf } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['introduction-cnn']>;
type Cell = Extract<RowOf<Data>, { mark: 'cell' }>;

const dColor = { type: 'linear', scheme: 'RdYlBu', domain: [-1, 1], clamp: true, label: 'D(u, v)' } as const;
/** D is drawn in steps of this (invisible in the colour ramp): equal neighbours along a row merge into one rect. */
const dStep = 0.05;
const side = 200;
const margin = 5;

/** Each row i as runs of equal (quantised) values: one rect [j0, j1) × [i, i + 1) per run. */
function runsOf(cells: Cell[]): { i: number; j0: number; j1: number; d: number }[] {
  const out: { i: number; j0: number; j1: number; d: number }[] = [];
  for (const c of [...cells].sort((p, q) => p.i - q.i || p.j - q.j)) {
    const d = Math.round(c.d / dStep) * dStep;
    const last = out.at(-1);
    if (last && last.i === c.i && last.j1 === c.j && last.d === d) last.j1 = c.j + 1;
    else out.push({ i: c.i, j0: c.j, j1: c.j + 1, d });
  }
  return out;
}

function heatmap(data: Data, stage: Cell['stage'], meanAbs: number): Panel {
  const cells = byMark(data.rows, 'cell').filter((r) => r.stage === stage);
  const n = Math.max(1, ...cells.map((c) => c.i + 1));
  return {
    title: `${stage === 'initialisation' ? 'At initialisation' : 'After training'}: mean |D| = ${meanAbs.toFixed(3)}`,
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
  columns: 3,
  legend: () => ({ color: dColor, legend: 'ramp', width: 260, ticks: [-1, -0.5, 0, 0.5, 1] }),
  panels(data) {
    const v = data.values;
    const losses = byMark(data.rows, 'loss').filter((r) => r.loss !== null);
    return [
      heatmap(data, 'initialisation', v?.mean_abs_d_initial ?? Number.NaN),
      heatmap(data, 'after training', v?.mean_abs_d_trained ?? Number.NaN),
      {
        title: 'Mean mini-batch loss per epoch',
        options: {
          width: 260,
          height: side + 2 * margin,
          marginLeft: 50,
          x: { label: 'epoch', ticks: losses.length <= 12 ? losses.map((r) => r.epoch) : undefined, tickFormat: 'd' },
          y: { label: 'cross-entropy', type: 'log', tickFormat: '.1~f' },
          marks: [Plot.line(losses, { x: 'epoch', y: 'loss', stroke: '#555' }), Plot.dot(losses, { x: 'epoch', y: 'loss', r: 2.5, fill: '#555' })],
        },
      },
    ];
  },
  table: (data) =>
    tableOf(byMark(data.rows, 'accuracy'), [
      { key: 'set', label: 'accuracy on' },
      { key: 'images', label: 'images', format: count },
      { key: 'measured', label: 'measured here', format: (v) => `${v.toFixed(2)} %` },
      { key: 'lecture', label: 'lecture (its own setting)', format: (v) => `${v.toFixed(2)} %` },
    ]),
};
