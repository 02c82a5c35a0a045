/**
 * scripts/build-kernels.mjs builds one WebAssembly module per network family,
 * each from its own sources only: an edit to a three-layer-only file leaves
 * the generated two-layer module byte-identical (so no two-layer cache key
 * moves), and the other way round. Everything is built into a temporary copy
 * of the kernel sources (--src, --out); the working tree is never written.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/build-kernels.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'kernel-build-'));
const src = path.join(work, 'assembly');
const out = path.join(work, 'build');
const twoFile = path.join(out, 'twoLayer.wasm.ts');
const threeFile = path.join(out, 'threeLayer.wasm.ts');

/** Run the build script on the temporary copy; its stdout. */
function build(...extra: string[]): string {
  return execFileSync(process.execPath, [script, '--src', src, '--out', out, ...extra], { cwd: work, encoding: 'utf8' });
}
const read = () => ({ two: readFileSync(twoFile, 'utf8'), three: readFileSync(threeFile, 'utf8') });
/** Replace exactly one occurrence of `from` in a source file of the copy. */
function edit(file: string, from: string, to: string): void {
  const p = path.join(src, file);
  const text = readFileSync(p, 'utf8');
  expect(text.split(from).length - 1, `${file} must contain ${from} exactly once`).toBe(1);
  writeFileSync(p, text.replace(from, to));
}
const restore = () => cpSync(path.join(root, 'src/engine/kernels/assembly'), src, { recursive: true });
const stampOf = (text: string) => /export const sourceHash = '([0-9a-f]{64})';/.exec(text)?.[1];

let original: { two: string; three: string };

beforeAll(() => {
  restore();
  build();
  original = read();
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('build-kernels: one module per network family', () => {
  it('each module lists exactly the sources its entry imports', () => {
    const sourcesOf = (text: string) => JSON.parse(/export const sources: readonly string\[\] = (\[.*\]);/.exec(text)![1]);
    expect(sourcesOf(original.two)).toEqual(['dense.ts', 'simd.ts', 'twoLayer.ts', 'twoLayerIndex.ts']);
    expect(sourcesOf(original.three)).toEqual(['dense.ts', 'rows.ts', 'simd.ts', 'threeLayer.ts', 'threeLayerIndex.ts']);
    expect(original.two).toContain('dense.ts, simd.ts, twoLayer.ts, twoLayerIndex.ts');
    for (const text of [original.two, original.three]) expect(text).not.toContain(work); // nothing about where the sources lie
  });

  it('is idempotent: matching stamps compile nothing and rewrite nothing', () => {
    const before = [statSync(twoFile).mtimeMs, statSync(threeFile).mtimeMs];
    const log = build();
    expect(log).toMatch(/twoLayer up to date/);
    expect(log).toMatch(/threeLayer up to date/);
    expect([statSync(twoFile).mtimeMs, statSync(threeFile).mtimeMs]).toEqual(before);
    expect(read()).toEqual(original);
  });

  it('gives the same text wherever the sources lie (the working tree build, when current)', () => {
    for (const [name, text] of [
      ['twoLayer', original.two],
      ['threeLayer', original.three],
    ] as const) {
      const tree = path.join(root, `src/engine/kernels/build/${name}.wasm.ts`);
      if (!existsSync(tree)) continue;
      const treeText = readFileSync(tree, 'utf8');
      if (stampOf(treeText) === stampOf(text)) expect(treeText).toBe(text);
    }
  });

  // The edits below run in order on the one temporary copy, each compiling only what it must.
  it('an edit to three-layer-only files leaves the two-layer module byte-identical', () => {
    // threeLayer.ts: a comment and a constant in a three-layer-only function (threeLoss)
    appendFileSync(path.join(src, 'threeLayer.ts'), '\n// edited by kernel-build.test.ts\n');
    edit('threeLayer.ts', 'return L / <f64>n;', 'return (0.5 * L) / <f64>n;');
    const log = build();
    expect(log).toMatch(/twoLayer up to date/);
    expect(log).toMatch(/compiled threeLayer/);
    const edited = read();
    expect(edited.two).toBe(original.two);
    expect(edited.three).not.toBe(original.three);
    expect(stampOf(edited.three)).not.toBe(stampOf(original.three));
    // a forced recompile of both gives the same bytes: the two-layer text does not depend on three-layer sources
    build('--force');
    expect(read()).toEqual(edited);
    // rows.ts is three-layer only
    appendFileSync(path.join(src, 'rows.ts'), '\n// edited by kernel-build.test.ts\n');
    expect(build()).toMatch(/twoLayer up to date/);
    expect(read().two).toBe(original.two);
    expect(read().three).not.toBe(edited.three);
  });

  it('an edit to two-layer-only files leaves the three-layer module byte-identical', () => {
    restore(); // three-layer sources back to the original: its module must come back byte for byte
    appendFileSync(path.join(src, 'twoLayer.ts'), '\n// edited by kernel-build.test.ts\n');
    edit('twoLayer.ts', 'return L / <f64>n;', 'return (0.5 * L) / <f64>n;');
    expect(build()).toMatch(/compiled twoLayer/);
    const edited = read();
    expect(edited.three).toBe(original.three);
    expect(edited.two).not.toBe(original.two);
    expect(stampOf(edited.two)).not.toBe(stampOf(original.two));
    restore();
    build();
    expect(read()).toEqual(original);
  });

  it('an edit to a shared file (simd.ts) moves both stamps', () => {
    appendFileSync(path.join(src, 'simd.ts'), '\n// edited by kernel-build.test.ts\n');
    const log = build();
    expect(log).toMatch(/compiled twoLayer/);
    expect(log).toMatch(/compiled threeLayer/);
    const edited = read();
    expect(stampOf(edited.two)).not.toBe(stampOf(original.two));
    expect(stampOf(edited.three)).not.toBe(stampOf(original.three));
  });
});
