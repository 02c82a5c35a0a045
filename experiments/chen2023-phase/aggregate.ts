/** chen2023-phase: the alignment heatmap and the heuristic lines of science.md [D]. */
import type { AggregateInput, FigureData, Row } from '../../src/pipeline/experiment.js';
import type { Config, Params, Result } from './experiment.js';

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const rows: Row[] = cells.map(({ cell, result }) => ({
    mark: 'cell',
    gamma: cell.params.gamma,
    gamma_prime: cell.params.gammaPrime,
    alignment: result.alignment,
    rd_w: result.rdW,
    steps: result.steps,
    status: result.status,
    // the heuristic region of science.md [D]: visible condensation (γ' < γ − 1) and growth from a small output (γ + γ' > 1)
    heuristic: cell.params.gammaPrime < cell.params.gamma - 1 && cell.params.gamma + cell.params.gammaPrime > 1,
  }));
  const inRegion = cells.filter((c) => c.cell.params.gammaPrime < c.cell.params.gamma - 1 && c.cell.params.gamma + c.cell.params.gammaPrime > 1);
  const outRegion = cells.filter((c) => !inRegion.includes(c));
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
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
      },
    },
  };
}
