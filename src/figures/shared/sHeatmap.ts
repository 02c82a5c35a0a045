/**
 * The S_w heatmap of luo2021 Figs 4 and 5: S_w over (γ, γ'), γ on the
 * abscissa as drawn in the paper; red S_w < 0 (linear), blue S_w > 0
 * (condensed); stars at the zero crossings of S_w along γ; the theoretical
 * boundary as a line.
 */
import * as Plot from '@observablehq/plot';
import type { SHeatmapRow } from '../../../experiments/shared/sHeatmapSchema.js';
import type { Panel } from '../types.js';
import { byMark, sortedDistinct } from './rows.js';

/** Half the spacing of the γ' grid, for the cells' vertical extent. */
export function halfStep(values: number[]): number {
  const sorted = sortedDistinct(values);
  return sorted.length > 1 ? (sorted[1] - sorted[0]) / 2 : 0.05;
}

/** A number to 3 decimals, or '–' when undefined. */
const fixed3 = (v: number | null) => (v === null ? '–' : v.toFixed(3));

export function sHeatmap(data: { rows: SHeatmapRow[] }, opts: { width?: number; gammaLabel?: string } = {}): Panel['options'] {
  const cells = byMark(data.rows, 'cell');
  const h = halfStep(cells.map((r) => r.gamma_prime));
  type Cell = (typeof cells)[number];
  return {
    width: opts.width ?? 640,
    height: 420,
    marginLeft: 50,
    x: { label: opts.gammaLabel ?? 'γ' },
    y: { label: 'γ′' },
    color: { type: 'linear', scheme: 'RdBu', domain: [-0.5, 0.5], clamp: true, legend: true, label: 'S(w)' },
    marks: [
      Plot.rect(cells, {
        x1: 'gamma_lo',
        x2: 'gamma_hi',
        y1: (d: Cell) => d.gamma_prime - h,
        y2: (d: Cell) => d.gamma_prime + h,
        fill: 's_w',
        title: (d: Cell) => `γ = ${d.gamma}, γ′ = ${d.gamma_prime}\nS(w) = ${fixed3(d.s_w)} ± ${fixed3(d.s_w_se)}`,
      }),
      Plot.line(byMark(data.rows, 'boundary'), { x: 'gamma', y: 'gamma_prime', stroke: 'black', strokeWidth: 1.5, strokeDasharray: '6 4' }),
      Plot.dot(byMark(data.rows, 'star'), { x: 'gamma_star', y: 'gamma_prime', symbol: 'star', r: 7, fill: 'gold', stroke: 'black' }),
    ],
  };
}
