/**
 * Integrity of the results store: every tampering a reviewer tried is
 * rejected by `npm run experiments` and `--frozen`, naming the file and what
 * disagrees, and nothing is overwritten; the migration of a store written
 * before integrity checks; the whole-store check.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkStore, integrityFailures } from '../../src/pipeline/audit.js';
import { canonicalJson, sha256 } from '../../src/pipeline/hashing.js';
import { INDEX_FILE, parseIndex, resultDigest } from '../../src/pipeline/integrity.js';
import { planExperiments } from '../../src/pipeline/plan.js';
import { loadExperiments } from '../../src/pipeline/registry.js';
import { ResultsStore } from '../../src/pipeline/store.js';
import { Fixture } from '../helpers/fixture.js';

/** A stored entry as the tests edit it. */
interface Entry {
  key: string;
  digest?: string;
  inputs: { cell: { id: string }; backend: string | null; cells: string[]; digests: string[] };
  result: { value: number | string };
  figures: Record<string, { rows: { value: number }[] }>;
  [field: string]: unknown;
}

describe('integrity of the results store', () => {
  let fx: Fixture;
  let pristine: Record<string, string>;
  beforeAll(() => {
    fx = new Fixture();
    fx.ran();
    pristine = fx.storeSnapshot();
  });
  afterAll(() => fx.remove());
  /** Put the store back as it was after the first run. */
  afterEach(() => {
    rmSync(path.join(fx.root, 'results'), { recursive: true, force: true });
    for (const [name, text] of Object.entries(pristine)) fx.write(path.join('results', name), text);
  });

  const dir = (exp: string, kind: 'cells' | 'aggregates') => path.join(fx.root, 'results', exp, kind);
  const files = (exp: string, kind: 'cells' | 'aggregates') => readdirSync(dir(exp, kind)).map((f) => path.join(dir(exp, kind), f));
  const rel = (file: string) => path.relative(fx.root, file).split(path.sep).join('/');
  const read = (file: string): Entry => JSON.parse(readFileSync(file, 'utf8'));
  const write = (file: string, entry: Entry) => writeFileSync(file, `${JSON.stringify(entry)}\n`);
  /** The cell file of alpha's cell `id`. */
  const cellOf = (id: string) => {
    const file = files('alpha', 'cells').find((f) => read(f).inputs.cell.id === id);
    if (!file) throw new Error(`no cell ${id}`);
    return file;
  };
  /** Set an entry's index line, as a forger who also edits results/index.txt would. */
  const setIndexLine = (file: string, digest: string) => {
    const index = path.join(fx.root, 'results', INDEX_FILE);
    const name = path.relative(path.join(fx.root, 'results'), file).split(path.sep).join('/');
    const text = readFileSync(index, 'utf8')
      .split('\n')
      .map((line) => (line.startsWith(`${name} `) ? `${name} ${digest}` : line))
      .join('\n');
    writeFileSync(index, text);
  };

  /** What the build's integrity check (as scripts/experiments.ts calls it) rejects in the quick profile. */
  async function rejections(): Promise<string[]> {
    const store = new ResultsStore(fx.root);
    const backend = read(files('gamma', 'cells')[0]).inputs.backend ?? 'wasm';
    const plans = await planExperiments(await loadExperiments(fx.root), { root: fx.root, store, profile: 'quick', backend });
    return integrityFailures(plans, store);
  }

  /**
   * The integrity check rejects the file, naming it and `what`; with `cli`,
   * so do `--frozen` and a plain run of the CLI (the same check), which fail
   * and change nothing in the store.
   */
  async function expectRejected(file: string, what: RegExp, cli = false) {
    const found = await rejections();
    expect(found.join('\n')).toContain(rel(file));
    expect(found.join('\n')).toMatch(what);
    const before = fx.storeSnapshot();
    for (const args of cli
      ? [
          ['--profile', 'quick', '--frozen'],
          ['--profile', 'quick'],
        ]
      : []) {
      const r = fx.cli(args);
      expect(r.status, `${args.join(' ')}:\n${r.stderr}`).toBe(1);
      expect(r.stderr).toContain('integrity check');
      expect(r.stderr).toContain(rel(file));
      expect(r.stderr).toMatch(what);
      expect(r.json?.ran ?? []).toEqual([]);
      expect(fx.storeSnapshot()).toEqual(before);
    }
  }

  it('writes each entry with the digest of its result, and an index of every entry: sorted, one line each', () => {
    const cell = read(cellOf('width=1'));
    expect(Object.keys(cell)).toEqual(['kind', 'key', 'digest', 'inputs', 'result', 'provenance']);
    expect(cell.digest).toBe(sha256(canonicalJson(cell.result)));
    const agg = read(files('alpha', 'aggregates')[0]);
    expect(agg.digest).toBe(resultDigest(agg.figures));
    // the aggregate's inputs name its cells' result digests
    expect(agg.inputs.digests).toEqual(agg.inputs.cells.map((k: string) => read(path.join(dir('alpha', 'cells'), `${k}.json`)).digest));
    const lines = fx.read(`results/${INDEX_FILE}`).trim().split('\n');
    expect(lines).toEqual([...lines].sort());
    const entries = Object.keys(pristine).filter((f) => /\/(cells|aggregates)\/.*\.json$/.test(f));
    expect(lines).toHaveLength(entries.length);
    expect(lines).toContain(`${rel(cellOf('width=1')).replace('results/', '')} ${cell.digest}`);
    expect(checkStore(new ResultsStore(fx.root)).problems).toEqual([]);
  });

  it('rejects an edited number in a cell', async () => {
    const file = cellOf('width=1');
    const entry = read(file);
    write(file, { ...entry, result: { value: Number(entry.result.value) + 0.5 } });
    await expectRejected(file, /its result does not match its digest[^\n]*edited after it was computed/, true);
  });

  it('rejects an edited number whose digest was recomputed, by its index line', async () => {
    const file = cellOf('width=1');
    const entry = read(file);
    const result = { value: Number(entry.result.value) + 0.5 };
    write(file, { ...entry, result, digest: resultDigest(result) });
    await expectRejected(file, /results\/index\.txt lists digest [0-9a-f]{12}…, the entry [0-9a-f]{12}…/);
  });

  it('rejects an edited aggregate', async () => {
    const file = files('alpha', 'aggregates')[0];
    const entry = read(file);
    entry.figures['alpha-fig'].rows[0].value += 1;
    write(file, entry);
    await expectRejected(file, /its figures do not match its digest/, true);
  });

  it('rejects two cell files swapped with their key fields rewritten', async () => {
    const [a, b] = [cellOf('width=1'), cellOf('width=2')];
    const [ea, eb] = [read(a), read(b)];
    write(a, { ...eb, key: ea.key });
    write(b, { ...ea, key: eb.key });
    await expectRejected(a, /is not the hash of its stored inputs/, true);
    const found = (await rejections()).join('\n');
    expect(found).toContain(rel(b));
    expect(found).toMatch(/its inputs are not those of the planned cell: it holds alpha \[quick\] cell width=2, planned alpha \[quick\] cell width=1/);
    expect(found).toMatch(/inputs\.cell\.params\.width is 2, planned 1/);
  });

  it('rejects swapped files whose key fields still name the other file', async () => {
    const [a, b] = [cellOf('width=1'), cellOf('width=2')];
    const [ta, tb] = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
    writeFileSync(a, tb);
    writeFileSync(b, ta);
    await expectRejected(a, /its key field is [0-9a-f]{12}…, its file name [0-9a-f]{12}…/);
  });

  it('rejects an edited index line, and an entry missing from the index', async () => {
    const file = cellOf('width=2');
    setIndexLine(file, '0'.repeat(64));
    await expectRejected(file, /results\/index\.txt lists digest 000000000000…/);
    const index = path.join(fx.root, 'results', INDEX_FILE);
    const name = rel(file).replace('results/', '');
    writeFileSync(
      index,
      pristine[INDEX_FILE]
        .split('\n')
        .filter((l) => !l.startsWith(name))
        .join('\n'),
    );
    await expectRejected(file, /it is not listed in results\/index\.txt/);
  });

  it('rejects an entry without a digest, naming the migration', async () => {
    const file = cellOf('width=1');
    const { digest: _, ...entry } = read(file);
    write(file, entry);
    await expectRejected(file, /it has no digest \(written before integrity checks: run `npm run experiments -- --migrate-digests`\)/);
  });

  it('a consistent forgery (result, digest and index line) makes the aggregate stale: --frozen fails naming it', () => {
    const file = cellOf('width=1');
    const entry = read(file);
    const result = { value: Number(entry.result.value) + 0.5 };
    write(file, { ...entry, result, digest: resultDigest(result) });
    setIndexLine(file, resultDigest(result));
    const r = fx.cli(['--profile', 'quick', '--frozen']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('alpha [quick] aggregate: missing or stale');
    // ... and the index line that changed is what a review's diff shows
    expect(fx.read(`results/${INDEX_FILE}`)).not.toBe(pristine[INDEX_FILE]);
  });

  it('recomputes an entry whose result fails the schema when its digest and index agree (not tampering: the schema changed)', () => {
    const file = cellOf('width=2');
    const entry = read(file);
    const result = { value: 'not a number' };
    write(file, { ...entry, result, digest: resultDigest(result) });
    setIndexLine(file, resultDigest(result));
    const r = fx.cli(['--profile', 'quick']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/recomputing alpha \[quick\] cell width=2: corrupt \([^)]*result\.value/);
    expect(read(file).result.value).toBeTypeOf('number');
    expect(checkStore(new ResultsStore(fx.root)).problems).toEqual([]);
  });

  it('the whole-store check names every file that disagrees', () => {
    const file = cellOf('width=1');
    const entry = read(file);
    write(file, { ...entry, result: { value: -1 } });
    const agg = files('beta', 'aggregates')[0];
    rmSync(agg);
    const problems = checkStore(new ResultsStore(fx.root)).problems;
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${rel(file)}: its result does not match its digest`)));
    expect(problems).toContainEqual(`results/${INDEX_FILE}: lists ${rel(agg).replace('results/', '')}, which is not in the store`);
    expect(problems).toHaveLength(2);
  });

  it('--gc removes nothing while an entry fails its integrity check', () => {
    const file = cellOf('width=1');
    const entry = read(file);
    write(file, { ...entry, result: { value: -1 } });
    const before = fx.storeSnapshot();
    const r = fx.cli(['--gc']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${rel(file)}: its result does not match its digest`);
    expect(fx.storeSnapshot()).toEqual(before);
  });

  it('--gc keeps the index in step with the store', () => {
    fx.edit('experiments/alpha/experiment.ts', 'quick: { widths: [1, 2]', 'quick: { widths: [1, 3]');
    try {
      fx.ran();
      expect(fx.cli(['--gc']).status).toBe(0);
      const check = checkStore(new ResultsStore(fx.root));
      expect(check.problems).toEqual([]);
      expect(parseIndex(fx.read(`results/${INDEX_FILE}`)).entries.size).toBe(check.cells + check.aggregates);
    } finally {
      fx.edit('experiments/alpha/experiment.ts', 'quick: { widths: [1, 3]', 'quick: { widths: [1, 2]');
    }
  });
});

