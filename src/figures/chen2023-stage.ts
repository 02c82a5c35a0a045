/**
 * chen2023 initial stage: normalised time τ at which the loss leaves its
 * plateau, against m (log axis), per initial scale; dashed the least-squares
 * line over the clean runs, dotted the heuristic τ* = (2s − 1) log m / (2|z|)
 * with no constant; a degenerate run is a crossed grey circle.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2023-stage/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { byMark, distinct, tableOf } from './shared/rows.js';
import { cleanRows, degenerateDots } from './shared/degenerate.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['chen2023-stage']>;

const colors = { range: ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'] };
const seriesOf = (data: Data) => distinct(byMark(data.rows, 'run').map((r) => r.s));
/** A number to `digits` decimals, or '–' when undefined. */
const fixed = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));
const runTitle = (d: Extract<Data['rows'][number], { mark: 'run' }>) => `${d.s}, m = ${d.m}\nτ = ${d.tau.toPrecision(4)} (${d.status})`;

export const figure: FigureView<Data> = {
  columns: 1,
  legend: (data) => ({ color: { ...colors, domain: seriesOf(data) }, legend: 'swatches' }),
  panels: (data) => [
    {
      options: {
        width: 560,
        height: 340,
        marginLeft: 50,
        x: { type: 'log', label: 'm', tickFormat: '~s' },
        y: { label: 'τ at the end of the plateau', grid: true },
        color: { ...colors, domain: seriesOf(data) },
        marks: [
          Plot.line(byMark(data.rows, 'fit'), { x: 'm', y: 'tau', stroke: 's', strokeDasharray: '5 3' }),
          Plot.line(byMark(data.rows, 'prediction'), { x: 'm', y: 'tau', stroke: 's', strokeDasharray: '1 3', strokeWidth: 2 }),
          Plot.dot(cleanRows(byMark(data.rows, 'run')), { x: 'm', y: 'tau', stroke: 's', r: 3, title: runTitle }),
          ...degenerateDots(byMark(data.rows, 'run'), { x: 'm', y: 'tau', r: 4, title: runTitle }),
        ],
      },
    },
  ],
  table: (data) =>
    tableOf(byMark(data.rows, 'slope'), [
      { key: 's', label: 'initial scale β = m<sup>−s</sup>' },
      { key: 'measured', label: 'measured dτ/d log m', format: (v, r) => `${fixed(v, 2)} ± ${fixed(r.measured_se, 2)}` },
      { key: 'predicted', label: 'predicted (2s − 1)/(2|z|)', format: (v) => v.toFixed(2) },
    ]),
};
