/**
 * chen2024 headline claim: exit time of the initial plateau against the
 * initialisation scale ε (log axis), two and three layers. Left, log–log:
 * three-layer runs on a line of slope −1 (T* ∝ 1/ε); dashed, the effective
 * models' predictions; dotted, the least-squares fits. Right, linear time
 * against log ε: the two-layer runs on a straight line (T ∝ log(1/ε)).
 * A degenerate run (e.g. one that never left its plateau) is a crossed grey
 * circle at its exit time, or at the top of the frame when it has none.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2024-blowup/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { cleanRows, degenerateDots } from './shared/degenerate.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['chen2024-blowup']>;
type Run = Extract<RowOf<Data>, { mark: 'run' }>;

const colors = { domain: ['two-layer', 'three-layer'], range: ['#1f77b4', '#d62728'] };

/** The mean prediction at each ε of one net (one line through the seeds' predictions). */
function predictions(runs: Run[], net: Run['net']) {
  const mine = runs.filter((r) => r.net === net);
  return sortedDistinct(mine.map((r) => r.eps)).map((eps) => {
    const at = mine.filter((r) => r.eps === eps);
    return { net, eps, t: at.reduce((s, r) => s + r.t_pred, 0) / at.length };
  });
}

const title = (r: Run) =>
  `${r.net}, ε = ${r.eps}, seed ${r.seed}\nexit t = ${r.t_exit === null ? '–' : r.t_exit.toPrecision(4)} (${r.status}), predicted ${r.t_pred.toPrecision(4)}`;

export const figure: FigureView<Data> = {
  columns: 2,
  legend: () => ({ color: colors, legend: 'swatches' }),
  panels(data) {
    const runs = byMark(data.rows, 'run');
    const fits = byMark(data.rows, 'fit');
    const exited = cleanRows(runs).filter((r) => r.t_exit !== null);
    // degenerate runs: at their exit time if any, else (y undefined) at the top of the frame
    const bad = (rs: Run[]) => [
      ...degenerateDots(
        rs.filter((r) => r.t_exit !== null),
        { x: 'eps', y: 't_exit', r: 4, title },
      ),
      ...degenerateDots(
        rs.filter((r) => r.t_exit === null),
        { x: 'eps', r: 4, title },
      ),
    ];
    const pred = [...predictions(runs, 'two-layer'), ...predictions(runs, 'three-layer')];
    const twoRuns = exited.filter((r) => r.net === 'two-layer');
    return [
      {
        title: 'Both networks, log–log',
        options: {
          width: 420,
          height: 320,
          marginLeft: 55,
          x: { type: 'log', label: 'initialisation scale $ε$', reverse: true },
          y: { type: 'log', label: 'exit time $t$ = lr · steps', grid: true, nice: true },
          color: colors,
          marks: [
            Plot.line(pred, { x: 'eps', y: 't', z: 'net', stroke: 'net', strokeDasharray: '5 3' }),
            Plot.line(fits, { x: 'eps', y: 't', z: 'net', stroke: 'net', strokeDasharray: '1 3', strokeWidth: 2 }),
            Plot.dot(exited, { x: 'eps', y: 't_exit', stroke: 'net', r: 3, title }),
            ...bad(runs),
          ],
        },
      },
      {
        title: 'Two layers: time against $\\log ε$',
        options: {
          width: 420,
          height: 320,
          marginLeft: 55,
          x: { type: 'log', label: 'initialisation scale $ε$', reverse: true },
          y: { label: 'exit time $t$ = lr · steps', grid: true, zero: true },
          color: colors,
          marks: [
            Plot.line(
              pred.filter((p) => p.net === 'two-layer'),
              { x: 'eps', y: 't', stroke: 'net', strokeDasharray: '5 3' },
            ),
            Plot.line(
              fits.filter((f) => f.net === 'two-layer'),
              { x: 'eps', y: 't', stroke: 'net', strokeDasharray: '1 3', strokeWidth: 2 },
            ),
            Plot.dot(twoRuns, { x: 'eps', y: 't_exit', stroke: 'net', r: 3, title }),
            ...bad(runs.filter((r) => r.net === 'two-layer')),
          ],
        },
      },
    ];
  },
};
