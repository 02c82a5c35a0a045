/**
 * luo2021 Fig. 1: the phase diagram in (γ, γ'): linear regime left of and
 * above the boundary, condensed regime right of and below it, the critical
 * regime on it (src/engine/theory/luo2021.ts); the common schemes as
 * labelled points.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/luo2021-schemes/experiment.js';
import { regimePolygons } from '../engine/theory/luo2021.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { powers } from './shared/format.js';
import { byMark } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig1']>;

/** The window drawn: γ ∈ [0, 2], γ' ∈ [−1, 1]. */
const X: [number, number] = [0, 2];
const Y: [number, number] = [-1, 1];

const { linear, condensed } = regimePolygons(X, Y);
/** A polygon as a closed line of [γ, γ'] vertices. */
const closed = (polygon: [number, number][]) => polygon.concat([polygon[0]]);

export const figure: FigureView<Data> = {
  columns: 1,
  panels(data) {
    const schemes = byMark(data.rows, 'scheme');
    return [
      {
        options: {
          width: 560,
          height: 420,
          marginLeft: 50,
          x: { domain: X, label: 'γ' },
          y: { domain: Y, label: 'γ′' },
          marks: [
            Plot.line(closed(linear), { x: (p: number[]) => p[0], y: (p: number[]) => p[1], stroke: 'none', fill: '#f4c6c0', fillOpacity: 0.6 }),
            Plot.line(closed(condensed), { x: (p: number[]) => p[0], y: (p: number[]) => p[1], stroke: 'none', fill: '#bcd4ea', fillOpacity: 0.7 }),
            Plot.text(
              [
                { x: 0.45, y: -0.55, t: 'linear regime' },
                { x: 1.55, y: -0.55, t: 'condensed regime' },
              ],
              { x: 'x', y: 'y', text: 't', fontSize: 14, fill: '#444' },
            ),
            Plot.line(byMark(data.rows, 'boundary'), { x: 'gamma', y: 'gamma_prime', stroke: '#222', strokeWidth: 2.5 }),
            Plot.text([{ x: 1.55, y: 0.62, t: 'critical regime' }], { x: 'x', y: 'y', text: 't', rotate: -45, fill: '#222', dy: -10 }),
            Plot.line(byMark(data.rows, 'e-line'), { x: 'gamma', y: 'gamma_prime', stroke: '#888', strokeDasharray: '4 4' }),
            Plot.dot(schemes, { x: 'gamma', y: 'gamma_prime', fill: '#111', r: 4 }),
            Plot.text(schemes, { x: 'gamma', y: 'gamma_prime', text: (d: { label: string }) => powers(d.label), dx: 8, textAnchor: 'start', fontSize: 11 }),
          ],
        },
      },
    ];
  },
};
