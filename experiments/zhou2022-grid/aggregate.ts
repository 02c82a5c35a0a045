/**
 * zhou2022-grid → Figs. 1, 2, 5, 7, 8.
 *
 * Fits: per (γ2, γ3, seed), the least-squares slope of log RD on log m over
 * the widths whose run reached the tolerance with the layer's motion resolved
 * (a run whose other layer sat at the floor still counts): in float32, or, in
 * a cell run with precision 'auto' (config `auto`) that float32 left at the
 * floor, or with precision 'compensated' (config `auto`, `precision`), with
 * compensated updates, whose floor flags the result then carries (at least
 * MIN_WIDTHS of them); S at a point is the mean over its seeds.
 * Stars: where S changes sign between two neighbouring grid points along one
 * axis (both fitted), the zero of the straight line through them (zhou2022
 * Fig. 5 caption). A missing point breaks the line: no star across a gap.
 */
import { linearFit } from '../../src/engine/metrics/growthExponent.js';
import { countOrientations } from '../../src/engine/metrics/orientations.js';
import { threeLayerSchemes } from '../../src/engine/threeLayer/schemes.js';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Config, Params, Result } from './experiment.js';
import type { figures } from './figures.js';
import { toy1d } from '../../src/engine/data/toy1d.js';

type Data<K extends keyof typeof figures> = FigureDataOf<(typeof figures)[K]>;
type Cell = AggregateInput<Config, Params, Result>['cells'][number];
type Point = Extract<Data<'zhou2022-fig5'>['rows'][number], { mark: 'point' }>;
type Star = Extract<Data<'zhou2022-fig5'>['rows'][number], { mark: 'star' }>;

/** What the S fits and the stars read of a cell: zhou2022-grid's cells and those of other (γ2, γ3) grids (zhou2022-fig6, MNIST). */
export interface SCell {
  cell: { params: { gamma2: number; gamma3: number; m: number; replicate: number } };
  result: Pick<Result, 'reachedTol' | 'w1AtFloor' | 'w2AtFloor' | 'rdW1' | 'rdW2' | 'status'>;
}

/** Fewest widths a slope is fitted on. */
export const MIN_WIDTHS = 3;
/** The γ3 values of zhou2022 Fig. 2 (at γ2 = 0). */
export const FIG2_GAMMA3 = [1, 1.5, 2];
/** Neurons drawn per panel of the condensation map (of the SCATTER_NEURONS stored per cell). */
export const MAP_NEURONS = 100;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const key = (g2: number, g3: number) => `${g2}|${g3}`;
/** The key of a point in the map crossings() reads. */
export { key as pointKey };

function fitLayer(runs: SCell[], layer: 'w1' | 'w2'): { slope: number; se: number; n: number; used: SCell[] } | null {
  // the loss reached the tolerance and this layer's motion was resolved (the other layer may be at the float32 floor)
  const ok = runs.filter((c) => c.result.reachedTol && !c.result[layer === 'w1' ? 'w1AtFloor' : 'w2AtFloor']);
  const rd = (c: SCell) => (layer === 'w1' ? c.result.rdW1 : c.result.rdW2);
  const use = ok.filter((c) => rd(c) > 0);
  if (use.length < MIN_WIDTHS) return null;
  const fit = linearFit(
    use.map((c) => Math.log(c.cell.params.m)),
    use.map((c) => Math.log(rd(c))),
  );
  return Number.isFinite(fit.slope) ? { slope: fit.slope, se: fit.stderr, n: use.length, used: use } : null;
}

/** S at one point: mean over seeds of the per-seed slopes; se of one seed's slope, or of the mean. The runs fitted are added to `fitted` when given. */
export function pointOf(g2: number, g3: number, cells: SCell[], seeds: number, fitted?: Record<'w1' | 'w2', Set<SCell>>): Point {
  const s: Record<'w1' | 'w2', { v: number | null; se: number | null; n: number }> = { w1: { v: null, se: null, n: 0 }, w2: { v: null, se: null, n: 0 } };
  for (const layer of ['w1', 'w2'] as const) {
    const fits = Array.from({ length: seeds }, (_, r) =>
      fitLayer(
        cells.filter((c) => c.cell.params.replicate === r),
        layer,
      ),
    ).filter((f) => f !== null);
    if (fitted) for (const f of fits) for (const c of f.used) fitted[layer].add(c);
    if (!fits.length) continue;
    const v = mean(fits.map((f) => f.slope));
    const se = fits.length === 1 ? fits[0].se : Math.sqrt(mean(fits.map((f) => (f.slope - v) ** 2)) / (fits.length - 1));
    s[layer] = { v, se: Number.isFinite(se) ? se : null, n: fits.reduce((t, f) => t + f.n, 0) };
  }
  return {
    mark: 'point',
    gamma2: g2,
    gamma3: g3,
    s_w1: s.w1.v,
    s_w2: s.w2.v,
    s_w1_se: s.w1.se,
    s_w2_se: s.w2.se,
    n_w1: s.w1.n,
    n_w2: s.w2.n,
    runs: cells.length,
    stopped: cells.filter((c) => c.result.status !== 'converged').length,
    floor_w1: cells.filter((c) => c.result.w1AtFloor).length,
    floor_w2: cells.filter((c) => c.result.w2AtFloor).length,
  };
}

