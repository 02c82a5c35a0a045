/**
 * zhou2022-grid's `auto` list (config): only the listed (γ2, γ3, m) cells run
 * with protocol.precision 'auto' (or the entry's `precision`, 'compensated'),
 * every other cell keeps the configured protocol (hence its key); and the
 * aggregate fits a layer that an 'auto' or 'compensated' run resolved, while a
 * run still at the floor stays out of the fits and counted.
 */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/zhou2022-grid/aggregate.js';
import grid, { type Config, type Params, type Result } from '../../experiments/zhou2022-grid/experiment.js';
import type { CellSpec } from '../../src/pipeline/experiment.js';
import { resolveProfile } from '../../src/pipeline/registry.js';

const paper = grid.profiles.paper as Config;

describe('zhou2022-grid: cells run with precision auto', () => {
  it('exactly the listed points and widths ask for auto; every other cell has the configured protocol', () => {
    const cells = grid.cells(paper);
    const listed = (p: Params) => (paper.auto ?? []).filter((a) => a.gamma2 === p.gamma2 && a.gamma3 === p.gamma3 && (a.widths?.includes(p.m) ?? true));
    expect(paper.auto?.length).toBeGreaterThan(0);
    const asked = { auto: 0, compensated: 0 };
    for (const c of cells) {
      const entries = listed(c.params);
      expect(entries.length, c.id).toBeLessThanOrEqual(1);
      if (entries.length) {
        const precision = entries[0].precision ?? 'auto';
        asked[precision]++;
        expect(c.params.protocol, c.id).toEqual({ ...paper.protocol, precision });
      } else {
        expect(c.params.protocol, c.id).toBe(paper.protocol);
        expect('precision' in c.params.protocol, c.id).toBe(false);
      }
    }
    expect(asked.auto).toBeGreaterThan(0);
    // compensated from the start: the m = 5000 runs that float32 left at the floor but the step cap stopped first
    // ('auto' does not re-run them), and the runs float32 stopped on a stalled loss near the top of the grid
    expect(cells.filter((c) => c.params.protocol.precision === 'compensated').map((c) => c.id)).toEqual([
      'gamma2=0,gamma3=0.5,m=5000,replicate=0',
      'gamma2=0,gamma3=4,m=2500,replicate=0',
      'gamma2=0,gamma3=4,m=5000,replicate=0',
      'gamma2=0,gamma3=4.5,m=5000,replicate=0',
      'gamma2=0.25,gamma3=0.5,m=5000,replicate=0',
      'gamma2=0.5,gamma3=4.5,m=2500,replicate=0',
      'gamma2=0.5,gamma3=4.5,m=5000,replicate=0',
      'gamma2=0.5,gamma3=5,m=5000,replicate=0',
      'gamma2=0.75,gamma3=0.5,m=5000,replicate=0',
      'gamma2=0.75,gamma3=5,m=2500,replicate=0',
      'gamma2=0.75,gamma3=5,m=5000,replicate=0',
    ]);
    // the same ids and seeds with and without the list: only the params of the listed cells change
    const without = grid.cells({ ...paper, auto: [] });
    expect(without.map((c) => [c.id, c.seed])).toEqual(cells.map((c) => [c.id, c.seed]));
  });

  it('a listed point off the grid is an error naming the experiment and the field', () => {
    expect(() => grid.cells({ ...paper, auto: [{ gamma2: 0.3, gamma3: 1 }] })).toThrow(/zhou2022-grid: config field auto: \(γ2, γ3\) = \(0\.3, 1\)/);
    expect(() => grid.cells({ ...paper, auto: [{ gamma2: 1, gamma3: 1, widths: [123] }] })).toThrow(/not on the grid/);
  });

  it('a cell listed twice is an error naming the experiment, the field and the width', () => {
    const twice: Config['auto'] = [
      { gamma2: 1, gamma3: 1 },
      { gamma2: 1, gamma3: 1, widths: [5000], precision: 'compensated' },
    ];
    expect(() => grid.cells({ ...paper, auto: twice })).toThrow(
      /zhou2022-grid: config field auto: \(γ2, γ3\) = \(1, 1\) widths all: m = 5000 is listed more than once/,
    );
  });

  it("an entry's precision other than 'auto' or 'compensated' is refused, naming the experiment and the field", () => {
    const bad = { ...paper, auto: [{ gamma2: 1, gamma3: 1, precision: 'float64' }] };
    const exp = {
      def: { ...grid, profiles: { ...grid.profiles, paper: bad } },
      definitionFile: 'experiments/zhou2022-grid/experiment.ts',
      runFile: '',
      aggregateFile: '',
    };
    expect(() => resolveProfile(exp as never, 'paper')).toThrow(
      /experiment "zhou2022-grid" .*profile "paper": invalid configuration\n\s+field config\.auto\.0\.precision: /,
    );
    expect(grid.config.safeParse({ ...paper, auto: [{ gamma2: 1, gamma3: 1, precision: 'compensated' }] }).success).toBe(true);
  });
});

