/**
 * chen2023 initial stage: normalised time τ at which the loss leaves its
 * plateau, against m (log axis), per initial scale; dashed the least-squares
 * line, dotted the heuristic τ* = (2s − 1) log m / (2|z|) with no constant.
 */
import * as Plot from '@observablehq/plot';
import type { FigureData } from '../pipeline/experiment.js';
import type { FigureView } from './types.js';

const colors = { range: ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'] };

export const figure: FigureView = {
  columns: 1,
  legend: (data) => ({ color: { ...colors, domain: [...new Set(data.rows.filter((r) => r.mark === 'run').map((r) => r.s as string))] }, legend: 'swatches' }),
  panels: (data: FigureData) => [
    {
      options: {
        width: 560,
        height: 340,
        marginLeft: 50,
        x: { type: 'log', label: 'm', tickFormat: '~s' },
        y: { label: 'τ at the end of the plateau', grid: true },
        color: { ...colors, domain: [...new Set(data.rows.filter((r) => r.mark === 'run').map((r) => r.s as string))] },
        marks: [
          Plot.line(data.rows.filter((r) => r.mark === 'fit'), { x: 'm', y: 'tau', stroke: 's', strokeDasharray: '5 3' }),
          Plot.line(data.rows.filter((r) => r.mark === 'prediction'), { x: 'm', y: 'tau', stroke: 's', strokeDasharray: '1 3', strokeWidth: 2 }),
          Plot.dot(data.rows.filter((r) => r.mark === 'run'), { x: 'm', y: 'tau', stroke: 's', r: 3, tip: true }),
        ],
      },
    },
  ],
  table: (data: FigureData) => ({
    columns: [
      { key: 's', label: 'initial scale β = m<sup>−s</sup>' },
      { key: 'measured', label: 'measured dτ/d log m', format: (v, r) => `${Number(v).toFixed(2)} ± ${Number(r.measured_se).toFixed(2)}` },
      { key: 'predicted', label: 'predicted (2s − 1)/(2|z|)', format: (v) => Number(v).toFixed(2) },
    ],
    rows: data.rows.filter((r) => r.mark === 'slope'),
  }),
};