/** Zero crossings of S along one axis (the other fixed), between neighbours that are both fitted. */
export function crossings(
  points: Map<string, Point>,
  gamma2s: number[],
  gamma3s: number[],
  layer: 'w1' | 'w2',
  along: 'gamma2' | 'gamma3',
  panel: Star['panel'],
): Star[] {
  const out: Star[] = [];
  const fixedAxis = along === 'gamma3' ? gamma2s : gamma3s;
  const line = along === 'gamma3' ? gamma3s : gamma2s;
  for (const fixed of fixedAxis) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [g2a, g3a, g2b, g3b] = along === 'gamma3' ? [fixed, line[i], fixed, line[i + 1]] : [line[i], fixed, line[i + 1], fixed];
      const a = points.get(key(g2a, g3a))?.[`s_${layer}`];
      const b = points.get(key(g2b, g3b))?.[`s_${layer}`];
      if (a == null || b == null || Math.sign(a) === Math.sign(b) || a === b) continue;
      const t = a / (a - b);
      out.push({ mark: 'star', panel, layer, along, gamma2: g2a + t * (g2b - g2a), gamma3: g3a + t * (g3b - g3a) });
    }
  }
  return out;
}

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>) {
  const gamma2s = [...config.gamma2s].sort((p, q) => p - q);
  const gamma3s = [...config.gamma3s].sort((p, q) => p - q);
  const mMax = Math.max(...config.widths);
  const at = new Map<string, Cell[]>();
  for (const c of cells) {
    const k = key(c.cell.params.gamma2, c.cell.params.gamma3);
    at.set(k, [...(at.get(k) ?? []), c]);
  }
  const points = new Map<string, Point>();
  const fitted = { w1: new Set<SCell>(), w2: new Set<SCell>() };
  for (const g2 of gamma2s) for (const g3 of gamma3s) points.set(key(g2, g3), pointOf(g2, g3, at.get(key(g2, g3)) ?? [], config.seeds, fitted));

  const starsA = crossings(points, gamma2s, gamma3s, 'w1', 'gamma3', 'a');
  const starsB = crossings(points, gamma2s, gamma3s, 'w2', 'gamma2', 'b');
  const starsC = crossings(points, gamma2s, gamma3s, 'w2', 'gamma3', 'c');
  const runs: Data<'zhou2022-fig5'>['rows'] = cells
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
      precision: p.protocol.precision ?? 'float32',
    }));
  const pointList = [...points.values()];
  // runs that compensated updates can measure: 'auto' (re-run compensated at the float32 floor) and 'compensated' (from the start)
  const auto = cells.filter((c) => c.cell.params.protocol.precision === 'auto' || c.cell.params.protocol.precision === 'compensated');
  const values5: NonNullable<Data<'zhou2022-fig5'>['values']> = {
    widths: config.widths.join(', '),
    m_max: mMax,
    seeds: config.seeds,
    points: pointList.length,
    runs: cells.length,
    stopped_short: cells.filter((c) => c.result.status !== 'converged').length,
    floor_runs: cells.filter((c) => c.result.status === 'float32-floor').length,
    auto_runs: auto.length,
    auto_points: new Set(auto.map((c) => key(c.cell.params.gamma2, c.cell.params.gamma3))).size,
    compensated_runs: auto.filter((c) => c.cell.params.protocol.precision === 'compensated').length,
    at_floor_w1: cells.filter((c) => c.result.w1AtFloor).length,
    at_floor_w2: cells.filter((c) => c.result.w2AtFloor).length,
    stars_a: starsA.length,
    stars_b: starsB.length,
    stars_c: starsC.length,
    gamma2s: gamma2s.join(', '),
    gamma3s: gamma3s.join(', '),
    tol: config.protocol.tol,
    max_steps: config.protocol.maxSteps,
    unfitted_w1: pointList.filter((p) => p.s_w1 === null).length,
    unfitted_w2: pointList.filter((p) => p.s_w2 === null).length,
  };
  for (const p of pointList) {
    const k = `g2=${p.gamma2},g3=${p.gamma3}`;
    if (p.s_w1 !== null) values5[`s_w1@${k}`] = p.s_w1;
    if (p.s_w2 !== null) values5[`s_w2@${k}`] = p.s_w2;
  }
  // per column, the lowest crossing along γ3 ('–' when the column has none), so that the page's quotes always resolve
  for (const [panel, stars] of [
    ['a', starsA],
    ['c', starsC],
  ] as const) {
    for (const g2 of gamma2s) {
      const at = stars.filter((s) => s.gamma2 === g2).map((s) => s.gamma3);
      values5[`star_${panel}@g2=${g2}`] = at.length ? Math.min(...at) : '–';
    }
  }
  const fig5: Data<'zhou2022-fig5'> = { rows: [...pointList, ...starsA, ...starsB, ...starsC, ...runs], values: values5 };

  // Fig. 1: regimes by sign, the measured crossings, the schemes and the paper's statements.
  const regimeOf = (s: number | null): 'linear' | 'condensed' | null => (s === null ? null : s < 0 ? 'linear' : 'condensed');
  const fig1: Data<'zhou2022-fig1'> = {
    rows: [
      ...pointList.map((p) => ({ mark: 'regime' as const, gamma2: p.gamma2, gamma3: p.gamma3, w1: regimeOf(p.s_w1), w2: regimeOf(p.s_w2) })),
      ...[...starsA, ...starsB, ...starsC].map((s) => ({ mark: 'crossing' as const, layer: s.layer, along: s.along, gamma2: s.gamma2, gamma3: s.gamma3 })),
      ...threeLayerSchemes.map((s) => ({ mark: 'scheme' as const, name: s.name, gamma2: s.gamma2, gamma3: s.gamma3 })),
      ...paperStatements(),
    ],
    values: { crossings_w1: starsA.length, crossings_w2: starsB.length + starsC.length, m_max: mMax },
  };

  // Fig. 7: the detail-width scatter of every point; per column the point nearest each W¹ crossing is critical.
  const critical = new Set<string>();
  for (const s of starsA) {
    const below = gamma3s.filter((g) => g <= s.gamma3).at(-1);
    const above = gamma3s.find((g) => g > s.gamma3);
    const cand = [below, above].filter((g): g is number => g !== undefined).map((g) => points.get(key(s.gamma2, g)) as Point);
    cand.sort((p, q) => Math.abs(p.s_w1 ?? Infinity) - Math.abs(q.s_w1 ?? Infinity));
    if (cand[0]) critical.add(key(cand[0].gamma2, cand[0].gamma3));
  }
  const detail = cells.filter((c) => c.cell.params.detail && c.cell.params.replicate === 0 && c.result.scatter);
  const fig7rows: Data<'zhou2022-fig7'>['rows'] = [];
  for (const { cell, result: r } of detail) {
    const { gamma2, gamma3 } = cell.params;
    const sc = r.scatter as NonNullable<Result['scatter']>;
    const step = Math.max(1, Math.floor(sc.w.length / MAP_NEURONS));
    let scale = 0;
    for (let k = 0; k < sc.w.length; k += step) scale = Math.max(scale, Math.abs(sc.w[k]), Math.abs(sc.b[k]), Math.abs(sc.w0[k]), Math.abs(sc.b0[k]));
    fig7rows.push({ mark: 'cell', gamma2, gamma3, status: r.status, rd_w1: r.rdW1, critical: critical.has(key(gamma2, gamma3)), scale });
    for (let k = 0; k < sc.w.length; k += step) {
      fig7rows.push({ mark: 'neuron', gamma2, gamma3, phase: 'initial', w: sc.w0[k], b: sc.b0[k] });
      fig7rows.push({ mark: 'neuron', gamma2, gamma3, phase: 'final', w: sc.w[k], b: sc.b[k] });
    }
  }
  const fig7: Data<'zhou2022-fig7'> = {
    rows: fig7rows,
    values: { m: mMax, neurons: Math.min(MAP_NEURONS, detail[0]?.result.scatter?.w.length ?? 0), critical: critical.size },
  };

  // Fig. 8: ζ of W² at the detail width, mean over the repetitions that reached the tolerance with W² resolved.
  const fig8rows: Data<'zhou2022-fig8'>['rows'] = [];
  for (const g2 of gamma2s) {
    for (const g3 of gamma3s) {
      const reps = (at.get(key(g2, g3)) ?? []).filter((c) => c.cell.params.detail);
      // as for the fits: the loss reached the tolerance and W²'s motion was resolved (W¹ may sit at the float32 floor)
      const ok = reps.filter((c) => c.result.reachedTol && !c.result.w2AtFloor && c.result.zeta !== null);
      fig8rows.push({
        mark: 'cell',
        gamma2: g2,
        gamma3: g3,
        zeta: ok.length ? mean(ok.map((c) => c.result.zeta as number)) : null,
        zeta0: ok.length ? mean(ok.map((c) => c.result.zeta0 as number)) : null,
        reps: reps.length,
        converged: ok.length,
      });
    }
  }
  const values8: NonNullable<Data<'zhou2022-fig8'>['values']> = {
    m: mMax,
    seeds: config.seeds,
    zeta_rows: Math.max(0, ...cells.map((c) => c.result.zetaRows)),
  };
  for (const r of fig8rows) if (r.zeta !== null) values8[`zeta@g2=${r.gamma2},g3=${r.gamma3}`] = r.zeta;
  const fig8: Data<'zhou2022-fig8'> = { rows: fig8rows, values: values8 };

  return { 'zhou2022-fig5': fig5, 'zhou2022-fig1': fig1, 'zhou2022-fig2': fig2Of(detail), 'zhou2022-fig7': fig7, 'zhou2022-fig8': fig8 };
}

