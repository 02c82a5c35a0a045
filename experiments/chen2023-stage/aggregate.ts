/** chen2023-stage: τ at the plateau's end against log m, its fitted slope, and the predicted slope (2s − 1)/(2|z|). */
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import type { AggregateInput, FigureData, Row } from '../../src/pipeline/experiment.js';
import type { Config, Params, Result } from './experiment.js';

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const rows: Row[] = [];
  const values: Record<string, number | string> = { widths: config.widths.join(', '), repeats: config.repeats };
  const zNorm = cells[0].result.zNorm;
  values.z_norm = zNorm;
  for (const s of config.exponents) {
    const at = cells.filter((c) => c.cell.params.s === s);
    for (const { cell, result } of at) rows.push({ mark: 'run', s: `s = ${s}`, m: cell.params.m, tau: result.tau, status: result.status });
    const fit = linearFit(at.map((c) => Math.log(c.cell.params.m)), at.map((c) => c.result.tau));
    const predicted = (2 * s - 1) / (2 * zNorm);
    for (const m of [config.widths[0], config.widths.at(-1)!]) {
      rows.push({ mark: 'fit', s: `s = ${s}`, m, tau: fit.intercept + fit.slope * Math.log(m) });
      // the heuristic τ* = (2s − 1) log m / (2|z|), with no fitted constant
      rows.push({ mark: 'prediction', s: `s = ${s}`, m, tau: predicted * Math.log(m) });
    }
    rows.push({ mark: 'slope', s: `s = ${s}`, measured: fit.slope, measured_se: fit.stderr, predicted });
    values[`slope@${s}`] = fit.slope;
    values[`slope_se@${s}`] = fit.stderr;
    values[`predicted@${s}`] = predicted;
  }
  values.not_converged = cells.filter((c) => c.result.status !== 'converged').length;
  return { 'chen2023-stage': { rows, values } };
}
