/**
 * Which cells of a figure "Re-run in your browser" offers (src/components/rerun.ts):
 * only cells of experiments declared re-runnable, that read no data file,
 * do not train with TensorFlow.js, do not continue another cell's state and
 * took at most RERUN_MAX_SECONDS; the others are named with why, and a
 * figure of an experiment declared not re-runnable says why. Entries are
 * written to a temporary store. The two lists of src/components/rerunnable.ts
 * cover every experiment and agree with the run.ts import graphs (made by the
 * pipeline's own importGraph): a re-runnable one imports no file reader, no
 * TensorFlow.js, no package but d3-random, and the worker has a loader for it;
 * the reason given for another names what is in its graph (MNIST,
 * TensorFlow.js, or the engine-dependent Math function its training calls).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ineligibleGroups, rerunEntries, rerunOffer, rerunPlan } from '../../src/components/rerun.js';
import {
  NOT_RERUNNABLE,
  RERUN_ALL_MAX_SECONDS,
  RERUN_MAX_LISTED,
  RERUN_MAX_SECONDS,
  RERUN_SAMPLE,
  RERUNNABLE_EXPERIMENTS,
} from '../../src/components/rerunnable.js';
import { importGraph } from '../../src/pipeline/hashing.js';
import type { LoadedFigure } from '../../src/pipeline/manifest.js';
import { repoRoot } from '../helpers/fixture.js';

const root = mkdtempSync(path.join(tmpdir(), 'cc-rerun-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface CellFixture {
  id: string;
  computeSeconds: number;
  data?: { file: string; sha256: string }[];
  backend?: string | null;
  parent?: string;
}

function figure(experiment: string, cells: CellFixture[]): LoadedFigure {
  mkdirSync(path.join(root, 'results', experiment, 'cells'), { recursive: true });
  const provenanceCells = cells.map((c, i) => {
    const key = `${experiment.length}${i}`.padStart(64, '0');
    const file = `results/${experiment}/cells/${key}.json`;
    const inputs = {
      experiment,
      profile: 'paper',
      cell: { id: c.id, seed: i, params: {} },
      code: [],
      packages: {},
      backend: c.backend ?? null,
      data: c.data ?? [],
      ...(c.parent ? { parent: c.parent } : {}),
    };
    writeFileSync(path.join(root, file), JSON.stringify({ kind: 'cell', key, digest: 'd'.repeat(64), inputs, result: { value: i } }));
    return {
      id: c.id,
      seed: i,
      key,
      file,
      backend: c.backend ?? null,
      implementation: null,
      computeSeconds: c.computeSeconds,
      computedAt: '',
      commit: null,
      sourcesAtCommit: true,
    };
  });
  return {
    build: { profile: 'paper', commit: null, dirty: false, repository: null },
    provenance: {
      figure: `${experiment}-figure`,
      experiment,
      profile: 'paper',
      aggregateKey: experiment,
      cells: provenanceCells,
    } as unknown as LoadedFigure['provenance'],
    data: { rows: [] },
  };
}

describe('re-run plan', () => {
  it('offers the small self-contained cells and names the others with why', () => {
    const f = figure('luo2021-fig2', [
      { id: 'small', computeSeconds: 0.1 },
      { id: 'slow', computeSeconds: RERUN_MAX_SECONDS + 1 },
      { id: 'mnist', computeSeconds: 0.1, data: [{ file: 'data/mnist.bin', sha256: 'a'.repeat(64) }] },
      { id: 'tfjs', computeSeconds: 0.1, backend: 'wasm' },
      { id: 'continued', computeSeconds: 0.1, parent: 'p'.repeat(64) },
    ]);
    const plan = rerunPlan(f, root);
    expect(plan?.eligible.map((c) => c.id)).toEqual(['small']);
    expect(plan?.ineligible).toEqual([
      { id: 'slow', reason: `took more than ${RERUN_MAX_SECONDS} s to compute`, computeSeconds: RERUN_MAX_SECONDS + 1 },
      { id: 'mnist', reason: 'reads data files (data/mnist.bin)' },
      { id: 'tfjs', reason: 'trains with TensorFlow.js (wasm backend)' },
      { id: 'continued', reason: 'continues from the saved state of another cell' },
    ]);
    // listed one line per reason, the slow ones with their compute time
    expect(ineligibleGroups(plan!)).toEqual([
      { reason: `took more than ${RERUN_MAX_SECONDS} s to compute`, cells: [`slow (${(RERUN_MAX_SECONDS + 1).toFixed(1)} s)`] },
      { reason: 'reads data files (data/mnist.bin)', cells: ['mnist'] },
      { reason: 'trains with TensorFlow.js (wasm backend)', cells: ['tfjs'] },
      { reason: 'continues from the saved state of another cell', cells: ['continued'] },
    ]);
    expect(rerunEntries(f, root).map((e) => e.inputs.cell.id)).toEqual(['small']);
  });

  it('a figure whose cells are all ineligible gets a plan with no eligible cell; one of an experiment declared not re-runnable says why', () => {
    const slow = rerunPlan(figure('zhou2022-table2', [{ id: 'slow', computeSeconds: RERUN_MAX_SECONDS + 1 }]), root);
    expect(slow?.eligible).toEqual([]);
    expect(slow?.ineligible.map((c) => c.id)).toEqual(['slow']);
    expect(slow?.unavailable).toBeUndefined();
    const mnist = rerunPlan(figure('luo2021-fig5', [{ id: 'small', computeSeconds: 0.1 }]), root);
    expect(mnist?.eligible).toEqual([]);
    expect(mnist?.unavailable).toMatch(/reads MNIST/);
    expect(rerunPlan(figure('not-an-experiment', [{ id: 'small', computeSeconds: 0.1 }]), root)).toBeNull();
  });

  it('offers every cell one by one up to RERUN_MAX_LISTED, a sample fixed by the store, and all when they are quick; serves only those', () => {
    const many = RERUN_MAX_LISTED * 2 + 1;
    const f = figure(
      'luo2021-fig4',
      Array.from({ length: many }, (_, i) => ({ id: `c${i}`, computeSeconds: (RERUN_ALL_MAX_SECONDS / many) * 0.99 })),
    );
    const plan = rerunPlan(f, root)!;
    const offer = rerunOffer(plan);
    expect(offer.listed).toHaveLength(RERUN_MAX_LISTED);
    expect(offer.listed[0].id).toBe('c0');
    expect(offer.sample.map((c) => c.key)).toEqual(
      plan.eligible
        .map((c) => c.key)
        .sort()
        .slice(0, RERUN_SAMPLE),
    );
    expect(offer.all).toHaveLength(many);
    expect(rerunEntries(f, root)).toHaveLength(many);
    const slow = figure(
      'luo2021-fig3',
      Array.from({ length: many }, (_, i) => ({ id: `c${i}`, computeSeconds: RERUN_MAX_SECONDS })),
    );
    const slowOffer = rerunOffer(rerunPlan(slow, root)!);
    expect(slowOffer.all).toEqual([]);
    const served = new Set([...slowOffer.listed, ...slowOffer.sample].map((c) => c.key));
    expect(
      rerunEntries(slow, root)
        .map((e) => e.key)
        .sort(),
    ).toEqual([...served].sort());
    expect(served.size).toBeLessThan(many);
  });
});

describe('which experiments can be re-run in the browser', () => {
  const experiments = readdirSync(path.join(repoRoot, 'experiments')).filter((e) => existsSync(path.join(repoRoot, 'experiments', e, 'run.ts')));

  it('every experiment is in exactly one of the two lists, and the worker loads every re-runnable one', () => {
    const listed = [...RERUNNABLE_EXPERIMENTS, ...Object.keys(NOT_RERUNNABLE)].sort();
    expect(listed).toEqual([...experiments].sort());
    const worker = readFileSync(path.join(repoRoot, 'src/components/islands/rerun.worker.ts'), 'utf8');
    for (const e of RERUNNABLE_EXPERIMENTS) expect(worker).toContain(`'${e}': () => import('../../../experiments/${e}/run')`);
  });

  it("chen2024's float64 code (its engine modules, the effective model, its run.ts files) calls none of the engine-dependent Math functions: fdlibm's ports instead (src/engine/chen2024/fdlibm.ts)", async () => {
    const engineDependent = /\bMath\.(tanh|exp|expm1|log|log1p|log2|log10|sin|cos|tan|sinh|cosh|atan|atan2|asin|acos|asinh|acosh|atanh|cbrt)\b/;
    const chen2024 = ['chen2024-blowup', 'chen2024-condensation', 'chen2024-fig3'];
    expect(chen2024.every((e) => (RERUNNABLE_EXPERIMENTS as readonly string[]).includes(e))).toBe(true);
    const calls: string[] = [];
    for (const e of chen2024) {
      const graph = await importGraph(repoRoot, `experiments/${e}/run.ts`);
      for (const { file } of graph.files) {
        if (!/^(src\/engine\/chen2024\/|src\/engine\/effectiveDynamics\.ts$|experiments\/chen2024-[^/]+\/run\.ts$)/.test(file)) continue;
        // the code without its comments
        const code = readFileSync(path.join(repoRoot, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '');
        code.split('\n').forEach((text, i) => {
          if (engineDependent.test(text)) calls.push(`${file}:${i + 1} (comments removed): ${text.trim()}`);
        });
      }
    }
    expect(calls).toEqual([]);
  }, 120_000);

  it('agree with the run.ts import graphs: no file reader or TensorFlow.js in a re-runnable one; the reason given for the others is in their graph', async () => {
    for (const e of experiments) {
      const graph = await importGraph(repoRoot, `experiments/${e}/run.ts`);
      const files = graph.files.map((f) => f.file);
      const mnist = files.includes('src/engine/data/mnist.ts');
      const tfjs = Object.keys(graph.packages).some((name) => name.startsWith('@tensorflow/'));
      const nodeBuiltins = files.filter((f) => /from\s*['"](node:|fs['"]|path['"])/.test(readFileSync(path.join(repoRoot, f), 'utf8')));
      if ((RERUNNABLE_EXPERIMENTS as readonly string[]).includes(e)) {
        expect({ e, mnist, tfjs, nodeBuiltins, packages: Object.keys(graph.packages).filter((p) => p !== 'd3-random') }).toEqual({
          e,
          mnist: false,
          tfjs: false,
          nodeBuiltins: [],
          packages: [],
        });
      } else {
        const reason = NOT_RERUNNABLE[e];
        // the JavaScript Math functions named by the reason, called (or taken) in the graph's code
        const mathNamed = [...reason.matchAll(/Math\.(\w+)/g)].map((m) => m[1]);
        const mathUsed = mathNamed.filter((fn) => files.some((f) => new RegExp(`Math\\.${fn}\\b`).test(readFileSync(path.join(repoRoot, f), 'utf8'))));
        expect(
          mnist || tfjs || mathNamed.length > 0,
          `${e} is declared not re-runnable, yet its run.ts reads no MNIST, uses no TensorFlow.js and the reason names no Math function`,
        ).toBe(true);
        expect(mathUsed, `${e}: the Math functions its reason names are not in its run.ts import graph`).toEqual(mathNamed);
        if (mnist) expect(reason).toContain('reads MNIST');
        if (tfjs) expect(reason).toContain('TensorFlow.js');
      }
    }
  }, 120_000);
});
