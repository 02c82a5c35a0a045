/**
 * chen2023-phase: the alignment heatmap, and the mean alignment inside and outside the heuristic region
 * over the clean cells (a run that stopped at step 0 measured its random initialisation: shown, not averaged).
 */
import { inHeuristicRegion } from '../../src/engine/theory/chen2023.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { cleanCells, degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['chen2023-phase']>;

/** Mean, 0 for no values. */
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'chen2023-phase': Data } {
  const inside = (c: (typeof cells)[number]) => inHeuristicRegion(c.cell.params.gamma, c.cell.params.gammaPrime);
  const rows: Data['rows'] = cells.map((c) => ({
    mark: 'cell',
    gamma: c.cell.params.gamma,
    gamma_prime: c.cell.params.gammaPrime,
    alignment: c.result.alignment,
    rd_w: c.result.rdW,
    steps: c.result.steps,
    status: c.result.status,
    degenerate: degenerateOf(c.result),
    heuristic: inside(c),
  }));
  const clean = cleanCells(cells);
  const inRegion = clean.filter(inside);
  const outRegion = clean.filter((c) => !inside(c));
  return {
    'chen2023-phase': {
      rows,
      values: {
        m: config.m,
        mean_inside: mean(inRegion.map((c) => c.result.alignment)),
        mean_outside: mean(outRegion.map((c) => c.result.alignment)),
        cells_inside: inRegion.length,
        cells: cells.length,
        not_converged: cells.filter((c) => c.result.status !== 'converged').length,
        ...degenerateCounts(cells.map((c) => c.result)),
      },
    },
  };
}
