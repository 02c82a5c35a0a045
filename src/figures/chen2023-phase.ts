/**
 * chen2023 phase diagram of initial condensation (measured): amplitude-weighted
 * alignment with ±z over (γ, γ'); outlined in red, the cells inside the heuristic
 * region of science.md [D] (γ' < γ − 1 and γ + γ' > 1, src/engine/theory/chen2023.ts).
 * A degenerate run (one that stopped at step 0 measured its initialisation) is
 * a hatched cell, without a number.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2023-phase/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { cleanRows, degenerateCells } from './shared/degenerate.js';
import type { FigureView, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['chen2023-phase']>;
type Cell = RowOf<Data>;

export const figure: FigureView<Data> = {
  columns: 1,
  degenerateMark: 'cell',
  panels: (data) => {
    const cells = data.rows;
    const clean = cleanRows(cells);
    const title = (d: Cell) =>
      `γ = ${d.gamma}, γ′ = ${d.gamma_prime}\nmean |cos(w, z)| = ${d.alignment.toFixed(3)}\nRD(w) = ${d.rd_w.toPrecision(3)}, ${d.steps} steps, ${d.status}`;
    return [
      {
        options: {
          width: 560,
          height: 380,
          marginLeft: 50,
          x: { label: 'γ', type: 'band', tickFormat: (d: number) => String(d) },
          y: { label: 'γ′', type: 'band', reverse: true },
          color: { type: 'linear', scheme: 'Blues', domain: [2 / Math.PI, 1], clamp: true, legend: true, label: 'mean |cos(w, z)|' },
          marks: [
            Plot.cell(clean, { x: 'gamma', y: 'gamma_prime', fill: 'alignment', inset: 0.5, title }),
            ...degenerateCells(cells, 'chen2023-phase-degenerate', { x: 'gamma', y: 'gamma_prime', title }),
            Plot.cell(
              cells.filter((r) => r.heuristic),
              { x: 'gamma', y: 'gamma_prime', stroke: '#d62728', strokeWidth: 2.5, inset: 2 },
            ),
            Plot.text(clean, {
              x: 'gamma',
              y: 'gamma_prime',
              text: (d: Cell) => d.alignment.toFixed(2),
              fill: (d: Cell) => (d.alignment > 0.9 ? 'white' : 'black'),
              fontSize: 11,
            }),
          ],
        },
      },
    ];
  },
};
