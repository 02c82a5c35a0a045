/**
 * zhou2022 Fig. 2 (γ2 = 0 at the largest width): one column per γ3; top row,
 * the trained output on [−3/4, 3/4] with the four data points; bottom row,
 * the rows (w, b) of W¹, initial in red and trained in green, each panel on
 * its own square domain symmetric about 0.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-grid/figures.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { outputPanel, sig3 } from './shared/outputPanel.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig2']>;
type Rows = RowOf<Data>[];

/** As the paper: red the initial rows, green the trained ones. */
const phaseColors = { domain: ['initial', 'final'], range: ['#d62728', '#2ca02c'] };

const g3Label = (g: number) => `γ₃ = ${g}`;
/** 3 significant digits, true minus sign. */

/** A render transform: dot positions to 0.1 px, so thousands of dots weigh about half as much in the SVG. */

/** A square plot area: width − marginLeft − marginRight = height − marginTop − marginBottom. */
const square = { width: 300, height: 300 - 50 - 15 + 20 + 35, marginLeft: 50, marginRight: 15, marginTop: 20, marginBottom: 35 };

function scatterPanel(rows: Rows, gamma3: number): Panel {
  const at = byMark(rows, 'neuron').filter((r) => r.gamma3 === gamma3);
  // initial first, so the trained rows are drawn over them
  const initial = at.filter((r) => r.phase === 'initial');
  const final = at.filter((r) => r.phase === 'final');
  const run = byMark(rows, 'run').find((r) => r.gamma3 === gamma3);
  const extent = Math.max(1e-12, ...at.map((r) => Math.max(Math.abs(r.w), Math.abs(r.b))));
  const domain = [-1.05 * extent, 1.05 * extent];
  const facts = run
    ? [
        `RD(W¹) = ${sig3(run.rd_w1)}`,
        `${run.orientations} orientation${run.orientations === 1 ? '' : 's'}`,
        ...(run.status === 'converged' ? [] : [run.status]),
      ]
    : ['no run'];
  return {
    title: `${g3Label(gamma3)}: W¹ rows (w, b); ${facts.join(', ')}`,
    options: {
      ...square,
      x: { label: 'w', domain, ticks: 5 },
      y: { label: 'b', domain, ticks: 5 },
      color: phaseColors,
      marks: [
        Plot.ruleX([0], { stroke: '#eee' }),
        Plot.ruleY([0], { stroke: '#eee' }),
        Plot.dot(initial, { x: 'w', y: 'b', fill: phaseColors.range[0], r: 1.2, fillOpacity: 0.75 }),
        Plot.dot(final, { x: 'w', y: 'b', fill: phaseColors.range[1], r: 1.2, fillOpacity: 0.75 }),
        Plot.frame({ stroke: '#ddd' }),
      ],
    },
  };
}

export const figure: FigureView<Data> = {
  columns: 3,
  legend: () => ({ color: phaseColors, legend: 'swatches' }),
  panels(data) {
    const gammas = sortedDistinct(byMark(data.rows, 'run').map((r) => r.gamma3));
    return [
      ...gammas.map((g) =>
        outputPanel(
          `${g3Label(g)}: output`,
          byMark(data.rows, 'curve').filter((r) => r.gamma3 === g),
          byMark(data.rows, 'data'),
          { width: 300, height: 220 },
        ),
      ),
      ...gammas.map((g) => scatterPanel(data.rows, g)),
    ];
  },
};
