/**
 * The quick profile, CI-sized, must still show each paper's qualitative
 * result. Runs the experiments with `--profile quick` on a copy of the
 * project (from the copied store when fresh; nothing is written into this
 * working tree) and checks the figure data it produces, typed by the
 * experiments' figure schemas.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { figures as condensation } from '../../experiments/chen2023-condensation/experiment.js';
import type { figures as phase } from '../../experiments/chen2023-phase/experiment.js';
import type { figures as stage } from '../../experiments/chen2023-stage/experiment.js';
import type { figures as fig2 } from '../../experiments/luo2021-fig2/experiment.js';
import type { figures as fig3 } from '../../experiments/luo2021-fig3/experiment.js';
import type { figures as fig4 } from '../../experiments/luo2021-fig4/experiment.js';
import type { figures as fig5 } from '../../experiments/luo2021-fig5/experiment.js';
import type { figures as probe } from '../../experiments/luo2021-fig4-probe/experiment.js';
import type { figures as lrRule } from '../../experiments/luo2021-lr-rule/experiment.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

/** The declared figures, by id. */
type Figures = typeof condensation & typeof phase & typeof stage & typeof fig2 & typeof fig3 & typeof fig4 & typeof fig5 & typeof probe & typeof lrRule;

let project: ProjectCopy;
let manifest: Manifest;
function figure<K extends keyof Figures>(id: K): FigureDataOf<Figures[K]> {
  const p = manifest.figures[id];
  if (!p) throw new Error(`figure ${id} is not in the quick build`);
  return JSON.parse(readFileSync(path.join(project.root, p.aggregateFile), 'utf8')).figures[id];
}
/** A numeric value of a figure. */
function value(id: keyof Figures, name: string): number {
  const values: Record<string, unknown> | undefined = figure(id).values;
  const v = values?.[name];
  if (typeof v !== 'number') throw new Error(`value ${name} of ${id} is not a number: ${JSON.stringify(v)}`);
  return v;
}

beforeAll(() => {
  project = new ProjectCopy('cc-quick-');
  project.experiments(['--profile', 'quick']);
  manifest = JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));
  expect(manifest.profile).toBe('quick');
});
afterAll(() => project?.remove());

describe('luo2021 at the quick profile', () => {
  it('Fig. 2: RD grows with γ, and at γ = 1.75 the large neurons sit at two orientations', () => {
    expect(value('luo2021-fig2', 'rd_w@0.5')).toBeLessThan(value('luo2021-fig2', 'rd_w@1'));
    expect(value('luo2021-fig2', 'rd_w@1')).toBeLessThan(value('luo2021-fig2', 'rd_w@1.75'));
    expect(value('luo2021-fig2', 'orientations@1.75')).toBe(2);
    expect(value('luo2021-fig2', 'orientations@0.5')).toBeGreaterThan(4);
  });

  it('Fig. 3: S_w < 0 at γ = 0.5 and > 0 at γ = 1.75 for every initialisation', () => {
    const slopes = figure('luo2021-fig3').rows.filter((r) => r.mark === 'slope');
    expect(slopes.length).toBeGreaterThan(0);
    for (const r of slopes) {
      if (r.mark !== 'slope') continue;
      if (r.gamma === 0.5) expect(r.s_w).toBeLessThan(-0.2);
      if (r.gamma === 1.75) expect(r.s_w).toBeGreaterThan(0.2);
    }
    expect(figure('luo2021-fig3').values?.panel_gammas).toEqual([0.5, 1, 1.75]);
  });

  for (const id of ['luo2021-fig4', 'luo2021-fig5'] as const) {
    it(`${id}: the sign of S_w away from the boundary`, () => {
      const cells = figure(id).rows.flatMap((r) => (r.mark === 'cell' ? [r] : []));
      const gammas = [...new Set(cells.map((r) => r.gamma))].sort((p, q) => p - q);
      const [lo, hi] = [gammas[0], gammas.at(-1)!];
      expect(lo).toBeLessThanOrEqual(0.7);
      expect(hi).toBeGreaterThanOrEqual(1.3);
      for (const r of cells) {
        if (r.gamma === lo) expect(r.s_w, `S_w at γ = ${lo}, γ' = ${r.gamma_prime}`).toBeLessThan(0);
        if (r.gamma === hi && r.gamma_prime <= 0) expect(r.s_w, `S_w at γ = ${hi}, γ' = ${r.gamma_prime}`).toBeGreaterThan(0);
      }
    });
  }
});

describe('luo2021 follow-ups at the quick profile', () => {
  it('learning-rate rules: the stiffness half repeats Figs. 3 and 4 exactly; at γ ≥ 1, β1 = β2 = 1 both rules give the same S_w', () => {
    const rows3 = figure('luo2021-lr-rule-fig3').rows;
    expect(rows3.length).toBeGreaterThan(0);
    for (const r of rows3) {
      expect(r.s_w_stiffness, `γ = ${r.gamma}, p = ${r.p}`).toBe(value('luo2021-fig3', `s_w@p=${r.p},gamma=${r.gamma}`));
      if (r.p === 0 && r.gamma >= 1) expect(r.delta, `γ = ${r.gamma}`).toBe(0);
    }
    const stars = figure('luo2021-fig4').rows.flatMap((r) => (r.mark === 'star' ? [r] : []));
    for (const r of figure('luo2021-lr-rule-fig4').rows) {
      const own = stars.filter((x) => x.gamma_prime === r.gamma_prime).map((x) => x.gamma_star.toFixed(3));
      expect(r.stars_stiffness, `γ′ = ${r.gamma_prime}`).toBe(own.join(' & ') || 'none');
    }
  });

  it('probe: every seed and setting finds a sign change of S_w at γ′ = −0.2, and every run converged', () => {
    const rows = figure('luo2021-fig4-probe').rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.zeros, r.setting).not.toContain('none');
      expect(r.not_converged, r.setting).toBe(0);
    }
  });
});

describe('chen2023 at the quick profile', () => {
  it('phase diagram: every run measures the initial stage after at least one step, below its own initial loss', () => {
    const cells = figure('chen2023-phase').rows;
    expect(cells.length).toBeGreaterThan(0);
    for (const r of cells) expect(r.steps, `γ = ${r.gamma}, γ′ = ${r.gamma_prime}`).toBeGreaterThan(0);
  });

  it('multiplicity 1 condenses on one line (2 orientations), x·tanh x on two lines (4)', () => {
    for (const act of ['tanh', 'sigmoid0', 'softplus0']) {
      expect(value('chen2023-condensation', `orientations@${act}`), act).toBe(2);
      expect(value('chen2023-condensation', `lines@${act}`), act).toBe(1);
      expect(value('chen2023-condensation', `alignment@${act}`), act).toBeGreaterThan(0.95);
    }
    expect(value('chen2023-condensation', 'orientations@xtanh')).toBe(4);
    expect(value('chen2023-condensation', 'lines@xtanh')).toBe(2);
  });

  it('the initial stage lengthens like (2s − 1) log m / (2|z|) at small initialisation', () => {
    for (const s of [1, 1.5]) {
      const measured = value('chen2023-stage', `slope@${s}`);
      const predicted = value('chen2023-stage', `predicted@${s}`);
      expect(Math.abs(measured - predicted) / predicted, `s = ${s}`).toBeLessThan(0.15);
    }
  });

  it('alignment with ±z is high inside the heuristic region and near random outside', () => {
    expect(value('chen2023-phase', 'mean_inside')).toBeGreaterThan(0.9);
    expect(value('chen2023-phase', 'mean_outside')).toBeLessThan(0.8);
  });
});
