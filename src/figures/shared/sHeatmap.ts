/**
 * The S_w heatmap of luo2021 Figs 4 and 5: S_w over (γ, γ'), γ on the
 * abscissa as drawn in the paper; red S_w < 0 (linear), blue S_w > 0
 * (condensed); stars at the zero crossings of S_w along γ; the theoretical
 * boundary as a line. A cell without S_w is hatched; a × marks a cell whose
 * degenerate runs were left out of its fit (./degenerate.ts).
 */
import * as Plot from '@observablehq/plot';
import type { SHeatmapRow } from '../../../experiments/shared/sHeatmapSchema.js';
import type { Panel } from '../types.js';
import { DEGENERATE_STROKE, degenerateCross, degenerateRects, isDegenerate } from './degenerate.js';
import { markAttributes } from './explorers.js';
import { hatchPattern } from './gridCells.js';
import { byMark, sortedDistinct } from './rows.js';

/** Half the spacing of the γ' grid, for the cells' vertical extent. */
export function halfStep(values: number[]): number {
  const sorted = sortedDistinct(values);
  return sorted.length > 1 ? (sorted[1] - sorted[0]) / 2 : 0.05;
}

/** A number to 3 decimals, or '–' when undefined. */
const fixed3 = (v: number | null) => (v === null ? '–' : v.toFixed(3));

export function sHeatmap(data: { rows: SHeatmapRow[] }, opts: { width?: number; gammaLabel?: string; id?: string } = {}): Panel['options'] {
  const cells = byMark(data.rows, 'cell');
  const fitted = cells.filter((c) => c.s_w !== null);
  const unfitted = cells.filter((c) => c.s_w === null);
  // a cell without S_w and without degenerate runs (too few widths): hatched alike, its title says why
  const noFit = unfitted.filter((c) => !isDegenerate(c));
  const id = opts.id ?? 's-heatmap';
  const h = halfStep(cells.map((r) => r.gamma_prime));
  type Cell = (typeof cells)[number];
  const y1 = (d: Cell) => d.gamma_prime - h;
  const y2 = (d: Cell) => d.gamma_prime + h;
  const title = (d: Cell) => `γ = ${d.gamma}, γ′ = ${d.gamma_prime}\nS(w) = ${fixed3(d.s_w)} ± ${fixed3(d.s_w_se)}`;
  // the cells' attributes for the phase-diagram explorer (./explorers.ts)
  const explore = (rows: Cell[]) => markAttributes(rows, (c) => ({ explore: 'sHeatmap', gamma: c.gamma, 'gamma-prime': c.gamma_prime }));
  return {
    width: opts.width ?? 640,
    height: 420,
    marginLeft: 50,
    x: { label: opts.gammaLabel ?? 'γ' },
    y: { label: 'γ′' },
    color: { type: 'linear', scheme: 'RdBu', domain: [-0.5, 0.5], clamp: true, legend: true, label: 'S(w)' },
    marks: [
      Plot.rect(fitted, { x1: 'gamma_lo', x2: 'gamma_hi', y1, y2, fill: 's_w', title, render: explore(fitted) }),
      ...degenerateRects(unfitted, `${id}-degenerate`, { x1: 'gamma_lo', x2: 'gamma_hi', y1, y2, x: 'gamma', y: 'gamma_prime', title }),
      hatchPattern(`${id}-no-fit`),
      Plot.rect(noFit, {
        x1: 'gamma_lo',
        x2: 'gamma_hi',
        y1,
        y2,
        fill: `url(#${id}-no-fit)`,
        title: (d: Cell) => `${title(d)}\nno fit: too few widths`,
        render: explore(noFit),
      }),
      Plot.text(noFit, { x: 'gamma', y: 'gamma_prime', text: () => '×', fill: DEGENERATE_STROKE, fontSize: 14, pointerEvents: 'none' }),
      degenerateCross(fitted, { x: 'gamma', y: 'gamma_prime', title }),
      // the boundary and the stars let the pointer through to the cells under them (their tooltips and the explorer)
      Plot.line(byMark(data.rows, 'boundary'), {
        x: 'gamma',
        y: 'gamma_prime',
        stroke: 'black',
        strokeWidth: 1.5,
        strokeDasharray: '6 4',
        pointerEvents: 'none',
      }),
      Plot.dot(byMark(data.rows, 'star'), { x: 'gamma_star', y: 'gamma_prime', symbol: 'star', r: 7, fill: 'gold', stroke: 'black', pointerEvents: 'none' }),
    ],
  };
}
