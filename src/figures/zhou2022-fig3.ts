/**
 * zhou2022 Fig. 3 (γ2 = 0.5): one column per γ3; top row, the trained output
 * on [−3/4, 3/4] with the four data points; bottom row, D(u, v) between the
 * largest rows of W² in eigenvector order (block means), D = 1 navy, 0 pale
 * yellow, −1 red, row 0 at the top. The panels of a degenerate run are
 * hatched and say why.
 */
import type { figures } from '../../experiments/zhou2022-fig3/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import { outputPanel } from './shared/outputPanel.js';
import { dLegend, similarityHeatmap } from './shared/similarityHeatmap.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig3']>;
type Rows = RowOf<Data>[];

const g3Label = (g: number) => `γ₃ = ${g}`;

function heatmapPanel(rows: Rows, gamma3: number): Panel {
  const cells = byMark(rows, 'd').filter((r) => r.gamma3 === gamma3);
  const run = byMark(rows, 'run').find((r) => r.gamma3 === gamma3);
  const facts = run ? [`mean |D| = ${run.mean_abs_d.toFixed(3)}`, ...(run.status === 'converged' ? [] : [run.status])] : ['no run'];
  return similarityHeatmap(`${g3Label(gamma3)}: D(u, v); ${facts.join(', ')}`, cells);
}

export const figure: FigureView<Data> = {
  columns: 4,
  degenerateMark: 'panel',
  legend: dLegend,
  panels(data) {
    const gammas = sortedDistinct(byMark(data.rows, 'curve').map((r) => r.gamma3));
    const reason = (g: number) => byMark(data.rows, 'run').find((r) => r.gamma3 === g)?.degenerate;
    const mark = (panel: Panel, g: number, which: string) => markDegeneratePanel(panel, reason(g), `zhou2022-fig3-${which}-${g}`);
    return [
      ...gammas.map((g) =>
        mark(
          outputPanel(
            `${g3Label(g)}: output`,
            byMark(data.rows, 'curve').filter((r) => r.gamma3 === g),
            byMark(data.rows, 'data'),
            { width: 220, height: 190, compact: true },
          ),
          g,
          'output',
        ),
      ),
      ...gammas.map((g) => mark(heatmapPanel(data.rows, g), g, 'd')),
    ];
  },
};