describe('--migrate-digests', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = new Fixture();
    fx.ran();
    fx.ran(['--profile', 'paper']);
  });
  afterAll(() => fx.remove());

  /** Turn the store into one written before integrity checks: no digests, no index, aggregates keyed by their cells' keys only. */
  function toOldFormat(): { cells: Record<string, string>; figures: Record<string, string> } {
    const root = path.join(fx.root, 'results');
    const cells: Record<string, string> = {};
    const figures: Record<string, string> = {};
    for (const name of readdirSync(root, { recursive: true }) as string[]) {
      const file = path.join(root, name);
      if (!name.endsWith('.json')) continue;
      const { digest: _, ...entry } = JSON.parse(readFileSync(file, 'utf8'));
      if (entry.kind === 'cell') {
        writeFileSync(file, `${JSON.stringify(entry)}\n`);
        cells[name] = canonicalJson(entry);
      } else {
        const { digests: __, ...inputs } = entry.inputs;
        const key = sha256(canonicalJson({ format: 1, kind: 'aggregate', ...inputs }));
        rmSync(file);
        writeFileSync(path.join(path.dirname(file), `${key}.json`), `${JSON.stringify({ ...entry, key, inputs })}\n`);
        figures[`${inputs.experiment} ${inputs.profile}`] = canonicalJson(entry.figures);
      }
    }
    rmSync(path.join(root, INDEX_FILE));
    return { cells, figures };
  }

  it('adds digests without changing a cell key, re-aggregates with the same figures, writes the index', () => {
    const old = toOldFormat();
    const rejected = fx.cli(['--profile', 'quick', '--frozen']);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain('--migrate-digests');

    const r = fx.cli(['--migrate-digests']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/migrate: 13 entries given a digest/);
    expect(r.stderr).not.toContain('FIGURES DIFFER');
    expect(r.stderr.match(/figures identical to the earlier aggregate/g)).toHaveLength(6);
    const after = fx.storeSnapshot();
    for (const [name, text] of Object.entries(old.cells)) {
      // same file name (key), same fields but the digest
      const { digest, ...entry } = JSON.parse(after[name]);
      expect(canonicalJson(entry)).toBe(text);
      expect(digest).toBe(resultDigest(entry.result));
    }
    for (const [name, text] of Object.entries(after)) {
      if (!name.includes('aggregates')) continue;
      const entry = JSON.parse(text);
      expect(canonicalJson(entry.figures)).toBe(old.figures[`${entry.inputs.experiment} ${entry.inputs.profile}`]);
    }
    expect(checkStore(new ResultsStore(fx.root)).problems).toEqual([]);
    expect(fx.ran()).toEqual([]);
    expect(fx.cli(['--profile', 'paper', '--frozen']).status).toBe(0);
    // again: nothing to do
    const again = fx.cli(['--migrate-digests']);
    expect(again.stderr).toMatch(/migrate: 0 entries given a digest, 19 already had one/);
    expect(fx.storeSnapshot()).toEqual(after);
  });

  it('refuses, changing nothing, when an entry is not what its key says', () => {
    const cells = path.join(fx.root, 'results', 'alpha', 'cells');
    const [a, b] = readdirSync(cells).map((f) => path.join(cells, f));
    const [ea, eb] = [JSON.parse(readFileSync(a, 'utf8')), JSON.parse(readFileSync(b, 'utf8'))];
    writeFileSync(a, JSON.stringify({ ...eb, key: ea.key }));
    const before = fx.storeSnapshot();
    const r = fx.cli(['--migrate-digests']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/migrate: refused/);
    expect(r.stderr).toContain(path.relative(fx.root, a).split(path.sep).join('/'));
    expect(r.stderr).toMatch(/not the hash of its stored inputs/);
    expect(fx.storeSnapshot()).toEqual(before);
  });
});
