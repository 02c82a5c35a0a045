/**
 * Every experiment's cells: ids, order and seeds frozen (they key the stored
 * results, and the values computed before src/pipeline/grid.ts must stay
 * bit-identical), params valid against the declared schema, and run imports
 * that match the training path (no luo2021 run loads TensorFlow.js).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../../src/pipeline/hashing.js';
import { loadExperiments, resolveProfile } from '../../src/pipeline/registry.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** SHA-256 (first 16 hex digits) of JSON [[id, seed], …] in cell order, recorded before cellGrid. */
const frozen: Record<string, { quick: string; paper: string; cells: [number, number] }> = {
  'chen2023-condensation': { quick: 'a488de9d1ee8a710', paper: 'a488de9d1ee8a710', cells: [4, 4] },
  'chen2023-phase': { quick: '6daec6b59732f56a', paper: '77c9014cbe7f795e', cells: [6, 30] },
  'chen2023-stage': { quick: '2fd9a04b3f44c63b', paper: '1872218a7d560343', cells: [18, 60] },
  'luo2021-fig2': { quick: '81242c4fc4dbcea4', paper: '81242c4fc4dbcea4', cells: [3, 3] },
  'luo2021-fig3': { quick: '0ef22a4beecf41f3', paper: 'dc09b1266eb7f7fd', cells: [24, 120] },
  'luo2021-fig4': { quick: '1de8b9762a1a827d', paper: '2e3cea6c1b4617fa', cells: [45, 675] },
  'luo2021-fig4-probe': { quick: '36ca09d01da2a72a', paper: 'b19f5820206332b7', cells: [240, 1536] },
  'luo2021-fig5': { quick: 'c2c3ff45bf4961b3', paper: '31f08fe0c987dc6c', cells: [27, 196] },
  'luo2021-fig6': { quick: '0dba98567918ee37', paper: '5df57fb2f09150dc', cells: [18, 147] },
  'luo2021-lr-rule': { quick: '8dd7c321102ad0bf', paper: '02aae2023c583726', cells: [114, 1510] },
  'luo2021-schemes': { quick: '6eea2d32fc3e206f', paper: '6eea2d32fc3e206f', cells: [1, 1] },
};

const experiments = await loadExperiments(repo);

describe('experiment cells', () => {
  it('every experiment is covered', () => {
    expect(experiments.map((e) => e.def.id).filter((id) => /^(luo2021|chen2023)/.test(id))).toEqual(Object.keys(frozen));
  });

  for (const exp of experiments.filter((e) => e.def.id in frozen)) {
    const id = exp.def.id;
    for (const [k, profile] of (['quick', 'paper'] as const).entries()) {
      it(`${id} (${profile}): ids, order and seeds as before; params valid`, () => {
        const { cells } = resolveProfile(exp, profile);
        expect(cells).toHaveLength(frozen[id].cells[k]);
        const hash = createHash('sha256')
          .update(JSON.stringify(cells.map((c) => [c.id, c.seed])))
          .digest('hex')
          .slice(0, 16);
        expect(hash).toBe(frozen[id][profile]);
        for (const cell of cells) {
          const r = exp.def.params!.safeParse(cell.params);
          expect(r.success, `${cell.id}: ${r.success ? '' : r.error.message}`).toBe(true);
        }
      });
    }
  }

  it('luo2021-fig4 (paper): the grid extended to γ = 1.6 keeps the ids, order and seeds of its first 585 cells', () => {
    const { cells } = resolveProfile(experiments.find((e) => e.def.id === 'luo2021-fig4')!, 'paper');
    const before = cells.filter((c) => (c.params as { gamma: number }).gamma <= 1.4);
    expect(before).toHaveLength(585);
    const hash = createHash('sha256')
      .update(JSON.stringify(before.map((c) => [c.id, c.seed])))
      .digest('hex')
      .slice(0, 16);
    expect(hash).toBe('ba95051f62151558');
  });

  it('spot checks of the legacy seeds', () => {
    const at = (id: string, profile: 'quick' | 'paper') => resolveProfile(experiments.find((e) => e.def.id === id)!, profile).cells;
    // luo2021-fig4: seed 11 + 100 000 · γ′ index + 1000 · γ index + width index
    expect(at('luo2021-fig4', 'paper').find((c) => c.id === "gamma=0.98,gamma'=0.1,m=10000")!.seed).toBe(11 + 100_000 * 5 + 1000 * 5 + 2);
    // chen2023-phase: 41 + 100 · γ′ index + γ index
    expect(at('chen2023-phase', 'paper').find((c) => c.id === "gamma=2,gamma'=0.5")!.seed).toBe(41 + 100 * 3 + 3);
    // chen2023-stage: 21 + 10 000 · s index + 100 · width index + repeat
    expect(at('chen2023-stage', 'paper').find((c) => c.id === 's=1.5,m=3000,repeat=2')!.seed).toBe(21 + 20_000 + 300 + 2);
    // one initialisation shared by every γ (luo2021-fig2) and every activation (chen2023-condensation)
    expect(new Set(at('luo2021-fig2', 'paper').map((c) => c.seed))).toEqual(new Set([1]));
    expect(new Set(at('chen2023-condensation', 'paper').map((c) => c.seed))).toEqual(new Set([5]));
  });

  it('luo2021 and chen2023 runs train with the kernels (ReLU, smooth) and never import TensorFlow.js', async () => {
    for (const exp of experiments.filter((e) => e.def.id in frozen)) {
      const graph = await importGraph(repo, exp.runFile);
      const files = graph.files.map((f) => f.file);
      const tf = Object.keys(graph.packages).filter((p) => p.startsWith('@tensorflow/'));
      expect(tf, exp.def.id).toEqual([]);
      if (exp.def.id.startsWith('chen2023')) expect(files, exp.def.id).toContain('src/engine/twoLayer/kernelSmooth.ts');
      // results never hash the zod schemas of experiment.ts or protocol.ts
      expect(
        files.filter((f) => /experiment\.ts$|shared\/protocol\.ts$/.test(f)),
        exp.def.id,
      ).toEqual([]);
    }
  });
});
