/**
 * The `full` profile (the paper's exact settings): each figure's provenance
 * lists where the profile shown differs from it, and the build shows the
 * `full` results once every one of its cells is in the store.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Fixture } from '../helpers/fixture.js';

let fx: Fixture;
beforeEach(() => {
  fx = new Fixture();
  fx.edit(
    'experiments/alpha/experiment.ts',
    'paper: { widths: [1, 2, 3], seed: 1 },',
    'paper: { widths: [1, 2, 3], seed: 1 },\n    full: { widths: [1, 2, 3, 40], seed: 1 },',
  );
});
afterEach(() => fx.remove());

const manifest = () => JSON.parse(readFileSync(path.join(fx.root, '.build', 'manifest.json'), 'utf8'));

it('names the settings that differ from the full profile, and shows full results once they are all stored', () => {
  expect(fx.ran(['alpha', 'beta'])).toEqual(['alpha/width=1', 'alpha/width=2', 'alpha/width=3', 'beta/i=0', 'beta/i=1', 'beta/i=2']);
  let m = manifest();
  expect(m.figures['alpha-fig'].profile).toBe('paper');
  expect(m.figures['alpha-fig'].differsFromPaper).toEqual(['widths: 1, 2, 3 (paper: 1, 2, 3, 40)']);
  expect(m.figures['beta-fig'].differsFromPaper).toBeNull();

  // every cell of the full profile (the profile is part of each key), as a cluster would compute them
  expect(fx.ran(['alpha', '--profile', 'full'])).toEqual(['alpha/width=1', 'alpha/width=2', 'alpha/width=3', 'alpha/width=40']);
  const build = fx.cli(['alpha', 'beta']);
  expect(build.status, build.stderr).toBe(0);
  expect(build.stderr).toMatch(/alpha: all 4 cells of the full profile \(the paper's settings\) are in the store: the site shows them/);
  m = manifest();
  expect(m.figures['alpha-fig'].profile).toBe('full');
  expect(m.figures['alpha-fig'].differsFromPaper).toEqual([]);
  expect(m.figures['alpha-fig'].cells.map((c: { id: string }) => c.id)).toContain('width=40');
  expect(build.json?.ran).toEqual([]);
}, 120_000);
