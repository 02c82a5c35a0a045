/**
 * luo2021 Fig. 1: the phase diagram in (γ, γ'): linear regime left of and
 * above the boundary, condensed regime right of and below it, the critical
 * regime on it; the common schemes as labelled points.
 */
import * as Plot from '@observablehq/plot';
import type { FigureData, Row } from '../pipeline/experiment.js';
import type { FigureView } from './types.js';

/** The window drawn: γ ∈ [0, 2], γ' ∈ [−1, 1]. */
const X: [number, number] = [0, 2];
const Y: [number, number] = [-1, 1];

/** Region left of / above the boundary γ = 1 (γ' ≤ 0), γ' = γ − 1 (γ' > 0), as a polygon. */
const linear = [
  [X[0], Y[0]],
  [1, Y[0]],
  [1, 0],
  [2, 1],
  [X[0], Y[1]],
];
const condensed = [
  [1, Y[0]],
  [X[1], Y[0]],
  [X[1], Y[1]],
  [2, 1],
  [1, 0],
];

export const figure: FigureView = {
  columns: 1,
  panels(data: FigureData) {
    const schemes = data.rows.filter((r) => r.mark === 'scheme');
    return [
      {
        options: {
          width: 560,
          height: 420,
          marginLeft: 50,
          x: { domain: X, label: 'γ' },
          y: { domain: Y, label: 'γ′' },
          marks: [
            Plot.line(linear.concat([linear[0]]), { x: (p: number[]) => p[0], y: (p: number[]) => p[1], stroke: 'none', fill: '#f4c6c0', fillOpacity: 0.6 }),
            Plot.line(condensed.concat([condensed[0]]), { x: (p: number[]) => p[0], y: (p: number[]) => p[1], stroke: 'none', fill: '#bcd4ea', fillOpacity: 0.7 }),
            Plot.text([{ x: 0.45, y: -0.55, t: 'linear regime' }, { x: 1.55, y: -0.55, t: 'condensed regime' }], { x: 'x', y: 'y', text: 't', fontSize: 14, fill: '#444' }),
            Plot.line(data.rows.filter((r) => r.mark === 'boundary'), { x: 'gamma', y: 'gamma_prime', stroke: '#222', strokeWidth: 2.5 }),
            Plot.text([{ x: 1.55, y: 0.62, t: 'critical regime' }], { x: 'x', y: 'y', text: 't', rotate: -45, fill: '#222', dy: -10 }),
            Plot.line(data.rows.filter((r) => r.mark === 'e-line'), { x: 'gamma', y: 'gamma_prime', stroke: '#888', strokeDasharray: '4 4' }),
            Plot.dot(schemes, { x: 'gamma', y: 'gamma_prime', fill: '#111', r: 4 }),
            Plot.text(schemes, { x: 'gamma', y: 'gamma_prime', text: (d: Row) => String(d.label), dx: 8, textAnchor: 'start', fontSize: 11 }),
          ],
        },
      },
    ];
  },
};
