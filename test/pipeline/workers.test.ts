/** --jobs N: cells in worker threads, same results as in-process, failures contained. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fixture } from '../helpers/fixture.js';

function results(fx: Fixture): string[] {
  return Object.entries(fx.storeSnapshot())
    .filter(([name]) => name.includes('/cells/'))
    .map(([name, text]) => `${name.split('/').pop()} ${JSON.stringify(JSON.parse(text).result)}`)
    .sort();
}

describe('worker threads', () => {
  let one: Fixture;
  let two: Fixture;
  beforeAll(() => {
    one = new Fixture();
    two = new Fixture();
  });
  afterAll(() => {
    one.remove();
    two.remove();
  });

  it('--jobs 2 and --jobs 1 store the same results under the same keys', () => {
    expect(one.ran(['--profile', 'paper', '--jobs', '1'])).toHaveLength(8);
    expect(two.ran(['--profile', 'paper', '--jobs', '2'])).toHaveLength(8);
    expect(results(two)).toEqual(results(one));
  });

  it('a cell that throws in a worker fails alone, named, with a non-zero exit', () => {
    two.write(
      'experiments/alpha/run.ts',
      two
        .read('experiments/alpha/run.ts')
        .replace(
          'export function run(cell: { seed: number; params: { width: number } }) {',
          "export function run(cell: { seed: number; params: { width: number } }) {\n  if (cell.params.width === 2) throw new Error('width 2 is broken');",
        ),
    );
    const r = two.cli(['--profile', 'quick', '--jobs', '2']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAILED alpha [quick] cell width=2: width 2 is broken');
    expect(r.json!.ran.map((c) => `${c.experiment}/${c.cell}`).sort()).toEqual(['alpha/width=1', 'beta/i=0', 'beta/i=1', 'gamma/j=0']);
    expect(results(two).filter((line) => line.includes('"value"'))).toHaveLength(8 + 4); // the paper cells, and the four quick cells that ran
  });
});

describe('sources edited during a run', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = new Fixture();
  });
  afterAll(() => fx.remove());

  it('discards the result of a cell whose code changed while it ran', () => {
    // The cell edits its own engine module while it runs, as a person editing during a long sweep would.
    fx.write(
      'experiments/beta/run.ts',
      `import { appendFileSync } from 'node:fs';
import { shared } from '../../src/engine/shared.js';
export function run(cell: { seed: number; params: { i: number } }) {
  if (cell.params.i === 1) appendFileSync(new URL('../../src/engine/shared.ts', import.meta.url), '// edited mid-run\\n');
  return { value: shared(cell.params.i) * cell.seed };
}
`,
    );
    const r = fx.cli(['beta', '--profile', 'quick', '--jobs', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('source changed while the cell ran (src/engine/shared.ts): result discarded');
    expect(r.json!.ran.map((c) => c.cell)).toEqual(['i=0']);
  });
});
