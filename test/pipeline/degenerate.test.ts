/** Degenerate runs named after a build, and readable schema errors (issue 11). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { degenerateReason } from '../../src/pipeline/degenerate.js';
import { Fixture } from '../helpers/fixture.js';

const delta = {
  'experiments/delta/experiment.ts': `import { z } from 'zod';
export const config = z.object({ n: z.number().int().positive() }).strict();
export default {
  id: 'delta',
  title: 'Delta',
  paper: 'test',
  config,
  profiles: { quick: { n: 4 }, paper: { n: 4 } },
  cells: (c: { n: number }) => Array.from({ length: c.n }, (_, i) => ({ id: 'i=' + i, seed: i, params: { i } })),
  result: z.object({ status: z.enum(['converged', 'max-steps']), steps: z.number().int(), finalLoss: z.number() }),
  figures: { 'delta-fig': { title: 'Delta figure', row: z.object({ mark: z.literal('dot'), steps: z.number() }).strict() } },
};
`,
  // cell 0 hits its step limit, cell 1 "converges" at step 0, the others are clean
  'experiments/delta/run.ts': `export function run(cell: { params: { i: number } }) {
  const i = cell.params.i;
  return { status: i === 0 ? 'max-steps' : 'converged', steps: i === 0 ? 1000 : i === 1 ? 0 : 10 * i, finalLoss: 0.5 };
}
`,
  'experiments/delta/aggregate.ts': `export function aggregate({ cells }: { cells: { result: { steps: number } }[] }) {
  return { 'delta-fig': { rows: cells.map(({ result }) => ({ mark: 'dot', steps: result.steps })) } };
}
`,
};

const fields = Array.from({ length: 12 }, (_, i) => `f${i}`);
const epsilon = {
  'experiments/epsilon/experiment.ts': `import { z } from 'zod';
export const config = z.object({ n: z.number().int().positive() }).strict();
export default {
  id: 'epsilon',
  title: 'Epsilon',
  paper: 'test',
  config,
  profiles: { quick: { n: 1 }, paper: { n: 1 } },
  cells: () => [{ id: 'nan', seed: 0, params: {} }],
  result: z.object({ ${fields.map((f) => `${f}: z.number()`).join(', ')} }),
  figures: { 'epsilon-fig': { title: 'Epsilon figure', row: z.object({ mark: z.literal('dot') }).strict() } },
};
`,
  'experiments/epsilon/run.ts': `export function run() {
  return { ${fields.map((f) => `${f}: Number.NaN`).join(', ')} };
}
`,
  'experiments/epsilon/aggregate.ts': `export function aggregate() {
  return { 'epsilon-fig': { rows: [] } };
}
`,
};

describe('degenerate runs', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = new Fixture();
    for (const [file, text] of Object.entries({ ...delta, ...epsilon })) fx.write(file, text);
  });
  afterAll(() => fx.remove());

  it('classifies results by their common fields only', () => {
    expect(degenerateReason({ status: 'converged', steps: 10 })).toBeUndefined();
    expect(degenerateReason({ status: 'exited', steps: 10 })).toBeUndefined();
    expect(degenerateReason({ status: 'unstable', steps: 10 })).toBe('unstable');
    expect(degenerateReason({ status: 'max-steps', steps: 10 })).toBe('max-steps (not converged)');
    expect(degenerateReason({ status: 'converged', steps: 0 })).toBe('stopped at step 0');
    expect(degenerateReason({ status: 'converged', steps: 5, finalLoss: null })).toBe('non-finite values');
    expect(degenerateReason({ value: Number.POSITIVE_INFINITY })).toBe('non-finite values');
    expect(degenerateReason({ rows: [] })).toBeUndefined();
    expect(degenerateReason([1, 2])).toBeUndefined();
  });

  it('the build names an experiment with a max-steps cell and a steps-0 cell, and still succeeds', () => {
    const r = fx.cli(['--profile', 'quick', '--jobs', '1', 'delta', 'alpha']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('  delta [quick]: 2 of 4 runs degenerate: 1 max-steps (not converged), 1 stopped at step 0');
    expect(r.stderr).not.toMatch(/^ {2}alpha \[quick\]: .*degenerate/m);
    const json = r.json as unknown as { degenerate: Record<string, unknown> };
    expect(json.degenerate.delta).toEqual({
      profile: 'quick',
      runs: 4,
      degenerate: 2,
      reasons: { 'max-steps (not converged)': 1, 'stopped at step 0': 1 },
    });
    expect(json.degenerate.alpha).toEqual({ profile: 'quick', runs: 2, degenerate: 0, reasons: {} });
    // again from the store: nothing runs, the same line
    const again = fx.cli(['--profile', 'quick', '--jobs', '1', 'delta']);
    expect(again.json!.ran).toEqual([]);
    expect(again.stderr).toContain('  delta [quick]: 2 of 4 runs degenerate: 1 max-steps (not converged), 1 stopped at step 0');
  });

  it('a result with many NaN fields fails with the first 5 issues and a count of the rest', () => {
    const r = fx.cli(['--profile', 'quick', '--jobs', '1', 'epsilon']);
    expect(r.status).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.startsWith('FAILED epsilon'));
    expect(line).toBeDefined();
    expect(line).toContain('FAILED epsilon [quick] cell nan: result fails the schema of experiments/epsilon/experiment.ts: result.f0:');
    for (const f of fields.slice(0, 5)) expect(line).toContain(`result.${f}:`);
    for (const f of fields.slice(5)) expect(line).not.toContain(`result.${f}:`);
    expect(line).toMatch(/; … and 7 more$/);
    expect(line!.length).toBeLessThan(600);
  });
});
