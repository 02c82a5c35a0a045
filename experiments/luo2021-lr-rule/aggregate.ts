/**
 * luo2021-lr-rule: S_w of Fig. 3 per (γ, initialisation) and the sign changes
 * of S_w of Fig. 4 per γ′, under each learning-rate rule, and how far they move.
 */
import { boundaryGamma } from '../../src/engine/theory/luo2021.js';
import { growthExponent, zeroCrossings } from '../../src/engine/metrics/growthExponent.js';
import { finite } from '../../src/pipeline/compact.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { midpoints } from '../shared/sHeatmap.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Fig3 = FigureDataOf<(typeof figures)['luo2021-lr-rule-fig3']>;
type Fig4 = FigureDataOf<(typeof figures)['luo2021-lr-rule-fig4']>;
type Cell = AggregateInput<Config, Params, Result>['cells'][number];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const delta = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? b - a : null);

function slopeFit(cells: Cell[]) {
  return growthExponent(
    cells.map((c) => c.cell.params.m),
    cells.map((c) => c.result.rdW),
  );
}

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-lr-rule-fig3': Fig3; 'luo2021-lr-rule-fig4': Fig4 } {
  const of = (figure: 'fig3' | 'fig4', rule: string, pred: (p: Params) => boolean) =>
    cells.filter((c) => c.cell.params.figure === figure && c.cell.params.rule === rule && pred(c.cell.params));
  const notConverged = (cs: Cell[]) => cs.filter((c) => c.result.status !== 'converged').length;

  // Fig. 3: S_w per (p, γ) under each rule
  const rows3: Fig3['rows'] = [];
  let max3 = 0;
  for (const p of config.fig3.inits) {
    for (const gamma of config.fig3.gammas) {
      const at = (rule: string) => of('fig3', rule, (q) => q.p === p && q.gamma === gamma);
      const [a, b] = [at('stiffness'), at('code')];
      const [sa, sb] = [slopeFit(a).slope, slopeFit(b).slope];
      const widest = (cs: Cell[]) => cs.reduce((x, y) => (y.cell.params.m > x.cell.params.m ? y : x));
      const d = delta(sa, sb);
      if (d !== null) max3 = Math.max(max3, Math.abs(d));
      rows3.push({
        mark: 'slope',
        gamma,
        p,
        s_w_stiffness: finite(sa),
        s_w_code: finite(sb),
        delta: d === null ? null : finite(d),
        lr_ratio: finite(widest(b).result.lr / widest(a).result.lr),
        steps_code: Math.max(...b.map((c) => c.result.steps)),
        not_converged: notConverged([...a, ...b]),
      });
    }
  }
  const cells3 = cells.filter((c) => c.cell.params.figure === 'fig3');

  // Fig. 4: zeros of S_w along γ per γ′ under each rule
  const gammas = midpoints(config.fig4.gammaEdges);
  const rows4: Fig4['rows'] = [];
  let max4 = 0;
  let maxShift = 0;
  for (const gammaPrime of config.fig4.gammaPrimes) {
    const sw = (rule: string) => gammas.map((gamma) => slopeFit(of('fig4', rule, (q) => q.gammaPrime === gammaPrime && q.gamma === gamma)).slope);
    const [sa, sb] = [sw('stiffness'), sw('code')];
    const rowMax = Math.max(...sa.map((s, i) => Math.abs(sb[i] - s)));
    max4 = Math.max(max4, rowMax);
    const [za, zb] = [zeroCrossings(gammas, sa), zeroCrossings(gammas, sb)];
    const star = (z: number[]) => (z.length > 0 ? mean(z) : null);
    const [ga, gb] = [star(za), star(zb)];
    if (ga !== null && gb !== null) maxShift = Math.max(maxShift, Math.abs(gb - ga));
    rows4.push({
      mark: 'star',
      gamma_prime: gammaPrime,
      boundary: boundaryGamma(gammaPrime),
      stars_stiffness: za.map((z) => z.toFixed(3)).join(' & ') || 'none',
      stars_code: zb.map((z) => z.toFixed(3)).join(' & ') || 'none',
      star_stiffness: ga === null ? null : finite(ga),
      star_code: gb === null ? null : finite(gb),
      max_delta: finite(rowMax),
      not_converged: notConverged(of('fig4', 'stiffness', (q) => q.gammaPrime === gammaPrime).concat(of('fig4', 'code', (q) => q.gammaPrime === gammaPrime))),
    });
  }
  const cells4 = cells.filter((c) => c.cell.params.figure === 'fig4');
  const maxErr = (key: 'star_stiffness' | 'star_code') =>
    Math.max(...rows4.flatMap((r) => (r[key] === null ? [] : [Math.abs((r[key] as number) - r.boundary)])));
  return {
    'luo2021-lr-rule-fig3': {
      rows: rows3,
      values: {
        widths: config.fig3.widths.join(', '),
        runs: cells3.length,
        not_converged: notConverged(cells3),
        max_abs_delta: max3,
      },
    },
    'luo2021-lr-rule-fig4': {
      rows: rows4,
      values: {
        widths: config.fig4.widths.join(', '),
        runs: cells4.length,
        not_converged: notConverged(cells4),
        max_abs_delta: max4,
        max_star_shift: maxShift,
        max_crossing_error_stiffness: maxErr('star_stiffness'),
        max_crossing_error_code: maxErr('star_code'),
      },
    },
  };
}
