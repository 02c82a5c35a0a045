/**
 * luo2021 Fig. 4: heatmap of S_w over (γ, γ'), γ on the abscissa as drawn in
 * the paper; red S_w < 0 (linear), blue S_w > 0 (condensed); stars at the
 * zero crossings of S_w along γ; the theoretical boundary as a line.
 */
import * as Plot from '@observablehq/plot';
import type { FigureData, Row } from '../pipeline/experiment.js';
import type { FigureView } from './types.js';

/** Half the spacing of the γ' grid, for the cells' vertical extent. */
function halfStep(values: number[]): number {
  const sorted = [...new Set(values)].sort((p, q) => p - q);
  return sorted.length > 1 ? (sorted[1] - sorted[0]) / 2 : 0.05;
}

export function sHeatmap(data: FigureData, opts: { width?: number; gammaLabel?: string } = {}) {
  const cells = data.rows.filter((r) => r.mark === 'cell');
  const h = halfStep(cells.map((r) => r.gamma_prime as number));
  return {
    width: opts.width ?? 640,
    height: 420,
    marginLeft: 50,
    x: { label: opts.gammaLabel ?? 'γ' },
    y: { label: 'γ′' },
    color: { type: 'linear' as const, scheme: 'RdBu' as const, domain: [-0.5, 0.5], clamp: true, legend: true, label: 'S_w' },
    marks: [
      Plot.rect(cells, {
        x1: 'gamma_lo',
        x2: 'gamma_hi',
        y1: (d: Row) => (d.gamma_prime as number) - h,
        y2: (d: Row) => (d.gamma_prime as number) + h,
        fill: 's_w',
        tip: true,
        title: (d: Row) => `γ = ${d.gamma}, γ′ = ${d.gamma_prime}\nS_w = ${(d.s_w as number).toFixed(3)} ± ${(d.s_w_se as number).toFixed(3)}`,
      }),
      Plot.line(data.rows.filter((r) => r.mark === 'boundary'), { x: 'gamma', y: 'gamma_prime', stroke: 'black', strokeWidth: 1.5, strokeDasharray: '6 4' }),
      Plot.dot(data.rows.filter((r) => r.mark === 'star'), { x: 'gamma_star', y: 'gamma_prime', symbol: 'star', r: 7, fill: 'gold', stroke: 'black' }),
    ],
  };
}

export const figure: FigureView = {
  columns: 1,
  panels: (data) => [{ options: sHeatmap(data) }],
};
