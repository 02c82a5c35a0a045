/**
 * chen2023 initial condensation: for each activation, (orientation, A) of
 * every neuron at initialisation and at the end of the first plateau, with
 * the orientations of ±z marked; a table of condensed orientations against 2p.
 * The panel of a degenerate run is hatched and says why.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2023-condensation/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { count } from './shared/format.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import { byMark, tableOf } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['chen2023-condensation']>;

const stages = { domain: ['initial', 'plateau end'], range: ['#17becf', '#d62728'] };

function panel(rows: RowOf<Data>[], activation: string): Panel {
  const at = rows.filter((r) => r.activation === activation);
  return {
    title: activation,
    options: {
      width: 260,
      height: 220,
      marginLeft: 50,
      x: { label: 'orientation', domain: [-Math.PI, Math.PI], ticks: [-3, -2, -1, 0, 1, 2, 3] },
      y: { label: '$A$', type: 'log', tickFormat: '.0e', nice: true },
      color: stages,
      marks: [
        Plot.ruleX(byMark(at, 'z'), { x: 'orientation', stroke: '#999', strokeDasharray: '3 3' }),
        Plot.dot(
          byMark(at, 'feature').filter((r) => r.amplitude > 0),
          { x: 'orientation', y: 'amplitude', stroke: 'stage', r: 1.3, strokeOpacity: 0.7 },
        ),
      ],
    },
  };
}

export const figure: FigureView<Data> = {
  columns: 4,
  degenerateMark: 'panel',
  legend: () => ({ color: stages, legend: 'swatches' }),
  panels(data) {
    const counts = byMark(data.rows, 'count');
    return counts.map((c, i) => markDegeneratePanel(panel(data.rows, c.activation), c.degenerate, `chen2023-condensation-degenerate-${i}`));
  },
  table: (data) =>
    tableOf(byMark(data.rows, 'count'), [
      { key: 'activation', label: 'activation' },
      { key: 'p', label: 'multiplicity p' },
      { key: 'orientations', label: 'condensed orientations' },
      { key: 'lines', label: 'lines' },
      { key: 'bound', label: 'bound 2p' },
      { key: 'alignment', label: 'mean |cos(w, z)|', format: (v) => v.toFixed(3) },
      { key: 'steps', label: 'steps to plateau end', format: count },
      { key: 'degenerate', label: 'degenerate run', format: (v) => v ?? '–' },
    ]),
};
