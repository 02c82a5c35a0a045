/**
 * chen2024 Fig. 1: left, the loss of the network trained with lr = 5×10⁻³ and
 * of the one retrained from its checkpoint with lr = 5×10⁻⁴, against the
 * iteration; shaded, where the effective model fails; the vertical rule marks
 * the checkpoint. Right, D(W1_k, W1_l) at initialisation and at the end of the
 * plateau (condensation), neurons sorted by cos(W1_k, z) at the end of the
 * plateau; navy 1, pale yellow 0, red −1. The panels of a degenerate run are
 * hatched and say why.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2024-condensation/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import { byMark } from './shared/rows.js';
import { dLegend, similarityHeatmap } from './shared/similarityHeatmap.js';
import type { FigureView, Panel, RowOf } from './types.js';
import { steps } from './shared/format.js';

type Data = FigureDataOf<(typeof figures)['chen2024-fig1']>;
type Rows = RowOf<Data>[];

const labels = { train: 'lr = 5×10⁻³', retrain: 'retrained from the checkpoint, lr = 5×10⁻⁴' } as const;

function lossPanel(rows: Rows, run: 'train' | 'retrain'): Panel {
  const loss = byMark(rows, 'loss').filter((r) => r.run === run && r.loss !== null && r.loss > 0);
  const fail = byMark(rows, 'fail').filter((r) => r.run === run);
  const checkpoint = byMark(rows, 'checkpoint');
  return {
    title: labels[run],
    options: {
      width: 330,
      height: 260,
      marginLeft: 55,
      x: { label: 'iteration', tickFormat: steps },
      y: { type: 'log', label: 'loss $R_S$', grid: true, nice: true },
      marks: [
        Plot.rectX(fail, { x1: 'step_from', x2: 'step_to', fill: '#f2b134', fillOpacity: 0.25 }),
        Plot.ruleX(checkpoint, { x: 'step', stroke: '#888', strokeDasharray: '4 3' }),
        Plot.line(loss, { x: 'step', y: 'loss', stroke: run === 'train' ? '#1f77b4' : '#2ca02c' }),
      ],
    },
  };
}

function heatmapPanel(rows: Rows, when: 'initialisation' | 'condensation'): Panel {
  return similarityHeatmap(
    `$D(W^{[1]}_k, W^{[1]}_l)$ at ${when}`,
    byMark(rows, 'sim').filter((r) => r.when === when),
  );
}

export const figure: FigureView<Data> = {
  columns: 2,
  degenerateMark: 'panel',
  legend: dLegend,
  panels: (data) => {
    const train = data.values?.degenerate_train;
    return [
      markDegeneratePanel(lossPanel(data.rows, 'train'), train, 'chen2024-fig1-train'),
      markDegeneratePanel(lossPanel(data.rows, 'retrain'), data.values?.degenerate_retrain, 'chen2024-fig1-retrain'),
      markDegeneratePanel(heatmapPanel(data.rows, 'initialisation'), train, 'chen2024-fig1-init'),
      markDegeneratePanel(heatmapPanel(data.rows, 'condensation'), train, 'chen2024-fig1-condensation'),
    ];
  },
};