/** What the paper states at points of the plane (its Table 2 groups and the γ3 of its Fig. 2 at γ2 = 0). */
function paperStatements(): Extract<Data<'zhou2022-fig1'>['rows'][number], { mark: 'paper' }>[] {
  const groups = new Map<number, { gamma2: number; gamma3: number }>();
  for (const t of zhou2022Table2) groups.set(t.group, { gamma2: t.gamma2 / 30, gamma3: t.gamma3 / 30 });
  return [
    { mark: 'paper', label: 'Table 2 group 1: W1 and W2 linear', ...(groups.get(1) as { gamma2: number; gamma3: number }) },
    { mark: 'paper', label: 'Table 2 group 2: W1 linear, W2 near critical', ...(groups.get(2) as { gamma2: number; gamma3: number }) },
    { mark: 'paper', label: 'Fig. 2: W1 linear', gamma2: 0, gamma3: 1 },
    { mark: 'paper', label: 'Fig. 2: W1 intermediate', gamma2: 0, gamma3: 1.5 },
    { mark: 'paper', label: 'Fig. 2: W1 condensed', gamma2: 0, gamma3: 2 },
  ];
}

/** Fig. 2: the γ2 = 0 points of FIG2_GAMMA3 at the detail width: output, data, all stored W¹ rows, orientation count. */
function fig2Of(detail: Cell[]): Data<'zhou2022-fig2'> {
  const rows: Data<'zhou2022-fig2'>['rows'] = [];
  const data = toy1d();
  for (let i = 0; i < data.n; i++) rows.push({ mark: 'data', x: data.x[i], y: data.y[i] });
  const values: NonNullable<Data<'zhou2022-fig2'>['values']> = { m: 0, gamma2: 0, gamma3s: FIG2_GAMMA3.join(', '), neurons: 0 };
  for (const g3 of FIG2_GAMMA3) {
    const c = detail.find((d) => d.cell.params.gamma2 === 0 && d.cell.params.gamma3 === g3);
    if (!c) continue;
    const r = c.result;
    const sc = r.scatter as NonNullable<Result['scatter']>;
    const curve = r.curve as NonNullable<Result['curve']>;
    values.m = c.cell.params.m;
    values.neurons = sc.w.length;
    curve.x.forEach((x, k) => {
      rows.push({ mark: 'curve', gamma3: g3, x, y: curve.y[k] });
    });
    for (let k = 0; k < sc.w.length; k++) {
      rows.push({ mark: 'neuron', gamma2: 0, gamma3: g3, phase: 'initial', w: sc.w0[k], b: sc.b0[k] });
      rows.push({ mark: 'neuron', gamma2: 0, gamma3: g3, phase: 'final', w: sc.w[k], b: sc.b[k] });
    }
    // orientations of the final rows (w, b), amplitude = row norm; clusters of ≥ 5 % of the large rows
    const dirs = Float64Array.from(sc.w.flatMap((w, k) => [w, sc.b[k]]));
    const amps = sc.w.map((w, k) => Math.hypot(w, sc.b[k]));
    const large = countOrientations({ rows: dirs, dim: 2 }, amps).large.length;
    const { orientations } = countOrientations({ rows: dirs, dim: 2 }, amps, { minClusterSize: Math.max(1, Math.ceil(0.05 * large)) });
    rows.push({ mark: 'run', gamma3: g3, status: r.status, rd_w1: r.rdW1, orientations });
    values[`orientations@gamma3=${g3}`] = orientations;
    values[`rd_w1@gamma3=${g3}`] = r.rdW1;
  }
  return { rows, values };
}