/** A run at (γ2, γ3, m): RD(W¹) = 0.1·m^s1, RD(W²) = 0.1·m^-0.5, with the given status and floor flags. */
function run(
  gamma2: number,
  gamma3: number,
  m: number,
  precision: 'auto' | 'compensated' | undefined,
  s1: number,
  floor: { w1: boolean; status: Result['status'] },
) {
  const protocol = { lr0: 1, tol: 1e-6, maxSteps: 1000, maxRestarts: 20, ...(precision ? { precision } : {}) };
  const cell: CellSpec<Params> = {
    id: `gamma2=${gamma2},gamma3=${gamma3},m=${m},replicate=0`,
    seed: 1,
    params: { gamma2, gamma3, m, replicate: 0, detail: false, protocol },
  };
  const result: Result = {
    path: 'wasm-kernel',
    status: floor.status,
    stoppedShort: floor.status !== 'converged',
    reachedTol: floor.status !== 'max-steps',
    steps: 100,
    totalSteps: 100,
    finalLoss: 1e-6,
    finalRs: 5e-7,
    lr0: 1,
    lr: 1,
    halvings: 0,
    toleratedRises: 0,
    rdW1: floor.w1 ? 0 : 0.1 * m ** s1,
    rdW2: 0.1 * m ** -0.5,
    rdA: 0.1,
    w1AtFloor: floor.w1,
    w2AtFloor: false,
    zeta: null,
    zeta0: null,
    zetaRows: 0,
  };
  return { cell, result };
}

describe('zhou2022-grid aggregate: runs measured with precision auto or compensated', () => {
  const widths = [100, 1000, 2500];
  const config: Config = {
    ...paper,
    gamma2s: [0, 1],
    gamma3s: [1, 2],
    widths,
    exclude: [],
    auto: [
      { gamma2: 1, gamma3: 1 },
      { gamma2: 0, gamma3: 2, widths: [5000], precision: 'compensated' },
      { gamma2: 1, gamma3: 2, widths: [5000], precision: 'compensated' },
    ],
  };
  const clean = { w1: false, status: 'converged' as const };
  const atFloor = { w1: true, status: 'float32-floor' as const };
  const capped = { w1: true, status: 'max-steps' as const };
  // (0, ·): float32, resolved; (1, 2): float32, W¹ at the floor; (1, 1): auto, resolved at three widths, still at the floor at one;
  // m = 5000 at (0, 2) and (1, 2): compensated from the start, resolved at (0, 2), still at the floor (and capped) at (1, 2)
  const cells = [
    ...widths.map((m) => run(0, 1, m, undefined, -0.3, clean)),
    ...widths.map((m) => run(0, 2, m, undefined, 0.2, clean)),
    ...widths.map((m) => run(1, 2, m, undefined, 0.1, atFloor)),
    ...widths.map((m) => run(1, 1, m, 'auto', -0.7, m === 2500 ? atFloor : clean)),
    run(1, 1, 5000, 'auto', -0.7, clean),
    run(0, 2, 5000, 'compensated', 0.2, clean),
    run(1, 2, 5000, 'compensated', 0.1, capped),
  ];
  const out = aggregate({ config: { ...config, widths: [...widths, 5000] }, profile: 'test', cells });
  const fig5 = out['zhou2022-fig5'];
  const point = (g2: number, g3: number) => fig5.rows.find((r) => r.mark === 'point' && r.gamma2 === g2 && r.gamma3 === g3);

  it('fits W¹ on the auto runs that resolved it, not on a run still at the floor', () => {
    const p = point(1, 1);
    expect(p?.mark === 'point' && p.s_w1).toBeCloseTo(-0.7, 10);
    expect(p?.mark === 'point' && p.n_w1).toBe(3);
    expect(p?.mark === 'point' && p.floor_w1).toBe(1);
    expect(point(1, 2)?.mark === 'point' && (point(1, 2) as { s_w1: number | null }).s_w1).toBe(null);
    const rd = fig5.rows.filter((r) => r.mark === 'rd' && r.gamma2 === 1 && r.gamma3 === 1);
    expect(rd.map((r) => r.mark === 'rd' && [r.m, r.precision, r.fit_w1])).toEqual([
      [100, 'auto', true],
      [1000, 'auto', true],
      [2500, 'auto', false],
      [5000, 'auto', true],
    ]);
  });

  it('fits a compensated run that resolved the layer, not one still at the floor', () => {
    const p = point(0, 2);
    expect(p?.mark === 'point' && p.s_w1).toBeCloseTo(0.2, 10);
    expect(p?.mark === 'point' && p.n_w1).toBe(4);
    const q = point(1, 2);
    expect(q?.mark === 'point' && [q.s_w1, q.floor_w1, q.stopped]).toEqual([null, 4, 4]);
    const rd = fig5.rows.filter((r) => r.mark === 'rd' && r.m === 5000 && r.gamma3 === 2);
    expect(rd.map((r) => r.mark === 'rd' && [r.gamma2, r.precision, r.fit_w1])).toEqual([
      [0, 'compensated', true],
      [1, 'compensated', false],
    ]);
  });

  it('counts the auto and compensated runs, and the runs left at the floor', () => {
    expect(fig5.values).toMatchObject({
      runs: 15,
      auto_runs: 6,
      auto_points: 3,
      compensated_runs: 2,
      floor_runs: 4,
      at_floor_w1: 5,
      stopped_short: 5,
    });
  });
});
