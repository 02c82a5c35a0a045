/**
 * luo2021 Fig. 2: top row, the network's output on [−1/2, 1/2] with the four
 * data points; bottom row, each neuron's (orientation, A), initial and final.
 * One column per γ; the panels of a degenerate run are hatched and say why.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/luo2021-fig2/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig2']>;
type Rows = RowOf<Data>[];

const stageColors = { domain: ['initial', 'final'], range: ['#17becf', '#d62728'] };

function outputPanel(rows: Rows, gamma: number): Panel {
  const at = rows.filter((r) => r.gamma === gamma);
  return {
    title: `γ = ${gamma}: output`,
    options: {
      width: 300,
      height: 220,
      marginLeft: 50,
      x: { label: '$x$', domain: [-0.5, 0.5] },
      y: { label: '$f(x)$' },
      marks: [
        Plot.ruleY([0], { stroke: '#ddd' }),
        Plot.line(byMark(at, 'output'), { x: 'x', y: 'y', stroke: '#1f77b4' }),
        Plot.dot(byMark(at, 'data'), { x: 'x', y: 'y', fill: '#d62728', r: 4 }),
      ],
    },
  };
}

function featurePanel(rows: Rows, gamma: number): Panel {
  const at = byMark(rows, 'feature').filter((r) => r.gamma === gamma);
  return {
    title: `γ = ${gamma}: neuron features`,
    options: {
      width: 300,
      height: 220,
      marginLeft: 50,
      x: { label: 'orientation', domain: [-Math.PI, Math.PI], ticks: [-3, -2, -1, 0, 1, 2, 3] },
      y: { label: '$A$', nice: true },
      color: stageColors,
      marks: [Plot.dot(at, { x: 'orientation', y: 'amplitude', stroke: 'stage', r: 1.5, strokeOpacity: 0.8 })],
    },
  };
}

export const figure: FigureView<Data> = {
  columns: 3,
  degenerateMark: 'panel',
  panels(data) {
    const gammas = sortedDistinct(data.rows.map((r) => r.gamma));
    const mark = (panel: Panel, g: number, which: string) =>
      markDegeneratePanel(panel, data.values?.[`degenerate@${g}`] as string | undefined, `luo2021-fig2-${which}-${g}`);
    return [...gammas.map((g) => mark(outputPanel(data.rows, g), g, 'output')), ...gammas.map((g) => mark(featurePanel(data.rows, g), g, 'features'))];
  },
};
