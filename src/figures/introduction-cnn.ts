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
import { markDegeneratePanel } from './shared/degenerate.js';
import { count } from './shared/format.js';
import { byMark, tableOf } from './shared/rows.js';
import { dLegend, HEATMAP_SIDE, similarityHeatmap } from './shared/similarityHeatmap.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['introduction-cnn']>;
type Cell = Extract<RowOf<Data>, { mark: 'cell' }>;

function heatmap(data: Data, stage: Cell['stage'], meanAbs: number): Panel {
  const cells = byMark(data.rows, 'cell').filter((r) => r.stage === stage);
  return similarityHeatmap(`${stage === 'initialisation' ? 'At initialisation' : 'After training'}: mean |D| = ${meanAbs.toFixed(3)}`, cells);
}

export const figure: FigureView<Data> = {
  columns: 3,
  degenerateMark: 'panel',
  legend: dLegend,
  panels(data) {
    const v = data.values;
    const losses = byMark(data.rows, 'loss').filter((r) => r.loss !== null);
    const panels: Panel[] = [
      heatmap(data, 'initialisation', v?.mean_abs_d_initial ?? Number.NaN),
      heatmap(data, 'after training', v?.mean_abs_d_trained ?? Number.NaN),
      {
        title: 'Mean mini-batch loss per epoch',
        options: {
          width: 260,
          height: HEATMAP_SIDE + 10,
          marginLeft: 50,
          x: { label: 'epoch', ticks: losses.length <= 12 ? losses.map((r) => r.epoch) : undefined, tickFormat: 'd' },
          y: { label: 'cross-entropy', type: 'log', tickFormat: '.1~f' },
          marks: [Plot.line(losses, { x: 'epoch', y: 'loss', stroke: '#555' }), Plot.dot(losses, { x: 'epoch', y: 'loss', r: 2.5, fill: '#555' })],
        },
      },
    ];
    // a degenerate run: every panel hatched, with the reason
    return panels.map((panel, i) => markDegeneratePanel(panel, v?.degenerate, `introduction-cnn-degenerate-${i}`));
  },
  table: (data) =>
    tableOf(byMark(data.rows, 'accuracy'), [
      { key: 'set', label: 'accuracy on' },
      { key: 'images', label: 'images', format: count },
      { key: 'measured', label: 'measured here', format: (v) => `${v.toFixed(2)} %` },
      { key: 'lecture', label: 'lecture (its own setting)', format: (v) => `${v.toFixed(2)} %` },
    ]),
};
