/**
 * chen2023-stage: τ at the plateau's end against log m, its fitted slope over the clean runs (a run that
 * stopped at step 0 never had a plateau: shown, not fitted), and the predicted slope (2s − 1)/(2|z|).
 */
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import { plateauSlope, plateauTau } from '../../src/engine/theory/chen2023.js';
import { finite } from '../../src/pipeline/compact.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { cleanCells, degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['chen2023-stage']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'chen2023-stage': Data } {
  const rows: Data['rows'] = [];
  const perS: Record<string, number> = {};
  const zNorm = cells[0].result.zNorm;
  for (const s of config.exponents) {
    const label = `s = ${s}`;
    const at = cells.filter((c) => c.cell.params.s === s);
    for (const { cell, result } of at)
      rows.push({ mark: 'run', s: label, m: cell.params.m, tau: result.tau, status: result.status, degenerate: degenerateOf(result) });
    const clean = cleanCells(at);
    const fit = linearFit(
      clean.map((c) => Math.log(c.cell.params.m)),
      clean.map((c) => c.result.tau),
    );
    const predicted = plateauSlope(s, zNorm);
    for (const m of [config.widths[0], config.widths.at(-1)!]) {
      rows.push({ mark: 'fit', s: label, m, tau: finite(fit.intercept + fit.slope * Math.log(m)) });
      // the heuristic τ*, with no fitted constant
      rows.push({ mark: 'prediction', s: label, m, tau: plateauTau(s, zNorm, m) });
    }
    rows.push({ mark: 'slope', s: label, measured: finite(fit.slope), measured_se: finite(fit.stderr), predicted });
    // (a value is a number: an undefined fit has none)
    if (Number.isFinite(fit.slope)) perS[`slope@${s}`] = fit.slope;
    if (Number.isFinite(fit.stderr)) perS[`slope_se@${s}`] = fit.stderr;
    perS[`predicted@${s}`] = predicted;
  }
  return {
    'chen2023-stage': {
      rows,
      values: {
        widths: config.widths.join(', '),
        repeats: config.repeats,
        z_norm: zNorm,
        ...perS,
        not_converged: cells.filter((c) => c.result.status !== 'converged').length,
        ...degenerateCounts(cells.map((c) => c.result)),
      },
    },
  };
}
