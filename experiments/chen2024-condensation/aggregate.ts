/** chen2024-condensation → Fig. 1 (loss, failure spans, W1 heatmaps), Fig. 2 (final-stage condition) and the conservation laws. */
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Fig1 = FigureDataOf<(typeof figures)['chen2024-fig1']>;
type Fig2 = FigureDataOf<(typeof figures)['chen2024-fig2']>;
type Cons = FigureDataOf<(typeof figures)['chen2024-conservation']>;
type Cell = AggregateInput<Config, Params, Result>['cells'][number];

const num = (v: number | null | undefined) => (v === null || v === undefined ? Number.NaN : v);
/** The largest of the numbers given, NaN when there is none. */
const maxOf = (vs: (number | null | undefined)[]) => {
  const finite = vs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return finite.length ? Math.max(...finite) : Number.NaN;
};
/** Values without their undefined numbers (a run that never left its plateau has no exit step). */
const defined = <V extends Record<string, number | string>>(values: V): V =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' || Number.isFinite(v))) as V;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): {
  'chen2024-fig1': Fig1;
  'chen2024-fig2': Fig2;
  'chen2024-conservation': Cons;
} {
  const byId = (id: string): Cell => {
    const c = cells.find((x) => x.cell.id === id);
    if (!c) throw new Error(`chen2024-condensation: no cell "${id}"`);
    return c;
  };
  const train = byId('train').result;
  const retrain = byId('retrain').result;

  // Fig. 1
  const fig1: Fig1['rows'] = [];
  for (const [run, r] of [
    ['train', train],
    ['retrain', retrain],
  ] as const) {
    for (const s of r.snapshots) fig1.push({ mark: 'loss', run, step: s.step, t: s.t, loss: s.loss });
    const last = r.snapshots.at(-1)?.step ?? 0;
    if (r.failStep !== null) fig1.push({ mark: 'fail', run, step_from: r.failStep, step_to: last });
  }
  fig1.push({ mark: 'checkpoint', step: config.train.checkpoint });
  const h = train.heatmaps;
  if (h) {
    for (const [when, values] of [
      ['initialisation', h.init],
      ['condensation', h.exit],
    ] as const) {
      for (const [q, d] of values.entries()) fig1.push({ mark: 'sim', when, i: Math.floor(q / h.side), j: q % h.side, d });
    }
  }
  const tOf = (r: Result, step: number | null, lr0 = r.lr) => (step === null ? Number.NaN : lr0 * step);
  const retrainT = (step: number | null) =>
    step === null ? Number.NaN : config.train.lr * config.train.checkpoint + config.retrain.lr * (step - config.train.checkpoint);

  // Fig. 2
  const fig2: Fig2['rows'] = train.snapshots.map((s) => ({ mark: 'trace', step: s.step, t: s.t, r: s.r, loss: s.loss }));
  const alphaValues: Record<string, number | string> = {};
  const sweep = config.sweep.alphas.map((alpha) => byId(`alpha=${alpha}`).result);
  for (const alpha of config.sweep.alphas) {
    const r = byId(`alpha=${alpha}`).result;
    const exit = r.exitStep;
    const atExit = exit === null ? undefined : r.snapshots.find((s) => s.step >= exit);
    const status = r.status === 'diverged' ? 'diverged' : exit === null ? 'no-exit' : 'ok';
    const sMax = maxOf(r.snapshots.map((s) => s.s));
    const degenerate = degenerateOf(r);
    fig2.push({ mark: 'alpha', alpha, s_max: Number.isFinite(sMax) ? sMax : null, r_exit: atExit?.r ?? null, status, degenerate });
    // a degenerate run is drawn, not quoted or fitted
    if (degenerate !== null) continue;
    if (Number.isFinite(sMax)) alphaValues[`s_max@${alpha}`] = sMax;
    if (atExit?.r !== undefined && atExit.r !== null) alphaValues[`r_exit@${alpha}`] = atExit.r;
  }
  // the reference s ∝ scaleBase^{−3α}, through the middle α
  const alphas = config.sweep.alphas;
  const middle = alphas[Math.floor(alphas.length / 2)];
  const sMiddle = alphaValues[`s_max@${middle}`];
  if (typeof sMiddle === 'number') {
    for (const alpha of [alphas[0], alphas.at(-1) as number])
      fig2.push({ mark: 'reference', alpha, s: sMiddle * config.train.scaleBase ** (-3 * (alpha - middle)) });
  }
  // the fit over the clean runs of the sweep, when every one of them has its s_max
  const clean = alphas.filter((_, i) => degenerateOf(sweep[i]) === null);
  const sMaxes = clean.map((a) => alphaValues[`s_max@${a}`]).filter((v): v is number => typeof v === 'number');
  const fitted = sMaxes.length === clean.length && clean.length >= 2 ? linearFit(clean, sMaxes.map(Math.log10)) : undefined;
  if (fitted && Number.isFinite(fitted.slope)) {
    alphaValues.s_slope = fitted.slope;
    alphaValues.s_slope_se = Number.isFinite(fitted.stderr) ? fitted.stderr : Number.NaN;
  }
  alphaValues.s_slope_predicted = -3 * Math.log10(config.train.scaleBase);
  // where each run's largest violation is: at initialisation (step 0) or later
  alphaValues.s_max_at_init = alphas.filter((alpha) => {
    const snaps = byId(`alpha=${alpha}`).result.snapshots;
    const best = Math.max(...snaps.map((s) => s.s ?? Number.NEGATIVE_INFINITY));
    return snaps[0]?.s === best;
  }).length;
  alphaValues.sweep_runs = alphas.length;
  // after the plateau's exit the condition holds exactly (r = 0) in this many runs
  alphaValues.holds_after_exit = alphas.filter((alpha) => {
    const r = byId(`alpha=${alpha}`).result;
    const exit = r.exitStep;
    return exit !== null && r.snapshots.filter((s) => s.step >= exit).every((s) => s.r === 0);
  }).length;
  const trainExit = train.exitStep;
  const rAtTrainExit = trainExit === null ? undefined : train.snapshots.find((s) => s.step >= trainExit)?.r;

  // conservation
  const cons: Cons['rows'] = [];
  for (const s of train.snapshots) {
    const push = (model: Cons['rows'][number]['model'], law: Cons['rows'][number]['law'], v: number | null | undefined) => {
      if (v !== null && v !== undefined && s.t > 0) cons.push({ mark: 'drift', model, law, t: s.t, drift: v });
    };
    push('network', 'aaᵀ − W2W2ᵀ', s.netAW2);
    push('network', 'W2ᵀW2 − W1W1ᵀ', s.netW2W1);
    push('effective model', 'aaᵀ − W2W2ᵀ', s.effAW2);
    push('effective model', 'W2ᵀW2 − W1W1ᵀ', s.effW2W1);
  }
  const plateauEnd = tOf(train, train.failStep);
  const netPlateau = train.snapshots.filter((s) => s.t < plateauEnd * 0.5);

  return {
    'chen2024-fig1': {
      rows: fig1,
      values: defined({
        m: config.train.m,
        std: config.train.scaleBase ** -config.train.alpha,
        lr: config.train.lr,
        retrain_lr: config.retrain.lr,
        steps: config.train.steps,
        checkpoint: config.train.checkpoint,
        retrain_steps: config.retrain.steps,
        threshold: config.failThreshold,
        t_star: train.tStar,
        t_star_steps: train.tStar / config.train.lr,
        exit_step: num(train.exitStep),
        fail_step: num(train.failStep),
        retrain_exit_step: num(retrain.exitStep),
        retrain_fail_step: num(retrain.failStep),
        fail_t: tOf(train, train.failStep),
        retrain_fail_t: retrainT(retrain.failStep),
        final_loss: num(train.finalLoss),
        retrain_final_loss: num(retrain.finalLoss),
        block: h?.block ?? 1,
        n: config.data.n,
        d: config.data.d,
        target_scale: config.data.scale,
        diverged: [train, retrain].filter((r) => r.status === 'diverged').length,
        ...degenerateCounts([train, retrain]),
        degenerate_train: degenerateOf(train) ?? '',
        degenerate_retrain: degenerateOf(retrain) ?? '',
      }),
    },
    'chen2024-fig2': {
      rows: fig2,
      values: defined({
        m: config.train.m,
        sweep_m: config.sweep.m,
        alphas: config.sweep.alphas.join(', '),
        sweep_lr: config.sweep.lr,
        time_factor: config.sweep.timeFactor,
        r_init: num(train.snapshots[0]?.r),
        r_exit: num(rAtTrainExit),
        ...alphaValues,
        // the runs drawn: `train` (the traces) and the sweep
        ...degenerateCounts([train, ...sweep]),
        degenerate_train: degenerateOf(train) ?? '',
      }),
    },
    'chen2024-conservation': {
      rows: cons,
      values: defined({
        eff_max: maxOf(train.snapshots.flatMap((s) => [s.effAW2, s.effW2W1])),
        net_plateau_max: maxOf(netPlateau.flatMap((s) => [s.netAW2, s.netW2W1])),
        net_max: maxOf(train.snapshots.flatMap((s) => [s.netAW2, s.netW2W1])),
        t_star: train.tStar,
        t_plateau: plateauEnd * 0.5,
        m: config.train.m,
        ...degenerateCounts([train]),
        degenerate_train: degenerateOf(train) ?? '',
      }),
    },
  };
}
