/**
 * chen2024 Fig. 2: left, the violation r of the first final-stage condition
 * over training (init N(0, 1/200⁴)), with the loss; right, the largest sum of
 * its positive numbers over training against α (init N(0, 1/200^{2α})), log
 * scale, with dashed the slope of degree-3 homogeneity. A degenerate run of
 * the sweep is a crossed grey circle (at the top when it has no value), left
 * out of the line; the panels of a degenerate `train` run are hatched.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2024-condensation/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { cleanRows, degenerateDots, markDegeneratePanel } from './shared/degenerate.js';
import { byMark } from './shared/rows.js';
import type { FigureView, Panel } from './types.js';
import { steps } from './shared/format.js';

type Data = FigureDataOf<(typeof figures)['chen2024-fig2']>;

export const figure: FigureView<Data> = {
  columns: 3,
  degenerateMark: 'point',
  panels(data) {
    const trace = byMark(data.rows, 'trace');
    const all = byMark(data.rows, 'alpha');
    const alphas = cleanRows(all).filter((r) => r.s_max !== null && r.s_max > 0);
    const alphaTitle = (r: (typeof all)[number]) => `α = ${r.alpha}: ${r.s_max?.toPrecision(3)}; r at the plateau's end ${r.r_exit ?? '–'} (${r.status})`;
    const train = typeof data.values?.degenerate_train === 'string' ? data.values.degenerate_train : '';
    const traces: Panel[] = [
      {
        title: 'Condition 1 over training: $r$',
        options: {
          width: 300,
          height: 250,
          marginLeft: 50,
          x: { label: 'iteration', tickFormat: steps },
          y: { label: '$r$ (0: the condition holds)', domain: [0, 1], grid: true },
          marks: [
            Plot.line(
              trace.filter((r) => r.r !== null),
              { x: 'step', y: 'r', stroke: '#d62728' },
            ),
          ],
        },
      },
      {
        title: 'Loss over training',
        options: {
          width: 300,
          height: 250,
          marginLeft: 50,
          x: { label: 'iteration', tickFormat: steps },
          y: { type: 'log', label: 'loss $R_S$', grid: true, nice: true },
          marks: [
            Plot.line(
              trace.filter((r) => r.loss !== null && r.loss > 0),
              { x: 'step', y: 'loss', stroke: '#1f77b4' },
            ),
          ],
        },
      },
    ];
    return [
      ...traces.map((panel, i) => markDegeneratePanel(panel, train, `chen2024-fig2-trace-${i}`)),
      {
        title: 'Largest sum of positive numbers against $α$',
        options: {
          width: 300,
          height: 250,
          marginLeft: 60,
          x: { label: '$α$ (init $N(0, 1/200^{2α})$)' },
          y: { type: 'log', label: 'max over training of $Σ_l \\max(−u_l v_l, 0)$', grid: true, nice: true },
          marks: [
            Plot.line(byMark(data.rows, 'reference'), { x: 'alpha', y: 's', stroke: '#888', strokeDasharray: '5 3' }),
            Plot.line(alphas, { x: 'alpha', y: 's_max', stroke: '#d62728' }),
            Plot.dot(alphas, { x: 'alpha', y: 's_max', fill: '#d62728', r: 3.5, title: alphaTitle }),
            ...degenerateDots(
              all.filter((r) => r.s_max !== null && r.s_max > 0),
              { x: 'alpha', y: 's_max', r: 4, title: alphaTitle },
            ),
            ...degenerateDots(
              all.filter((r) => r.s_max === null || r.s_max <= 0),
              { x: 'alpha', r: 4, title: alphaTitle },
            ),
          ],
        },
      },
    ];
  },
};
