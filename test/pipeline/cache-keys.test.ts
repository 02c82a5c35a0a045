/**
 * Cache-key sensitivity, by a scripted series of edits to a throw-away
 * project: each edit re-runs exactly the cells that depend on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fixture } from '../helpers/fixture.js';

const alphaQuick = ['alpha/width=1', 'alpha/width=2'];
const betaQuick = ['beta/i=0', 'beta/i=1'];
/** gamma's run.ts imports TensorFlow.js: only its keys cover the backend and the @tensorflow/* versions. */
const gammaQuick = ['gamma/j=0'];

describe('cache keys: a scripted series of edits', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = new Fixture();
  });
  afterAll(() => fx.remove());

  // The steps depend on each other's store state: one test, in order.
  it('re-runs exactly the cells each edit touches', () => {
    expect(fx.ran()).toEqual([...alphaQuick, ...betaQuick, ...gammaQuick]);
    expect(fx.ran(), 'a second run reuses everything').toEqual([]);

    fx.append('content/page.mdx', '\nMore text.\n');
    expect(fx.ran(), 'MDX edit').toEqual([]);

    fx.edit('src/figures/alpha.ts', 'columns: 1', 'columns: 2');
    expect(fx.ran(), 'plot code edit').toEqual([]);

    fx.append('experiments/alpha/run.ts', '// a comment changes the bytes\n');
    expect(fx.ran(), 'experiment run file edit').toEqual(alphaQuick);

    fx.edit('src/engine/onlyAlpha.ts', 'return 1', 'return 10');
    expect(fx.ran(), 'engine module imported by alpha only').toEqual(alphaQuick);

    fx.edit('src/engine/shared.ts', '2 * x', '3 * x');
    expect(fx.ran(), 'engine module imported by both').toEqual([...alphaQuick, ...betaQuick]);

    fx.edit('experiments/alpha/experiment.ts', 'quick: { widths: [1, 2]', 'quick: { widths: [1, 5]');
    expect(fx.ran(), 'config edit: only the new cell').toEqual(['alpha/width=5']);

    fx.edit('experiments/alpha/experiment.ts', 'quick: { widths: [1, 5], seed: 1 }', 'quick: { widths: [1, 5], seed: 2 }');
    expect(fx.ran(), 'seed edit').toEqual(['alpha/width=1', 'alpha/width=5']);

    expect(fx.ran(['--profile', 'paper']), 'another profile').toEqual([
      'alpha/width=1',
      'alpha/width=2',
      'alpha/width=3',
      'beta/i=0',
      'beta/i=1',
      'beta/i=2',
      'gamma/j=0',
      'gamma/j=1',
    ]);
    fx.edit('experiments/beta/experiment.ts', 'paper: { n: 3, seed: 5 }', 'paper: { n: 3, seed: 6 }');
    expect(fx.ran(['--profile', 'paper']), 'paper profile seed edit').toEqual(['beta/i=0', 'beta/i=1', 'beta/i=2']);
    expect(fx.ran(), 'the quick profile is untouched by paper edits').toEqual([]);

    fx.write('data/points.txt', '1 2 3 4\n');
    expect(fx.ran(), 'data file read by alpha').toEqual(['alpha/width=1', 'alpha/width=5']);

    fx.fakePackage('@tensorflow/tfjs-core', '9.9.9');
    expect(fx.ran(), 'a @tensorflow package version: only the cells whose code imports TensorFlow.js').toEqual(gammaQuick);

    const frozen = fx.cli(['--profile', 'quick', '--frozen'], { CC_BACKEND: 'cpu' });
    expect(frozen.status, 'another backend, frozen: the TensorFlow.js cell is missing').toBe(1);
    expect(frozen.stderr).toContain('gamma [quick] cell j=0');
    expect(frozen.stderr, 'and every cell that never calls TensorFlow.js is found').not.toMatch(/(alpha|beta) \[quick\] cell/);
    expect(fx.ran(['--profile', 'quick'], { CC_BACKEND: 'cpu' }), 'another backend').toEqual(gammaQuick);
    expect(fx.cli(['--profile', 'quick', '--frozen'], { CC_BACKEND: 'cpu' }).status).toBe(0);

    // a package that beta's code imports: its installed version is part of beta's keys only
    fx.fakePackage('fixture-dep', '1.0.0', { 'index.js': 'export const scale = 1;\n' });
    fx.edit(
      'experiments/beta/run.ts',
      "import { shared } from '../../src/engine/shared.js';",
      "import { shared } from '../../src/engine/shared.js';\nimport { scale } from 'fixture-dep';",
    );
    fx.edit('experiments/beta/run.ts', 'return { value: shared(cell.params.i) * cell.seed };', 'return { value: shared(cell.params.i) * cell.seed * scale };');
    expect(fx.ran(), 'beta imports a package').toEqual(betaQuick);
    fx.fakePackage('fixture-dep', '1.0.1');
    expect(fx.ran(), 'that package’s version').toEqual(betaQuick);
  });

  it('aggregation is its own cached step', () => {
    fx.ran();
    fx.append('experiments/alpha/aggregate.ts', '// aggregate edit\n');
    const r = fx.cli(['--profile', 'quick']);
    expect(r.status).toBe(0);
    expect(r.json!.ran).toEqual([]);
    expect(r.json!.aggregated.map((a) => a.experiment)).toEqual(['alpha']);
  });

  it('--explain names the changed input of each stale cell and runs nothing', () => {
    fx.ran();
    const before = fx.storeSnapshot();
    fx.edit('src/engine/onlyAlpha.ts', 'return 10', 'return 11');
    fx.edit('experiments/beta/experiment.ts', 'quick: { n: 2, seed: 5 }', 'quick: { n: 2, seed: 7 }');
    const r = fx.cli(['--profile', 'quick', '--explain']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/alpha \[quick\] cell width=1[^\n]*\n\s+source src\/engine\/onlyAlpha\.ts changed/);
    expect(r.stderr).toMatch(/beta \[quick\] cell i=0[^\n]*\n\s+seed: 5 → 7/);
    expect(r.stderr).not.toMatch(/shared\.ts/);
    expect(fx.storeSnapshot()).toEqual(before);
  });

  it('--frozen runs nothing and fails, naming each missing or stale result', () => {
    const before = fx.storeSnapshot();
    const r = fx.cli(['--profile', 'quick', '--frozen']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('alpha [quick] cell width=1');
    expect(r.stderr).toContain('src/engine/onlyAlpha.ts changed');
    expect(r.stderr).toContain('beta [quick] cell i=1');
    expect(r.json!.ran).toEqual([]);
    expect(fx.storeSnapshot()).toEqual(before);
    fx.ran();
    expect(fx.cli(['--profile', 'quick', '--frozen']).status).toBe(0);
  });

  it("--gc removes entries no current cell uses, keeps the current ones and other backends' results", () => {
    fx.ran(['--profile', 'paper']);
    const cells = () =>
      Object.entries(fx.storeSnapshot())
        .filter(([f]) => f.includes('/cells/') && f.endsWith('.json'))
        .map(([, text]) => JSON.parse(text).inputs.backend as string | null);
    const before = cells();
    const r = fx.cli(['--gc']);
    expect(r.status).toBe(0);
    const after = cells();
    expect(after.length).toBeLessThan(before.length);
    // cells that never call TensorFlow.js (no backend): exactly the current ones, alpha and beta 2 + 2 quick and 3 + 3 paper
    expect(after.filter((b) => b === null)).toHaveLength(2 + 2 + 3 + 3);
    // this backend (wasm): exactly the current gamma cells, 1 quick and 2 paper
    expect(after.filter((b) => b === 'wasm')).toHaveLength(1 + 2);
    // the results computed with CC_BACKEND=cpu earlier are not this machine's to remove
    expect(after.filter((b) => b === 'cpu').length).toBeGreaterThan(0);
    expect(fx.ran()).toEqual([]);
    expect(fx.ran(['--profile', 'paper'])).toEqual([]);
  });
});
