/**
 * zhou2022-fig6 → Fig. 6: S_W1 and S_W2 over the (γ2, γ3) plane on MNIST,
 * with the zero-crossing stars. The fits and the stars are zhou2022-grid's
 * (its aggregate: pointOf, crossings): per (γ2, γ3, seed) the slope of
 * log RD on log m over the widths whose run reached the tolerance with the
 * layer's motion resolved (at least MIN_WIDTHS of them), S the mean over the
 * seeds; a star where S changes sign between two fitted neighbours along one
 * axis. The rows have Fig. 5's schema (one view draws both).
 */
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { crossings, pointKey, pointOf, type SCell } from '../zhou2022-grid/aggregate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig6']>;
type Cell = AggregateInput<Config, Params, Result>['cells'][number];
type Point = Extract<Data['rows'][number], { mark: 'point' }>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>) {
  const gamma2s = [...config.gamma2s].sort((p, q) => p - q);
  const gamma3s = [...config.gamma3s].sort((p, q) => p - q);
  const at = new Map<string, Cell[]>();
  for (const c of cells) {
    const k = pointKey(c.cell.params.gamma2, c.cell.params.gamma3);
    at.set(k, [...(at.get(k) ?? []), c]);
  }
  const points = new Map<string, Point>();
  const fitted = { w1: new Set<SCell>(), w2: new Set<SCell>() };
  for (const g2 of gamma2s) for (const g3 of gamma3s) points.set(pointKey(g2, g3), pointOf(g2, g3, at.get(pointKey(g2, g3)) ?? [], config.seeds, fitted));
  const starsA = crossings(points, gamma2s, gamma3s, 'w1', 'gamma3', 'a');
  const starsB = crossings(points, gamma2s, gamma3s, 'w2', 'gamma2', 'b');
  const starsC = crossings(points, gamma2s, gamma3s, 'w2', 'gamma3', 'c');
  const runs: Data['rows'] = cells
    .map((c) => ({ c, p: c.cell.params, r: c.result }))
    .map(({ c, p, r }) => ({
      mark: 'rd',
      gamma2: p.gamma2,
      gamma3: p.gamma3,
      m: p.m,
      seed: p.replicate,
      rd_w1: r.rdW1,
      rd_w2: r.rdW2,
      status: r.status,
      w1_at_floor: r.w1AtFloor,
      w2_at_floor: r.w2AtFloor,
      steps: r.totalSteps,
      halvings: r.halvings,
      reached_tol: r.reachedTol,
      fit_w1: fitted.w1.has(c),
      fit_w2: fitted.w2.has(c),
      cell: c.cell.id,
    }));
  const pointList = [...points.values()];
  const values: NonNullable<Data['values']> = {
    widths: config.widths.join(', '),
    m_max: Math.max(...config.widths),
    seeds: config.seeds,
    points: pointList.length,
    runs: cells.length,
    stopped_short: cells.filter((c) => c.result.status !== 'converged').length,
    at_floor_w1: cells.filter((c) => c.result.w1AtFloor).length,
    at_floor_w2: cells.filter((c) => c.result.w2AtFloor).length,
    stars_a: starsA.length,
    stars_b: starsB.length,
    stars_c: starsC.length,
    gamma2s: gamma2s.join(', '),
    gamma3s: gamma3s.join(', '),
    tol: config.protocol.tol,
    max_steps: config.protocol.maxSteps,
    n: config.n,
    d: 784,
    d_out: 10,
    scaling: config.scaling,
    precision: config.protocol.precision ?? 'float32',
    compensated_runs: cells.filter((c) => c.result.precision === 'compensated').length,
    unfitted_w1: pointList.filter((p) => p.s_w1 === null).length,
    unfitted_w2: pointList.filter((p) => p.s_w2 === null).length,
  };
  for (const p of pointList) {
    const k = `g2=${p.gamma2},g3=${p.gamma3}`;
    if (p.s_w1 !== null) values[`s_w1@${k}`] = p.s_w1;
    if (p.s_w2 !== null) values[`s_w2@${k}`] = p.s_w2;
  }
  // the crossing γ3 of S_W1 at each γ2 of the grid ('none' where S_W1 keeps one sign along γ3)
  for (const g2 of gamma2s) values[`star_a@g2=${g2}`] = starsA.find((s) => s.gamma2 === g2)?.gamma3 ?? 'none';
  return { 'zhou2022-fig6': { rows: [...pointList, ...starsA, ...starsB, ...starsC, ...runs], values } };
}
