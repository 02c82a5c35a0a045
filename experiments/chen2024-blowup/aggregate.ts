/**
 * chen2024-blowup: exit times against ε, with least-squares fits in the scaling
 * each effective model predicts; and the alignment of the first layer's
 * large-norm rows with z at the end of the plateau (chen2024-alignment).
 */
import { alignedFraction, topHalfByNorm } from '../../src/engine/chen2024/alignment.js';
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['chen2024-blowup']>;
type Alignment = FigureDataOf<(typeof figures)['chen2024-alignment']>;
type Cell = AggregateInput<Config, Params, Result>['cells'][number];

/** |cos(w_k, z)| > THRESHOLD counts as aligned (issue 9 item 6). */
const THRESHOLD = 0.9;
/** the runs at ε ≤ SMALL_EPS are the "small ε" of the quoted minima and of the misalignment's floor */
const SMALL_EPS = 1e-3;

const median = (v: number[]) => {
  const s = [...v].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * One alignment row per run: fractions null for a degenerate run (one that never left its plateau: its last
 * state is not the end of a plateau).
 */
function alignmentRow({ cell, result }: Cell): Alignment['rows'][number] {
  const { norm, cos, cosNoBias } = result.firstLayer;
  const degenerate = degenerateOf(result);
  const exited = degenerate === null;
  const top = alignedFraction(norm, cos, THRESHOLD);
  const all = cos.filter((c) => Math.abs(c) > THRESHOLD).length / cos.length;
  return {
    mark: 'run',
    net: cell.params.net,
    eps: cell.params.eps,
    seed: cell.seed,
    degenerate,
    frac_aligned: exited ? top.frac : null,
    rows_counted: top.counted,
    frac_aligned_all: exited ? all : null,
    frac_aligned_no_bias: exited ? alignedFraction(norm, cosNoBias, THRESHOLD).frac : null,
    misalignment: exited ? median(topHalfByNorm(norm).map((k) => 1 - Math.abs(cos[k]))) : null,
  };
}

function alignment(config: Config, cells: Cell[]): Alignment {
  const rows = cells.map(alignmentRow);
  const epsMax = Math.max(...config.eps);
  const epsMin = Math.min(...config.eps);
  // the values are taken over the runs that left their plateau (all of them, when none is counted in not_exited)
  const exited = rows.filter((r) => r.frac_aligned !== null);
  const of = (net: Params['net']) => exited.filter((r) => r.net === net);
  const num = (v: number | null) => (v === null ? Number.NaN : v);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  /** the largest ε at and below which every run of the net (exited or not) has frac_aligned = 1 */
  const fullBelow = (net: Params['net']) => {
    let best: number | undefined;
    for (const eps of [...config.eps].sort((p, q) => p - q)) {
      if (!rows.every((r) => r.net !== net || r.eps !== eps || r.frac_aligned === 1)) break;
      best = eps;
    }
    return best;
  };
  const small = (net: Params['net']) => of(net).filter((r) => r.eps <= SMALL_EPS);
  const misAt = (eps: number) => exited.filter((r) => r.eps === eps).map((r) => num(r.misalignment));
  const misSmall = exited.filter((r) => r.eps <= SMALL_EPS).map((r) => num(r.misalignment));
  // log–log slope of the misalignment over the decade of the largest ε, both nets (2 for an orthogonal part ∝ ε)
  const fitEpsMin = Math.min(...config.eps.filter((e) => e >= epsMax / 10));
  const fitted = exited.filter((r) => r.eps >= fitEpsMin && (r.misalignment as number) > 0);
  const misFit = linearFit(
    fitted.map((r) => Math.log(r.eps)),
    fitted.map((r) => Math.log(r.misalignment as number)),
  );
  const differs = rows.filter((r) => r.frac_aligned !== r.frac_aligned_no_bias);
  const sortedEps = (v: number[]) => [...new Set(v)].sort((p, q) => q - p);
  const values: NonNullable<Alignment['values']> = {
    threshold: THRESHOLD,
    small_eps: SMALL_EPS,
    m: config.m,
    rows_counted: Math.ceil(config.m / 2),
    runs: rows.length,
    repeats: config.repeats,
    eps_min: epsMin,
    eps_max: epsMax,
    three_frac_eps_max: mean(
      of('three-layer')
        .filter((r) => r.eps === epsMax)
        .map((r) => num(r.frac_aligned)),
    ),
    two_frac_eps_max: mean(
      of('two-layer')
        .filter((r) => r.eps === epsMax)
        .map((r) => num(r.frac_aligned)),
    ),
    three_full_below: fullBelow('three-layer'),
    two_full_below: fullBelow('two-layer'),
    three_frac_min_small: Math.min(...small('three-layer').map((r) => num(r.frac_aligned))),
    two_frac_min_small: Math.min(...small('two-layer').map((r) => num(r.frac_aligned))),
    all_rows_frac_min_small: Math.min(...exited.filter((r) => r.eps <= SMALL_EPS).map((r) => num(r.frac_aligned_all))),
    no_bias_differs: differs.length,
    no_bias_differs_eps: differs.length ? sortedEps(differs.map((r) => r.eps)) : 'none',
    mis_min_eps_max: Math.min(...misAt(epsMax)),
    mis_max_eps_max: Math.max(...misAt(epsMax)),
    mis_fit_eps_min: fitEpsMin,
    mis_slope: misFit.slope,
    mis_small_min: Math.min(...misSmall),
    mis_small_max: Math.max(...misSmall),
    ...degenerateCounts(cells.map((c) => c.result)),
  };
  // a net none of whose ε has every run aligned has no such ε
  for (const k of ['three_full_below', 'two_full_below'] as const) if (values[k] === undefined) delete values[k];
  return { rows, values };
}

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'chen2024-blowup': Data; 'chen2024-alignment': Alignment } {
  const rows: Data['rows'] = cells.map(({ cell, result }) => ({
    mark: 'run',
    net: cell.params.net,
    eps: cell.params.eps,
    seed: cell.seed,
    t_exit: result.tExit,
    t_pred: result.tPred,
    status: result.status,
    degenerate: degenerateOf(result),
  }));
  // the fits and ratios over the clean runs (those that left their plateau)
  const exited = (net: Params['net']) => cells.filter((c) => c.cell.params.net === net && c.result.tExit !== null && degenerateOf(c.result) === null);
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
        ...degenerateCounts(cells.map((c) => c.result)),
      },
    },
    'chen2024-alignment': alignment(config, cells),
  };
}
