/**
 * `npm run verify`: the seeded stratified sample, the comparison of results,
 * and the command on a temporary store: it passes untampered and fails,
 * naming the cell and the field, on a tampered store.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationText } from '../../src/components/verification.js';
import { INDEX_FILE, resultDigest } from '../../src/pipeline/integrity.js';
import { parseDuration, resultDifferences, sampleCells, VERIFICATION_FILE, type VerifyRecord } from '../../src/pipeline/verify.js';
import { env, Fixture, repoRoot } from '../helpers/fixture.js';

describe('verify: sample and comparison', () => {
  it('parses durations', () => {
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('2m30s')).toBe(150);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('45')).toBe(45);
    expect(() => parseDuration('ten minutes')).toThrow(/not a duration/);
    expect(() => parseDuration('')).toThrow(/not a duration/);
  });

  const candidates = ['a', 'b', 'c'].flatMap((stratum) => Array.from({ length: 10 }, (_, i) => ({ stratum, seconds: 1, id: `${stratum}${i}` })));

  it('is seeded, stratified and within the budget', () => {
    const one = sampleCells(candidates, { seed: 1, budgetSeconds: 6, jobs: 1 });
    expect(sampleCells(candidates, { seed: 1, budgetSeconds: 6, jobs: 1 })).toEqual(one);
    expect(sampleCells(candidates, { seed: 2, budgetSeconds: 6, jobs: 1 })).not.toEqual(one);
    expect(one).toHaveLength(6);
    // every stratum takes its turn: two cells from each
    for (const s of ['a', 'b', 'c']) expect(one.filter((c) => c.stratum === s)).toHaveLength(2);
    // two lanes: twice the cells; --sample caps the count
    expect(sampleCells(candidates, { seed: 1, budgetSeconds: 6, jobs: 2 })).toHaveLength(12);
    expect(sampleCells(candidates, { seed: 1, budgetSeconds: 6, jobs: 2, max: 4 })).toHaveLength(4);
    // a cell longer than the budget is never chosen; cheaper ones of its stratum are
    const mixed = [...candidates, { stratum: 'd', seconds: 100, id: 'slow' }, { stratum: 'd', seconds: 0.5, id: 'fast' }];
    const chosen = sampleCells(mixed, { seed: 3, budgetSeconds: 10, jobs: 1 }).map((c) => c.id);
    expect(chosen).toContain('fast');
    expect(chosen).not.toContain('slow');
  });

  it('names the fields that differ and by how much', () => {
    expect(resultDifferences({ a: 1, b: [1, 2], s: 'x' }, { a: 1, b: [1, 2], s: 'x' })).toEqual([]);
    expect(resultDifferences({ a: 0.5, b: [1, 2], s: 'x' }, { a: 0.75, b: [1, 2.5], s: 'y' })).toEqual([
      'result.a: 0.5 → 0.75 (Δ 0.25, relative 0.3333)',
      'result.b[1]: 2 → 2.5 (Δ 0.5, relative 0.2)',
      'result.s: "x" → "y"',
    ]);
    const long = resultDifferences({ c: Array.from({ length: 20 }, () => 1) }, { c: Array.from({ length: 20 }, (_, i) => 1 + i * 1e-7) }, 3);
    expect(long).toHaveLength(4);
    expect(long[3]).toMatch(/^… 19 values differ in all; the largest difference: result\.c\[19\]: 1 → 1 \(Δ 1\.90e-6/);
  });
});

describe('npm run verify', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = new Fixture();
    fx.ran();
  });
  afterAll(() => fx.remove());

  const verify = (args: string[]) => {
    const r = spawnSync('tsx', [path.join(repoRoot, 'scripts', 'verify.ts'), '--root', fx.root, '--no-progress', '--jobs', '1', '--seed', '7', ...args], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  };
  const record = (): VerifyRecord => JSON.parse(fx.read(`results/${VERIFICATION_FILE}`));

  it('passes on an untampered store: every sampled cell bit-identical, recorded for the site', () => {
    const r = verify(['--budget', '2m']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('every key, digest and index line agrees');
    const rec = record();
    expect(rec.result).toBe('pass');
    // the quick profile's 5 cells, one stratum per experiment
    expect(rec.sample).toMatchObject({ candidates: 5, strata: 3, strataSampled: 3, planned: 5, identical: 5, differing: 0, failed: 0, notRun: 0 });
    expect(rec.commit === null || /^[0-9a-f]{40}$/.test(rec.commit)).toBe(true);
    expect(rec.seed).toBe(7);
    expect(rec.cells.map((c) => c.outcome)).toEqual(Array(5).fill('identical'));
    expect(verificationText(rec)).toMatch(
      /: 5 stored training runs, a seeded sample from 3 experiment\/profile strata, re-run and bit-identical to the stored results; the key and digest of all 8 stored entries checked\.$/,
    );
    expect(r.stderr).toMatch(/verify passed: 5 of 5 stored cells re-run \(seed 7, 3 of 3 experiment\/profile strata[^)]*\), 5 bit-identical/);
    // ids and --sample narrow the sample
    const one = verify(['beta', '--sample', '1', '--no-record']);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/sample \(seed 7\): 1 of 2 stored cells/);
    expect(record().sample.planned).toBe(5);
  });

  it('fails on a tampered store, naming the cell, the field and the difference', () => {
    const dir = path.join(fx.root, 'results', 'beta', 'cells');
    const file = readdirSync(dir)
      .map((f) => path.join(dir, f))
      .find((f) => JSON.parse(readFileSync(f, 'utf8')).inputs.cell.id === 'i=1') as string;
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    const name = path.relative(path.join(fx.root, 'results'), file);
    // a consistent forgery: result, digest and index line edited together
    const result = { value: entry.result.value + 0.25 };
    writeFileSync(file, JSON.stringify({ ...entry, result, digest: resultDigest(result) }));
    const index = path.join(fx.root, 'results', INDEX_FILE);
    writeFileSync(index, readFileSync(index, 'utf8').replace(new RegExp(`^${name} [0-9a-f]+$`, 'm'), `${name} ${resultDigest(result)}`));
    const r = verify(['beta', '--budget', '1m']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`DIFFERS beta [quick] cell i=1 (results/${name}):`);
    expect(r.stderr).toContain(`result.value: ${result.value} → ${entry.result.value} (Δ 0.25`);
    expect(r.stderr).toMatch(/verify FAILED: 2 of 2 stored cells re-run[^\n]*1 bit-identical, 1 differ/);
    expect(record().result).toBe('fail');
    // what the site's footer says of it
    expect(verificationText(record())).toMatch(
      /^Last verification \(npm run verify, \d{4}-\d\d-\d\d, commit [^)]*\) FAILED: 1 of 2 re-run training runs differ from the stored results, 1 integrity problem\(s\) in the store\.$/,
    );
    // an edit that breaks the digest: the integrity check fails, even without a re-run
    writeFileSync(file, JSON.stringify({ ...entry, result }));
    const s = verify(['--integrity-only', '--no-record']);
    expect(s.status).toBe(1);
    expect(s.stderr).toContain(`results/${name}: its result does not match its digest`);
  });
});
