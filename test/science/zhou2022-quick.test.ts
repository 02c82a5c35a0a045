/**
 * zhou2022 at the quick profile (CI-sized), in a copy of the project: the
 * qualitative result of each figure.
 *  - Table 2: every run converges, and S_W2 of every group-2 row (γ2, γ3) =
 *    (0.7, 2.5), near the critical regime of W2, is larger than S_W2 of every
 *    group-1 row (0, 1.1), in the linear regime.
 *  - Figs. 4 and 5: S_W1 increases with γ3 at γ2 = 0, and changes sign there.
 *  - Fig. 2: final ≈ initial W1 at γ3 = 1.0, few orientations at γ3 = 2.0.
 *  - Fig. 3: the W2 similarity is unstructured at γ3 = 2.2 and blocky at 2.8.
 *  - Fig. 8: ζ is larger in the condensed corner than in the linear one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { figures as fig3 } from '../../experiments/zhou2022-fig3/experiment.js';
import type { figures as fig4 } from '../../experiments/zhou2022-fig4/experiment.js';
import type { figures as grid } from '../../experiments/zhou2022-grid/figures.js';
import type { figures } from '../../experiments/zhou2022-table2/experiment.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table2']>;

let project: ProjectCopy;
let manifest: Manifest;
let data: Data;

/** The aggregated data of a figure of the quick build. */
function figure<T>(id: string): T {
  const p = manifest.figures[id];
  if (!p) throw new Error(`${id} is not in the quick build`);
  return JSON.parse(readFileSync(path.join(project.root, p.aggregateFile), 'utf8')).figures[id];
}

beforeAll(() => {
  project = new ProjectCopy('cc-zhou2022-quick-');
  project.experiments(['--profile', 'quick', 'zhou2022-table2', 'zhou2022-grid', 'zhou2022-fig3', 'zhou2022-fig4']);
  manifest = JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));
  expect(manifest.profile).toBe('quick');
  data = figure<Data>('zhou2022-table2');
});
afterAll(() => project?.remove());

describe('zhou2022 Table 2 at the quick profile', () => {
  it('every run converged, and every (row, seed) was fitted', () => {
    const runs = data.rows.filter((r) => r.mark === 'rd');
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) if (r.mark === 'rd') expect(r.status, `row ${r.row}, seed ${r.seed}, m = ${r.m}`).toBe('converged');
    expect(data.values?.stopped_short).toBe(0);
    expect(data.values?.unfitted).toBe(0);
  });

  it('S_W2 of every group-2 row is larger than S_W2 of every group-1 row', () => {
    const rows = data.rows.flatMap((r) => (r.mark === 'row' ? [r] : []));
    const s = (group: number) => rows.filter((r) => r.group === group).map((r) => r.s_w2);
    expect(s(1)).toHaveLength(3);
    expect(s(2)).toHaveLength(3);
    for (const v of [...s(1), ...s(2)]) expect(v).not.toBeNull();
    expect(Math.min(...(s(2) as number[]))).toBeGreaterThan(Math.max(...(s(1) as number[])));
  });
});

describe('zhou2022 figures at the quick profile', () => {
  it('Fig. 5: S_W1 increases with γ3 at γ2 = 0 and changes sign, with a star between', () => {
    const d = figure<FigureDataOf<(typeof grid)['zhou2022-fig5']>>('zhou2022-fig5');
    const column = d.rows.flatMap((r) => (r.mark === 'point' && r.gamma2 === 0 && r.s_w1 !== null ? [r] : [])).sort((p, q) => p.gamma3 - q.gamma3);
    expect(column.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < column.length; i++) expect(column[i].s_w1, `γ3 = ${column[i].gamma3}`).toBeGreaterThan(column[i - 1].s_w1 as number);
    expect(column[0].s_w1).toBeLessThan(0);
    expect(column.at(-1)?.s_w1).toBeGreaterThan(0);
    const stars = d.rows.flatMap((r) => (r.mark === 'star' && r.panel === 'a' && r.gamma2 === 0 ? [r] : []));
    expect(stars).toHaveLength(1);
    expect(stars[0].gamma3).toBeGreaterThan(column[0].gamma3);
    expect(stars[0].gamma3).toBeLessThan(column.at(-1)?.gamma3 as number);
  });

  it('Fig. 4: the fitted S_W1 increases with γ3', () => {
    const d = figure<FigureDataOf<(typeof fig4)['zhou2022-fig4']>>('zhou2022-fig4');
    const slopes = d.rows.flatMap((r) => (r.mark === 'slope' ? [r] : [])).sort((p, q) => p.gamma3 - q.gamma3);
    expect(slopes).toHaveLength(3);
    for (const s of slopes) expect(s.s_w1, `γ3 = ${s.gamma3}`).not.toBeNull();
    expect(slopes[1].s_w1).toBeGreaterThan(slopes[0].s_w1 as number);
    expect(slopes[2].s_w1).toBeGreaterThan(slopes[1].s_w1 as number);
  });

  it('Fig. 2: W1 barely moves at γ3 = 1.0 and gathers on few orientations at γ3 = 2.0', () => {
    const d = figure<FigureDataOf<(typeof grid)['zhou2022-fig2']>>('zhou2022-fig2');
    const run = (g3: number) => {
      const r = d.rows.find((x) => x.mark === 'run' && x.gamma3 === g3);
      if (r?.mark !== 'run') throw new Error(`no run at γ3 = ${g3}`);
      return r;
    };
    expect(run(1).status).toBe('converged');
    expect(run(1).rd_w1).toBeLessThan(0.1);
    expect(run(2).rd_w1).toBeGreaterThan(10 * run(1).rd_w1);
    expect(run(2).orientations).toBeLessThanOrEqual(4);
    expect(run(2).orientations).toBeLessThan(run(1).orientations);
  });

  it('Fig. 3: the largest rows of W2 are unstructured at γ3 = 2.2 and blocky at γ3 = 2.8', () => {
    const d = figure<FigureDataOf<(typeof fig3)['zhou2022-fig3']>>('zhou2022-fig3');
    const at = (g3: number) => d.values?.[`mean_abs_d@gamma3=${g3}`] as number;
    expect(d.values?.['status@gamma3=2.8']).toBe('converged');
    expect(at(2.8)).toBeGreaterThan(2 * at(2.2));
    expect(at(2.8)).toBeGreaterThan(0.4);
  });

  it('Fig. 8: ζ of W2 is larger in the condensed corner than in the linear one', () => {
    const d = figure<FigureDataOf<(typeof grid)['zhou2022-fig8']>>('zhou2022-fig8');
    const zeta = (g2: number, g3: number) => d.rows.find((r) => r.gamma2 === g2 && r.gamma3 === g3)?.zeta;
    const linear = zeta(0, 1);
    const condensed = zeta(1, 3);
    expect(linear).toBeTypeOf('number');
    expect(condensed).toBeTypeOf('number');
    expect(condensed as number).toBeGreaterThan(3 * (linear as number));
  });
});
