/**
 * chen2024 at the quick profile (CI-sized), in a copy of the project: the
 * qualitative results of issue 9.
 *  - Blow-up: the three-layer exit time grows like 1/ε (log–log slope ≈ 1, at
 *    the effective model's T*), the two-layer one like log(1/ε) (slope ≈ 1/|z|
 *    against log(1/ε), log–log slope well below 1).
 *  - Alignment: at the end of the plateau the large-norm rows of the first
 *    layer (top half by norm) are all aligned with z (|cos| > 0.9) at small ε,
 *    for both nets, and their misalignment 1 − |cos| shrinks as ε does.
 *  - Conservation: the effective model's drift is at rounding (and integrator
 *    tolerance) level; the network's is not.
 *  - Fig. 1: W1's rows are aligned (|D| ≈ 1) at the end of the plateau and not at
 *    initialisation; the retrained run (a continuation) leaves the plateau too,
 *    with the effective model failing at the same time t.
 *  - Fig. 2: the final-stage condition is violated at initialisation and holds at
 *    the end of the plateau; its largest violation shrinks with α.
 *  - Fig. 3: the singular values of the factorisation jump one after another.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { figures as blowup } from '../../experiments/chen2024-blowup/experiment.js';
import type { figures as condensation } from '../../experiments/chen2024-condensation/experiment.js';
import type { figures as mf } from '../../experiments/chen2024-fig3/experiment.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

let project: ProjectCopy;
let manifest: Manifest;

/** The aggregated data of a figure of the quick build. */
function figure<T>(id: string): T {
  const p = manifest.figures[id];
  if (!p) throw new Error(`${id} is not in the quick build`);
  return JSON.parse(readFileSync(path.join(project.root, p.aggregateFile), 'utf8')).figures[id];
}

beforeAll(() => {
  project = new ProjectCopy('cc-chen2024-quick-');
  // an empty store for these experiments: every cell is computed here, the continuation after its parent
  for (const id of ['chen2024-blowup', 'chen2024-condensation', 'chen2024-fig3']) project.run('rm', ['-rf', path.join('results', id)]);
  project.experiments(['--profile', 'quick', 'chen2024-blowup', 'chen2024-condensation', 'chen2024-fig3']);
  manifest = JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));
  expect(manifest.profile).toBe('quick');
});
afterAll(() => project?.remove());

describe('chen2024 at the quick profile', () => {
  it('blow-up: three-layer exit time ∝ 1/ε, two-layer ∝ log(1/ε), over at least three decades', () => {
    const d = figure<FigureDataOf<(typeof blowup)['chen2024-blowup']>>('chen2024-blowup');
    const v = d.values as NonNullable<typeof d.values>;
    expect(v.not_exited).toBe(0);
    expect(v.decades).toBeGreaterThanOrEqual(3);
    expect(v.three_slope).toBeGreaterThan(0.9);
    expect(v.three_slope).toBeLessThan(1.1);
    expect(v.three_ratio_min).toBeGreaterThan(0.9);
    expect(v.three_ratio_max).toBeLessThan(1.05);
    expect(Math.abs(v.two_log_slope / v.inv_z - 1)).toBeLessThan(0.15);
    expect(v.two_loglog_slope).toBeLessThan(0.4);
  });

  it('alignment: at the end of the plateau the large-norm W1 rows are aligned with z at small ε, and more so than at large ε', () => {
    const d = figure<FigureDataOf<(typeof blowup)['chen2024-alignment']>>('chen2024-alignment');
    const v = d.values as NonNullable<typeof d.values>;
    expect(v.rows_counted).toBe(Math.ceil(v.m / 2));
    expect(v.three_frac_min_small).toBe(1);
    expect(v.two_frac_min_small).toBe(1);
    for (const net of ['two-layer', 'three-layer'] as const) {
      const runs = d.rows.filter((r) => r.net === net);
      const at = (eps: number) => runs.filter((r) => r.eps === eps);
      expect(at(v.eps_min).length).toBeGreaterThan(0);
      for (const r of at(v.eps_min)) {
        expect(r.frac_aligned).toBe(1);
        expect(r.rows_counted).toBe(v.rows_counted);
      }
      const meanMis = (eps: number) => at(eps).reduce((s, r) => s + (r.misalignment as number), 0) / at(eps).length;
      expect(meanMis(v.eps_min)).toBeLessThan(0.2 * meanMis(v.eps_max));
    }
  });

  it('conservation laws: at rounding for the effective model, drifting for the network', () => {
    const d = figure<FigureDataOf<(typeof condensation)['chen2024-conservation']>>('chen2024-conservation');
    const v = d.values as NonNullable<typeof d.values>;
    expect(v.eff_max).toBeLessThan(1e-11);
    expect(v.net_max).toBeGreaterThan(1e-3);
    expect(d.rows.filter((r) => r.model === 'effective model').length).toBeGreaterThan(10);
  });

  it('Fig. 1: condensed W1 at the end of the plateau, and a retrained continuation that fails the effective model at the same time', () => {
    const d = figure<FigureDataOf<(typeof condensation)['chen2024-fig1']>>('chen2024-fig1');
    const meanAbs = (when: string) => {
      const cells = d.rows.flatMap((r) => (r.mark === 'sim' && r.when === when && r.i !== r.j ? [Math.abs(r.d)] : []));
      return cells.reduce((s, x) => s + x, 0) / cells.length;
    };
    expect(meanAbs('condensation')).toBeGreaterThan(0.9);
    expect(meanAbs('initialisation')).toBeLessThan(0.6);
    const v = d.values as NonNullable<typeof d.values>;
    expect(v.diverged).toBe(0);
    expect(v.retrain_exit_step).toBeGreaterThan(v.checkpoint);
    expect(v.exit_step as number).toBeGreaterThan(0.9 * v.t_star_steps);
    expect(Math.abs((v.retrain_fail_t as number) / (v.fail_t as number) - 1)).toBeLessThan(0.05);
    expect(d.rows.some((r) => r.mark === 'loss' && r.run === 'retrain')).toBe(true);
  });

  it('Fig. 2: the final-stage condition holds at the end of the plateau, and its violation shrinks with α', () => {
    const d = figure<FigureDataOf<(typeof condensation)['chen2024-fig2']>>('chen2024-fig2');
    expect(d.values?.r_init).toBeGreaterThan(0.2);
    expect(d.values?.r_exit).toBeLessThan(0.01);
    const sweep = d.rows.flatMap((r) => (r.mark === 'alpha' ? [r] : [])).sort((p, q) => p.alpha - q.alpha);
    expect(sweep.length).toBeGreaterThanOrEqual(3);
    for (const r of sweep) expect(r.status).toBe('ok');
    for (let i = 1; i < sweep.length; i++) expect(sweep[i].s_max as number).toBeLessThan(sweep[i - 1].s_max as number);
  });

  it('Fig. 3: the singular values of the factorisation jump one after another', () => {
    const d = figure<FigureDataOf<(typeof mf)['chen2024-fig3']>>('chen2024-fig3');
    const v = d.values as Record<string, number | string>;
    expect(v.status).toBe('ok');
    expect(v['jump@1'] as number).toBeLessThan(v['jump@2'] as number);
    expect(v.final_loss as number).toBeLessThan(1e-3 * (v.initial_loss as number));
  });
});
