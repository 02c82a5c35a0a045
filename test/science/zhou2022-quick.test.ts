/**
 * zhou2022 Table 2 at the quick profile (CI-sized): in a copy of the project,
 * every run converges, and S_W2 of every group-2 row (γ2, γ3) = (0.7, 2.5),
 * near the critical regime of W2, is larger than S_W2 of every group-1 row
 * (0, 1.1), in the linear regime.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { figures } from '../../experiments/zhou2022-table2/experiment.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table2']>;

let project: ProjectCopy;
let data: Data;

beforeAll(() => {
  project = new ProjectCopy('cc-zhou2022-quick-');
  project.experiments(['--profile', 'quick', 'zhou2022-table2']);
  const manifest: Manifest = JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));
  expect(manifest.profile).toBe('quick');
  const p = manifest.figures['zhou2022-table2'];
  if (!p) throw new Error('zhou2022-table2 is not in the quick build');
  data = JSON.parse(readFileSync(path.join(project.root, p.aggregateFile), 'utf8')).figures['zhou2022-table2'];
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
