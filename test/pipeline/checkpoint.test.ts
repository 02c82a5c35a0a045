/**
 * Checkpoint continuation (CellSpec.parent), in a throw-away project: a cell
 * that starts from another cell's saved state waits for it, reads the state
 * from the uncommitted area .build/state/ (never results/), has a key that
 * covers its parent's key, and when the state is gone the parent is run
 * again, deterministically, to produce it.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsStore } from '../../src/pipeline/store.js';
import { Fixture } from '../helpers/fixture.js';

// "train" counts from its seed for `steps` steps and saves the counter; "continue" starts from it.
const experiment = `import { z } from 'zod';
export const config = z.object({ steps: z.number().int(), more: z.number().int(), seed: z.number().int() }).strict();
type Config = z.infer<typeof config>;
export default {
  id: 'delta',
  title: 'Delta (a continuation)',
  paper: 'test',
  config,
  profiles: { quick: { steps: 3, more: 2, seed: 7 }, paper: { steps: 3, more: 2, seed: 7 } },
  cells: (c: Config) => [
    { id: 'train', seed: c.seed, params: { steps: c.steps } },
    { id: 'continue', seed: c.seed, params: { steps: c.more }, parent: 'train' },
  ],
  result: z.object({ value: z.number(), from: z.number().nullable() }),
  figures: { 'delta-fig': { title: 'Delta figure', row: z.object({ value: z.number() }).strict() } },
};
`;
const run = `export function run(cell: { seed: number; parent?: string; params: { steps: number } }, ctx: { saveState?: (s: Uint8Array) => void; parentState?: () => Uint8Array }) {
  const from = cell.parent ? new Float64Array(ctx.parentState!().buffer)[0] : null;
  const value = (from ?? cell.seed) + cell.params.steps;
  ctx.saveState?.(new Uint8Array(Float64Array.of(value).buffer));
  return { value, from };
}
`;
const aggregate = `export function aggregate({ cells }: { cells: { result: { value: number } }[] }) {
  return { 'delta-fig': { rows: cells.map(({ result }) => ({ value: result.value })) } };
}
`;

describe('checkpoint continuation', () => {
  let fx: Fixture;
  const cellEntries = () => {
    const dir = path.join(fx.root, 'results', 'delta', 'cells');
    return readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  };
  const entryOf = (id: string) => cellEntries().find((e) => e.inputs.cell.id === id);
  const stateDir = () => path.join(fx.root, '.build', 'state', 'delta');

  beforeAll(() => {
    fx = new Fixture();
    fx.write('experiments/delta/experiment.ts', experiment);
    fx.write('experiments/delta/run.ts', run);
    fx.write('experiments/delta/aggregate.ts', aggregate);
  });
  afterAll(() => fx.remove());

  // The steps depend on each other's store state: one test, in order.
  it('continues from the parent state, keys over the parent key, recovers a missing state', () => {
    const quick = ['--profile', 'quick', 'delta'];
    expect(fx.ran(quick)).toEqual(['delta/continue', 'delta/train']);
    const train = entryOf('train');
    const cont = entryOf('continue');
    expect(train.result).toEqual({ value: 10, from: null });
    expect(cont.result, 'the continuation starts from the parent state').toEqual({ value: 12, from: 10 });
    expect(cont.inputs.parent, "the continuation's inputs hold its parent's key").toBe(train.key);
    expect(train.inputs.parent).toBeUndefined();
    // the state is kept outside the committed store, under the parent's key
    expect(readdirSync(stateDir())).toEqual([`${train.key}.bin`]);
    expect(readdirSync(path.join(fx.root, 'results'), { recursive: true }).filter((f) => String(f).endsWith('.bin'))).toEqual([]);
    expect(fx.ran(quick), 'a second run reuses both').toEqual([]);

    // a new parent key re-keys the continuation, whose own inputs are unchanged
    fx.edit('experiments/delta/experiment.ts', 'quick: { steps: 3, more: 2, seed: 7 }', 'quick: { steps: 4, more: 2, seed: 7 }');
    expect(fx.ran(quick)).toEqual(['delta/continue', 'delta/train']);
    expect(cellEntries().some((e) => e.inputs.cell.id === 'continue' && e.result.value === 13 && e.result.from === 11)).toBe(true);

    // the state area is gone (a fresh clone): a new continuation runs its parent again to get it, and only itself counts as run
    rmSync(path.join(fx.root, '.build', 'state'), { recursive: true, force: true });
    fx.edit('experiments/delta/experiment.ts', 'quick: { steps: 4, more: 2, seed: 7 }', 'quick: { steps: 4, more: 5, seed: 7 }');
    const r = fx.cli(quick);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json?.ran.map((c) => c.cell)).toEqual(['continue']);
    expect(r.stderr).toMatch(/cell train again to recover its state/);
    expect(cellEntries().some((e) => e.inputs.cell.id === 'continue' && e.result.value === 16 && e.result.from === 11)).toBe(true);
    expect(existsSync(stateDir())).toBe(true);

    // a parent that does not give its stored result again fails the continuation, naming it
    rmSync(path.join(fx.root, '.build', 'state'), { recursive: true, force: true });
    fx.edit('experiments/delta/experiment.ts', 'quick: { steps: 4, more: 5, seed: 7 }', 'quick: { steps: 4, more: 6, seed: 7 }');
    const trainFile = path.join(
      fx.root,
      'results',
      'delta',
      'cells',
      `${cellEntries().find((e) => e.inputs.cell.id === 'train' && e.result.value === 11).key}.json`,
    );
    // a stored parent result that its code does not reproduce (written through the store, with a
    // matching digest and index line: the integrity check cannot tell; only running it again can)
    const stored = JSON.parse(readFileSync(trainFile, 'utf8'));
    stored.result.value = 99;
    new ResultsStore(fx.root).writeCell(stored);
    const bad = fx.cli(quick);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/delta \[quick\] cell continue: running its parent cell "train" again gave another result/);
  });

  it('names the experiment, cell and field of a parent that is not an earlier cell', () => {
    fx.edit('experiments/delta/experiment.ts', "parent: 'train'", "parent: 'nope'");
    const r = fx.cli(['--profile', 'quick', 'delta']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /experiment "delta" \(experiments\/delta\/experiment.ts\), profile "quick": cell "continue" continues from "nope" \(field parent\)/,
    );
  });
});
