/** A figure id used in MDX that no experiment provides fails the build, naming the figure and the page. */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { env, repoRoot } from '../helpers/fixture.js';

const page = path.join(repoRoot, 'content', 'zz-missing-figure-check.mdx');
const outDir = path.join(repoRoot, 'test', '.tmp', 'dist-missing-figure');

beforeAll(() => {
  const r = spawnSync('npm', ['run', 'experiments', '--', '--profile', 'quick', '--no-progress'], { cwd: repoRoot, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`experiments failed:\n${r.stderr}`);
  writeFileSync(page, `---\ntitle: Check\ndescription: A page that names a figure no experiment provides.\norder: 99\n---\n\n<Figure id="no-such-figure">Caption.</Figure>\n`);
});

afterAll(() => {
  rmSync(page, { force: true });
  rmSync(outDir, { recursive: true, force: true });
});

it('fails the Astro build with the figure id and the page', () => {
  const r = spawnSync('astro', ['build', '--outDir', outDir], { cwd: repoRoot, env, encoding: 'utf8' });
  const output = r.stdout + r.stderr;
  expect(r.status).not.toBe(0);
  expect(output).toContain('figure "no-such-figure" used in page /zz-missing-figure-check');
  expect(output).toContain('is provided by no experiment');
});
