/**
 * Cache boundaries by network family, on the real repository: a copy of the
 * project (tracked files, the committed results store, node_modules linked)
 * is built with the quick profile; then
 *   - every three-layer-only file is edited (TypeScript and AssemblyScript,
 *     kernels rebuilt): no luo2021 or chen2023 cell runs again;
 *   - CC_BACKEND is switched: no cell whose run.ts does not import
 *     TensorFlow.js runs again.
 * Nothing is written into the working tree.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGraph } from '../../src/pipeline/hashing.js';
import { loadExperiments } from '../../src/pipeline/registry.js';
import { ProjectCopy, repoRoot as repo } from '../helpers/fixture.js';

/** Files that only three-layer code uses (by the engine's layout). */
const threeLayerOnly = (files: string[]) =>
  files.filter((f) => /^src\/engine\/threeLayer\//.test(f) || /^src\/engine\/kernels\/assembly\/(threeLayer|threeLayerIndex|rows)\.ts$/.test(f));

function experiments(copy: ProjectCopy, args: string[], extra: Record<string, string> = {}): { ran: { experiment: string; cell: string }[] } {
  return JSON.parse(
    copy
      .experiments(['--json', ...args], extra)
      .trim()
      .split('\n')
      .pop() ?? '{}',
  );
}

describe('cache boundaries by network family (real repository)', () => {
  let copy: ProjectCopy;
  beforeAll(() => {
    copy = new ProjectCopy('cc-family-');
  });
  afterAll(() => copy.remove());

  it('no two-layer experiment imports a three-layer-only file', async () => {
    const all = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);
    const three = threeLayerOnly(all);
    expect(three.length).toBeGreaterThan(5);
    for (const exp of await loadExperiments(repo)) {
      if (!/^(luo2021|chen2023)/.test(exp.def.id)) continue;
      for (const entry of [exp.runFile, exp.aggregateFile]) {
        const graph = await importGraph(repo, entry);
        expect(
          graph.files.map((f) => f.file).filter((f) => three.includes(f) || f.includes('threeLayer')),
          `${entry}`,
        ).toEqual([]);
      }
    }
  });

  it('editing every three-layer-only file re-runs no luo2021 or chen2023 cell; switching the backend re-runs only TensorFlow.js cells', async () => {
    const root = copy.root;
    experiments(copy, ['--profile', 'quick']); // whatever the committed quick store lacks
    expect(experiments(copy, ['--profile', 'quick']).ran, 'a second run reuses everything').toEqual([]);
    const files = threeLayerOnly(
      execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean),
    );
    for (const f of files) appendFileSync(path.join(root, f), '\n// an edit to three-layer code\n');
    const afterEdit = experiments(copy, ['--profile', 'quick']);
    expect(afterEdit.ran.filter((c) => /^(luo2021|chen2023)/.test(c.experiment))).toEqual([]);

    const usesTf = new Set<string>();
    for (const exp of await loadExperiments(root)) {
      if (Object.keys((await importGraph(root, exp.runFile)).packages).some((p) => p.startsWith('@tensorflow/'))) usesTf.add(exp.def.id);
    }
    const cpu = experiments(copy, ['--profile', 'quick'], { CC_BACKEND: 'cpu' });
    expect(
      cpu.ran.filter((c) => !usesTf.has(c.experiment)),
      'cells whose code never imports TensorFlow.js',
    ).toEqual([]);
    expect(new Set(cpu.ran.map((c) => c.experiment))).toEqual(usesTf);
    // (the cpu backend retrains every TensorFlow.js cell: chen2023's and the introduction's CNN, about a minute on it)
  }, 360_000);
});
