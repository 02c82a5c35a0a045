/** zhou2022-fig4: per γ3, the runs' RD(W¹) and the least-squares slope of log RD(W¹) on log m over the fitted runs (seeds pooled). */
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig4']>;

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'zhou2022-fig4': Data } {
  const runs: Data['rows'] = [];
  const slopes: Data['rows'] = [];
  const values: NonNullable<Data['values']> = {
    gamma2: config.gamma2,
    widths: config.widths.join(', '),
    seeds: config.seeds,
    runs: cells.length,
    stopped_short: cells.filter((c) => c.result.status !== 'converged').length,
    tol: config.protocol.tol,
    max_steps: config.protocol.maxSteps,
    ...degenerateCounts(cells.map((c) => c.result)),
  };
  for (const gamma3 of config.gamma3s) {
    const mine = cells
      .filter((c) => c.cell.params.gamma3 === gamma3)
      .sort((p, q) => p.cell.params.m - q.cell.params.m || p.cell.params.replicate - q.cell.params.replicate);
    const fitted = mine.filter((c) => degenerateOf(c.result) === null && !c.result.w1AtFloor && c.result.rdW1 > 0);
    for (const c of mine) {
      runs.push({
        mark: 'rd',
        gamma3,
        m: c.cell.params.m,
        seed: c.cell.params.replicate,
        rd_w1: c.result.rdW1,
        status: c.result.status,
        degenerate: degenerateOf(c.result),
        fitted: fitted.includes(c),
      });
    }
    const fit = linearFit(
      fitted.map((c) => Math.log(c.cell.params.m)),
      fitted.map((c) => Math.log(c.result.rdW1)),
    );
    slopes.push({ mark: 'slope', gamma3, s_w1: orNull(fit.slope), s_w1_se: orNull(fit.stderr), n: fit.n, intercept: orNull(fit.intercept) });
    const at = `gamma3=${gamma3}`;
    values[`s_w1@${at}`] = Number.isFinite(fit.slope) ? fit.slope : '–';
    values[`s_w1_se@${at}`] = Number.isFinite(fit.stderr) ? fit.stderr : '–';
  }
  return { 'zhou2022-fig4': { rows: [...runs, ...slopes], values } };
}
