/**
 * zhou2022 Fig. 6 (MNIST, 10 outputs) at the quick profile (20 images,
 * widths 20–80, a 2 × 2 grid), in a copy of the project, one job: every run
 * converged on the compensated path with every point fitted; S_W1 increases
 * with γ3 at γ2 = 0 and is smaller at γ2 = 1 (a slower first layer) at both
 * γ3; the figure is drawn by Fig. 5's view (three panels). About ten seconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { figures } from '../../experiments/zhou2022-fig6/experiment.js';
import { figure as view } from '../../src/figures/zhou2022-fig6.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig6']>;

let project: ProjectCopy;
let data: Data;

beforeAll(() => {
  project = new ProjectCopy('cc-zhou2022-fig6-quick-');
  project.experiments(['--profile', 'quick', '--jobs', '1', 'zhou2022-fig6']);
  const manifest: Manifest = JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));
  const entry = manifest.figures['zhou2022-fig6'];
  if (!entry) throw new Error('zhou2022-fig6 is not in the quick build');
  data = JSON.parse(readFileSync(path.join(project.root, entry.aggregateFile), 'utf8')).figures['zhou2022-fig6'];
});
afterAll(() => project?.remove());

describe('zhou2022 Fig. 6 (MNIST) at the quick profile', () => {
  it('every run converged on the compensated path, every point is fitted', () => {
    const runs = data.rows.filter((r) => r.mark === 'rd');
    expect(runs).toHaveLength(12);
    for (const r of runs) if (r.mark === 'rd') expect(r.status, `(${r.gamma2}, ${r.gamma3}), m = ${r.m}`).toBe('converged');
    expect(data.values?.n).toBe(20);
    expect(data.values?.d_out).toBe(10);
    expect(data.values?.compensated_runs).toBe(12);
    expect(data.values?.unfitted_w1).toBe(0);
    expect(data.values?.unfitted_w2).toBe(0);
  });

  it('S_W1 increases with γ3 at γ2 = 0, and is smaller at γ2 = 1 than at γ2 = 0', () => {
    const s = (g2: number, g3: number) => {
      const p = data.rows.find((r) => r.mark === 'point' && r.gamma2 === g2 && r.gamma3 === g3);
      if (p?.mark !== 'point' || p.s_w1 === null) throw new Error(`no S_W1 at (${g2}, ${g3})`);
      return p.s_w1;
    };
    expect(s(0, 3)).toBeGreaterThan(s(0, 2));
    for (const g3 of [2, 3]) expect(s(1, g3), `γ3 = ${g3}`).toBeLessThan(s(0, g3));
  });

  it("is drawn by Fig. 5's view: three panels", () => {
    const panels = view.panels(data);
    expect(panels).toHaveLength(3);
    expect(panels.map((p) => p.title?.slice(0, 3))).toEqual(['(a)', '(b)', '(c)']);
  });
});
