/**
 * The quick profile, CI-sized, must still show each paper's qualitative
 * result. Runs `npm run experiments -- --profile quick` (from the store when
 * fresh) and checks the figure data it produces.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureData } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { env, repoRoot } from '../helpers/fixture.js';

let manifest: Manifest;
const figure = (id: string): FigureData => {
  const p = manifest.figures[id];
  if (!p) throw new Error(`figure ${id} is not in the quick build`);
  return JSON.parse(readFileSync(path.join(repoRoot, p.aggregateFile), 'utf8')).figures[id];
};
const value = (id: string, name: string) => figure(id).values![name] as number;

beforeAll(() => {
  const r = spawnSync('npm', ['run', 'experiments', '--', '--profile', 'quick', '--no-progress'], { cwd: repoRoot, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`quick experiments failed:\n${r.stderr}`);
  manifest = JSON.parse(readFileSync(path.join(repoRoot, '.build', 'manifest.json'), 'utf8'));
  expect(manifest.profile).toBe('quick');
});

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
      if (r.gamma === 0.5) expect(r.s_w as number).toBeLessThan(-0.2);
      if (r.gamma === 1.75) expect(r.s_w as number).toBeGreaterThan(0.2);
    }
  });

  for (const id of ['luo2021-fig4', 'luo2021-fig5']) {
    it(`${id}: the sign of S_w away from the boundary`, () => {
      const cells = figure(id).rows.filter((r) => r.mark === 'cell');
      const gammas = [...new Set(cells.map((r) => r.gamma as number))].sort((p, q) => p - q);
      const [lo, hi] = [gammas[0], gammas.at(-1)!];
      expect(lo).toBeLessThanOrEqual(0.7);
      expect(hi).toBeGreaterThanOrEqual(1.3);
      for (const r of cells) {
        if (r.gamma === lo) expect(r.s_w as number, `S_w at γ = ${lo}, γ' = ${r.gamma_prime}`).toBeLessThan(0);
        if (r.gamma === hi && (r.gamma_prime as number) <= 0) expect(r.s_w as number, `S_w at γ = ${hi}, γ' = ${r.gamma_prime}`).toBeGreaterThan(0);
      }
    });
  }
});

describe('chen2023 at the quick profile', () => {
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
