/** chen2024-blowup: exit times against ε, with least-squares fits in the scaling each effective model predicts. */
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['chen2024-blowup']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'chen2024-blowup': Data } {
  const rows: Data['rows'] = cells.map(({ cell, result }) => ({
    mark: 'run',
    net: cell.params.net,
    eps: cell.params.eps,
    seed: cell.seed,
    t_exit: result.tExit,
    t_pred: result.tPred,
    status: result.status,
  }));
  const exited = (net: Params['net']) => cells.filter((c) => c.cell.params.net === net && c.result.tExit !== null);
  const three = exited('three-layer');
  const two = exited('two-layer');
  const lnInv = (c: (typeof cells)[number]) => Math.log(1 / c.cell.params.eps);
  const lnT = (c: (typeof cells)[number]) => Math.log(c.result.tExit as number);
  // three layers: log t = c + b log(1/ε), b = 1 for T* ∝ 1/ε
  const fit3 = linearFit(three.map(lnInv), three.map(lnT));
  // two layers: t = c + b log(1/ε), b = 1/|z| for the linear model; and its log-log slope
  const fit2 = linearFit(
    two.map(lnInv),
    two.map((c) => c.result.tExit as number),
  );
  const fit2log = linearFit(two.map(lnInv), two.map(lnT));
  const ends = [Math.max(...config.eps), Math.min(...config.eps)];
  for (const eps of ends) {
    rows.push({ mark: 'fit', net: 'three-layer', eps, t: Math.exp(fit3.intercept + fit3.slope * Math.log(1 / eps)) });
    rows.push({ mark: 'fit', net: 'two-layer', eps, t: fit2.intercept + fit2.slope * Math.log(1 / eps) });
  }
  const ratios = (group: typeof cells) => group.map((c) => (c.result.tExit as number) / c.result.tPred);
  const zNorm = cells[0].result.zNorm;
  const orNaN = (v: number) => (Number.isFinite(v) ? v : Number.NaN);
  return {
    'chen2024-blowup': {
      rows,
      values: {
        m: config.m,
        runs: cells.length,
        repeats: config.repeats,
        not_exited: cells.filter((c) => c.result.status !== 'exited').length,
        eps_min: ends[1],
        eps_max: ends[0],
        decades: Math.log10(ends[0] / ends[1]),
        z_norm: zNorm,
        inv_z: 1 / zNorm,
        lr_two: config.lr['two-layer'],
        lr_three: config.lr['three-layer'],
        three_slope: orNaN(fit3.slope),
        three_slope_se: orNaN(fit3.stderr),
        two_loglog_slope: orNaN(fit2log.slope),
        two_log_slope: orNaN(fit2.slope),
        two_log_slope_se: orNaN(fit2.stderr),
        three_ratio_min: Math.min(...ratios(three)),
        three_ratio_max: Math.max(...ratios(three)),
        two_ratio_min: Math.min(...ratios(two)),
        two_ratio_max: Math.max(...ratios(two)),
      },
    },
  };
}
