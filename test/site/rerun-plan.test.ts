/**
 * Which cells of a figure "Re-run in your browser" offers (src/components/rerun.ts):
 * only cells of experiments declared re-runnable, that read no data file,
 * do not train with TensorFlow.js, do not continue another cell's state and
 * took at most RERUN_MAX_SECONDS; the others are named with why. Entries
 * are written to a temporary store.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rerunEntries, rerunPlan } from '../../src/components/rerun.js';
import { RERUN_MAX_SECONDS } from '../../src/components/rerunnable.js';
import type { LoadedFigure } from '../../src/pipeline/manifest.js';

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
      { id: 'slow', reason: `took ${(RERUN_MAX_SECONDS + 1).toFixed(1)} s to compute (limit ${RERUN_MAX_SECONDS} s)` },
      { id: 'mnist', reason: 'reads data files (data/mnist.bin)' },
      { id: 'tfjs', reason: 'trains with TensorFlow.js (wasm backend)' },
      { id: 'continued', reason: 'continues from the saved state of another cell' },
    ]);
    expect(rerunEntries(f, root).map((e) => e.inputs.cell.id)).toEqual(['small']);
  });

  it('offers nothing for an experiment not declared re-runnable, or with no eligible cell', () => {
    expect(rerunPlan(figure('chen2024-fig3', [{ id: 'small', computeSeconds: 0.1 }]), root)).toBeNull();
    expect(rerunPlan(figure('zhou2022-table2', [{ id: 'slow', computeSeconds: RERUN_MAX_SECONDS + 1 }]), root)).toBeNull();
  });
});
