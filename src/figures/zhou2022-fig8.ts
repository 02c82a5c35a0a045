/**
 * zhou2022 Fig. 8: the condensation degree ζ of the rows of W² over the grid,
 * γ₃ on the abscissa and γ₂ on the ordinate as in the paper; each cell shows
 * its ζ (mean over the repetitions that reached the tolerance with W² resolved); hatched where none did.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-grid/figures.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import type { FigureView, RowOf } from './types.js';
import { cellExtents, coord, extentDomain, hatchPattern, num } from './shared/gridCells.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig8']>;
type Cell = RowOf<Data>;

/** ζ above which a cell's fill is dark (YlGnBu on [0, 1]). */
const DARK = 0.55;

const title = (c: Cell) =>
  `γ₂ = ${coord(c.gamma2)}, γ₃ = ${coord(c.gamma3)}\n` +
  (c.zeta === null
    ? `ζ not measured: no run reached the tolerance with W² resolved in float32 (${c.converged} of ${c.reps})`
    : `ζ = ${num(c.zeta)} (at initialisation ${num(c.zeta0)})\n${c.converged} of ${c.reps} repetitions used`);

export const figure: FigureView<Data> = {
  columns: 1,
  panels: (data) => {
    const cells = data.rows;
    const measured = cells.filter((c) => c.zeta !== null);
    const missing = cells.filter((c) => c.zeta === null);
    const xs = cellExtents(cells.map((c) => c.gamma3));
    const ys = cellExtents(cells.map((c) => c.gamma2));
    const extent = {
      x1: (c: Cell) => xs.get(c.gamma3)?.[0],
      x2: (c: Cell) => xs.get(c.gamma3)?.[1],
      y1: (c: Cell) => ys.get(c.gamma2)?.[0],
      y2: (c: Cell) => ys.get(c.gamma2)?.[1],
    };
    return [
      {
        title: `ζ of the rows of W²${data.values ? ` at m = ${data.values.m}` : ''} (hatched: not measured)`,
        options: {
          width: 560,
          height: Math.max(220, 90 + 50 * ys.size),
          marginLeft: 45,
          marginRight: 10,
          x: { label: 'γ₃', domain: extentDomain(xs), ticks: [...xs.keys()], tickFormat: coord },
          y: { label: 'γ₂', domain: extentDomain(ys), ticks: [...ys.keys()], tickFormat: coord },
          color: { type: 'linear', scheme: 'YlGnBu', domain: [0, 1], clamp: true, legend: true, label: 'ζ (condensation degree of W²)' },
          marks: [
            hatchPattern('zhou2022-fig8-hatch'),
            Plot.rect(measured, { ...extent, fill: 'zeta', stroke: 'white', strokeWidth: 0.5, title }),
            Plot.rect(missing, { ...extent, fill: 'url(#zhou2022-fig8-hatch)', stroke: 'white', strokeWidth: 0.5, title }),
            // the value in each cell, white on the dark end of the ramp
            Plot.text(measured, {
              x: 'gamma3',
              y: 'gamma2',
              text: (c: Cell) => num(c.zeta, 2),
              fill: 'black',
              fontSize: 10,
              filter: (c: Cell) => (c.zeta ?? 0) <= DARK,
              title,
            }),
            Plot.text(measured, {
              x: 'gamma3',
              y: 'gamma2',
              text: (c: Cell) => num(c.zeta, 2),
              fill: 'white',
              fontSize: 10,
              filter: (c: Cell) => (c.zeta ?? 0) > DARK,
              title,
            }),
            Plot.text(missing, { x: 'gamma3', y: 'gamma2', text: () => '×', fill: '#666', fontSize: 14, title }),
          ],
        },
      },
    ];
  },
};
