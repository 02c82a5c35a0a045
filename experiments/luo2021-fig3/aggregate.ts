/** luo2021-fig3: RD against m with log-log fits over the clean runs, and S_w against γ per initialisation. */
import { growthExponent } from '../../src/engine/metrics/growthExponent.js';
import { finite } from '../../src/pipeline/compact.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { cleanCells, degenerateCounts, degenerateOf, degenerateOfRuns } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig3']>;

/** Label of the initialisation β1 = β2 = m^{−p}. */
export const initLabel = (p: number) => `β₁ = β₂ = ${p === 0 ? '1' : p === 0.5 ? '1/√m' : p === 1 ? '1/m' : `m^−${p}`}`;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-fig3': Data } {
  const rows: Data['rows'] = [];
  const slopes: Record<string, number> = {};
  let notConverged = 0;
  for (const p of config.inits) {
    for (const gamma of config.gammas) {
      const runs = cells.filter((c) => c.cell.params.p === p && c.cell.params.gamma === gamma).sort((x, y) => x.cell.params.m - y.cell.params.m);
      for (const { cell, result } of runs) {
        rows.push({ mark: 'rd', gamma, init: initLabel(p), m: cell.params.m, rd: result.rdW, status: result.status, degenerate: degenerateOf(result) });
        if (result.status !== 'converged') notConverged++;
      }
      const clean = cleanCells(runs);
      const fit = growthExponent(
        clean.map((r) => r.cell.params.m),
        clean.map((r) => r.result.rdW),
      );
      const degenerate = degenerateOfRuns(runs.map((r) => degenerateOf(r.result)));
      rows.push({ mark: 'slope', gamma, init: initLabel(p), s_w: finite(fit.slope), s_w_se: finite(fit.stderr), degenerate });
      for (const m of [config.widths[0], config.widths.at(-1)!]) {
        rows.push({ mark: 'fit', gamma, init: initLabel(p), m, rd: finite(Math.exp(fit.intercept + fit.slope * Math.log(m))) });
      }
      // (a value is a number: an undefined fit has none)
      if (Number.isFinite(fit.slope)) slopes[`s_w@p=${p},gamma=${gamma}`] = fit.slope;
    }
  }
  return {
    'luo2021-fig3': {
      rows,
      values: {
        ...slopes,
        panel_gammas: config.panelGammas,
        /** the γ whose runs start from the antisymmetric initialisation (f(θ0) = 0, RD on the first half) */
        asi_gammas: [...new Set(cells.filter((c) => c.cell.params.antisymmetric).map((c) => c.cell.params.gamma))].sort((a, b) => a - b),
        runs: cells.length,
        not_converged: notConverged,
        max_steps: Math.max(...cells.map((c) => c.result.steps)),
        m_min: config.widths[0],
        m_max: config.widths.at(-1)!,
        ...degenerateCounts(cells.map((c) => c.result)),
      },
    },
  };
}
