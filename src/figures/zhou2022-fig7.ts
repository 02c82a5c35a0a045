/**
 * zhou2022 Fig. 7, the condensation map: at each (γ3, γ2) of the grid (γ3
 * across, γ2 up) the rows (w, b) of W¹ at the largest width, initial in red
 * and trained in green, each cell divided by its own scale (the largest |w|,
 * |b| of its rows) so every cell spans [−1, 1]; blue frames on the critical
 * cells; runs that did not converge labelled with their status.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-grid/figures.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { sig3 } from './shared/outputPanel.js';
import { byMark, distinct } from './shared/rows.js';
import type { FigureView, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig7']>;
type Cell = Extract<RowOf<Data>, { mark: 'cell' }>;

/** As the paper: red the initial rows, green the trained ones. */
const phaseColors = { domain: ['initial', 'final'], range: ['#d62728', '#2ca02c'] };
/** Every cell's (scaled) domain. */
const lim = 1.05;
const key = (g2: number, g3: number) => `${g2}|${g3}`;
/** 3 significant digits, true minus sign. */
/** Padding between the facets (fraction of a step), inner and outer. */
const padding = 0.08;

/** A render transform: dot positions to 0.1 px, so thousands of dots weigh about half as much in the SVG. */

export const figure: FigureView<Data> = {
  columns: 1,
  legend: () => ({ color: phaseColors, legend: 'swatches' }),
  panels(data) {
    const cells = byMark(data.rows, 'cell');
    const scaleOf = new Map(cells.map((c) => [key(c.gamma2, c.gamma3), c.scale > 0 ? c.scale : 1]));
    const scaled = (phase: 'initial' | 'final') =>
      byMark(data.rows, 'neuron')
        .filter((r) => r.phase === phase)
        .map((r) => {
          const s = scaleOf.get(key(r.gamma2, r.gamma3)) ?? 1;
          return { gamma2: r.gamma2, gamma3: r.gamma3, w: r.w / s, b: r.b / s };
        });
    const columns = distinct(cells.map((c) => c.gamma3)).length;
    const rows = distinct(cells.map((c) => c.gamma2)).length;
    const facet = { fx: 'gamma3', fy: 'gamma2' } as const;
    const box = { ...facet, x1: -lim, x2: lim, y1: -lim, y2: lim };
    // square cells: the band steps of fx and fy are innerWidth / (columns + padding) and innerHeight / (rows + padding)
    const margin = { marginLeft: 45, marginRight: 10, marginTop: 10, marginBottom: 40 };
    const width = Math.max(420, Math.min(810, 55 + 84 * columns));
    const inner = ((width - margin.marginLeft - margin.marginRight) * (rows + padding)) / (columns + padding);
    return [
      {
        options: {
          width,
          height: Math.round(inner + margin.marginTop + margin.marginBottom),
          ...margin,
          fx: { label: 'γ₃', axis: 'bottom', padding },
          fy: { label: 'γ₂', axis: 'left', reverse: true, padding },
          x: { domain: [-lim, lim], axis: null },
          y: { domain: [-lim, lim], axis: null },
          marks: [
            // each cell's background, carrying its description (an SVG <title>)
            Plot.rect(cells, {
              ...box,
              fill: 'white',
              fillOpacity: 0,
              stroke: '#ddd',
              title: (c: Cell) =>
                `γ₂ = ${c.gamma2}, γ₃ = ${c.gamma3}\n${c.status}; RD(W¹) = ${sig3(c.rd_w1)}; scale ${sig3(c.scale)}${c.critical ? '\ncritical' : ''}`,
            }),
            Plot.dot(scaled('initial'), { ...facet, x: 'w', y: 'b', fill: phaseColors.range[0], r: 0.9, fillOpacity: 0.8 }),
            Plot.dot(scaled('final'), { ...facet, x: 'w', y: 'b', fill: phaseColors.range[1], r: 0.9, fillOpacity: 0.8 }),
            Plot.rect(
              cells.filter((c) => c.critical),
              { ...box, fill: 'none', stroke: '#1f5fa8', strokeWidth: 2.5 },
            ),
            Plot.text(
              cells.filter((c) => c.status !== 'converged'),
              {
                ...facet,
                x: lim,
                y: lim,
                text: 'status',
                textAnchor: 'end',
                lineAnchor: 'top',
                dx: -2,
                dy: 2,
                fontSize: 8,
                fill: '#444',
                stroke: 'white',
                strokeWidth: 2.5,
              },
            ),
          ],
        },
      },
    ];
  },
};
