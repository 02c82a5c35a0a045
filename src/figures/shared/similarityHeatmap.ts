/**
 * A D(u, v) heatmap (cosine similarity of vectors, in a stated order): one
 * square panel, D = 1 navy, 0 pale yellow, −1 red, row 0 at the top; and its
 * colour legend. Used by zhou2022 Fig. 3 (rows of W²), chen2024 Fig. 1 (rows
 * of W¹) and the introduction's CNN (first-layer kernels).
 */
import * as Plot from '@observablehq/plot';
import type { Panel } from '../types.js';

export interface SimilarityCell {
  i: number;
  j: number;
  d: number;
}

export const dColor = { type: 'linear', scheme: 'RdYlBu', domain: [-1, 1], clamp: true, label: 'D(u, v)' } as const;

/** The colour ramp shared by the heatmaps of a figure (FigureView.legend). */
export const dLegend = () => ({ color: dColor, legend: 'ramp' as const, width: 260, ticks: [-1, -0.5, 0, 0.5, 1] });

/** D is drawn in steps of this (invisible in the colour ramp): equal neighbours along a row merge into one rect. */
const dStep = 0.05;
/** The plot area: 200 px square. */
export const HEATMAP_SIDE = 200;
const margin = 5;

/** Each row i as runs of equal (quantised) values: one rect [j0, j1) × [i, i + 1) per run. */
export function runsOf(cells: SimilarityCell[]): { i: number; j0: number; j1: number; d: number }[] {
  const out: { i: number; j0: number; j1: number; d: number }[] = [];
  for (const c of [...cells].sort((p, q) => p.i - q.i || p.j - q.j)) {
    const d = Math.round(c.d / dStep) * dStep;
    const last = out.at(-1);
    if (last && last.i === c.i && last.j1 === c.j && last.d === d) last.j1 = c.j + 1;
    else out.push({ i: c.i, j0: c.j, j1: c.j + 1, d });
  }
  return out;
}

/** The panel of an n × n matrix of D (n from the largest index). */
export function similarityHeatmap(title: string, cells: SimilarityCell[]): Panel {
  const n = Math.max(1, ...cells.map((c) => Math.max(c.i, c.j) + 1));
  return {
    title,
    options: {
      width: HEATMAP_SIDE + 2 * margin,
      height: HEATMAP_SIDE + 2 * margin,
      margin,
      x: { domain: [0, n], axis: null },
      y: { domain: [0, n], axis: null, reverse: true },
      color: dColor,
      marks: [
        Plot.rect(runsOf(cells), { x1: 'j0', x2: 'j1', y1: 'i', y2: (r: { i: number }) => r.i + 1, fill: 'd', shapeRendering: 'crispEdges' }),
        Plot.frame({ stroke: '#ccc' }),
      ],
    },
  };
}
