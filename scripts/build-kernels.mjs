#!/usr/bin/env node
/**
 * Compile the AssemblyScript kernels to WebAssembly with SIMD, one module per
 * network family, and write each, base64-encoded, into a generated TS module
 * (gitignored):
 *
 *   src/engine/kernels/assembly/twoLayerIndex.ts        → src/engine/kernels/build/twoLayer.wasm.ts
 *   src/engine/kernels/assembly/twoLayerSmoothIndex.ts  → src/engine/kernels/build/twoLayerSmooth.wasm.ts
 *     (two-layer with a smooth activation: tanh, sigmoid, softplus, x·tanh x, …)
 *   src/engine/kernels/assembly/threeLayerIndex.ts      → src/engine/kernels/build/threeLayer.wasm.ts
 *   src/engine/kernels/assembly/threeLayerSmoothIndex.ts → src/engine/kernels/build/threeLayerSmooth.wasm.ts
 *     (three-layer with a smooth activation, one output)
 *   src/engine/kernels/assembly/threeLayerMultiIndex.ts → src/engine/kernels/build/threeLayerMulti.wasm.ts
 *     (three-layer with several outputs)
 *
 * The bytes live in a TS module so that they enter the import graph, hence
 * the cache key, of every experiment that uses the kernels. Each generated
 * module depends only on its own family's sources: its stamp (`sourceHash`)
 * covers exactly the assembly files its entry imports (`from './x'`, followed
 * transitively), plus the compiler version and flags, and its header lists
 * those files. An edit to a three-layer-only file (threeLayer.ts, rows.ts)
 * leaves twoLayer.wasm.ts byte-identical, and the other way round.
 *
 * Idempotent: a module whose recorded stamp matches is not recompiled.
 * Writes are atomic (temporary file + rename).
 *
 * Usage: node scripts/build-kernels.mjs [--force] [--src DIR] [--out DIR]
 *   --force    compile even when the stamps match
 *   --src DIR  AssemblyScript sources (default src/engine/kernels/assembly)
 *   --out DIR  generated modules (default src/engine/kernels/build)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`build-kernels: ${name} needs a directory`);
  return path.resolve(value);
}
const force = process.argv.includes('--force');
const sourceDir = option('--src', path.join(root, 'src/engine/kernels/assembly'));
const outDir = option('--out', path.join(root, 'src/engine/kernels/build'));

/** One WebAssembly module per network family. */
const families = [
  { name: 'twoLayer', entry: 'twoLayerIndex.ts' },
  { name: 'twoLayerSmooth', entry: 'twoLayerSmoothIndex.ts' },
  { name: 'threeLayer', entry: 'threeLayerIndex.ts' },
  { name: 'threeLayerSmooth', entry: 'threeLayerSmoothIndex.ts' },
  { name: 'threeLayerMulti', entry: 'threeLayerMultiIndex.ts' },
];

// -O3, 128-bit SIMD, no GC runtime (the kernels never allocate), no abort
// import (no assertions), so the module has no imports at all.
// Warning 112: v128 in the signature of a helper exported between source
// files (never exported from the module).
const flags = ['-O3', '--noAssert', '--runtime', 'stub', '--enable', 'simd', '--use', 'abort=', '--initialMemory', '1', '--disableWarning', '112'];

const require = createRequire(import.meta.url);
const ascPackage = require.resolve('assemblyscript/package.json');
const ascVersion = JSON.parse(readFileSync(ascPackage, 'utf8')).version;
const binaryenVersion = createRequire(ascPackage)('binaryen/package.json').version; // asc's optimiser

/** Relative imports of an AssemblyScript file (`import … from './x'`, `export … from './x'`, `import './x'`), comments ignored. */
function relativeImports(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const out = [];
  for (const match of code.matchAll(/\b(?:from|import)\s*['"]([^'"]+)['"]/g)) {
    const spec = match[1];
    if (!spec.startsWith('.')) throw new Error(`build-kernels: only relative imports are supported, got '${spec}'`);
    out.push(spec);
  }
  return out;
}

/** The source files an entry compiles from: the entry and everything it imports, transitively (paths relative to sourceDir, sorted). */
function closure(entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    const file = path.join(sourceDir, rel);
    if (!existsSync(file)) throw new Error(`build-kernels: ${rel} not found in ${sourceDir}`);
    seen.add(rel);
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
      if (base.startsWith('..')) throw new Error(`build-kernels: ${rel} imports '${spec}' outside the source directory`);
      const candidates = [`${base}.ts`, `${base}/index.ts`, base];
      const found = candidates.find((c) => existsSync(path.join(sourceDir, c)));
      if (!found) throw new Error(`build-kernels: cannot resolve '${spec}' from ${rel}`);
      visit(found);
    }
  };
  visit(entry);
  return [...seen].sort();
}

function stampOf(entry, sources) {
  const hash = createHash('sha256');
  hash.update(`assemblyscript ${ascVersion}\nbinaryen ${binaryenVersion}\n${flags.join(' ')}\nentry ${entry}\n`);
  for (const f of sources) hash.update(`${f}\n`).update(readFileSync(path.join(sourceDir, f)));
  return hash.digest('hex');
}

let asc;
async function compile(entry) {
  asc ??= (await import('assemblyscript/asc')).default;
  const outputs = {};
  const stderr = [];
  // baseDir = the source directory, so that nothing about where the sources lie enters the output
  const { error } = await asc.main([entry, ...flags, '--baseDir', sourceDir, '--outFile', 'out.wasm'], {
    stdout: { write: (s) => void process.stdout.write(s) },
    stderr: { write: (s) => void stderr.push(String(s)) },
    writeFile: (name, contents) => void (outputs[path.basename(name)] = contents),
  });
  if (error || !outputs['out.wasm']) {
    process.stderr.write(stderr.join(''));
    throw new Error(`build-kernels: asc failed on ${entry}: ${error ?? 'no output'}`);
  }
  if (stderr.length) process.stderr.write(stderr.join(''));
  return Buffer.from(outputs['out.wasm']);
}

function writeAtomic(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file); // atomic: concurrent builds never leave a half-written module
}

const shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);

for (const { name, entry } of families) {
  const outFile = path.join(outDir, `${name}.wasm.ts`);
  const sources = closure(entry);
  const sourceHash = stampOf(entry, sources);
  if (!force && existsSync(outFile) && readFileSync(outFile, 'utf8').includes(`export const sourceHash = '${sourceHash}';`)) {
    console.log(`kernels: ${name} up to date (${shown(outFile)})`);
    continue;
  }
  const bytes = await compile(entry);
  const text = `/**
 * GENERATED by scripts/build-kernels.mjs — do not edit, do not commit.
 * ${name} WebAssembly module (SIMD), compiled from the entry ${entry} and the
 * files it imports, which are all its sources (in the kernel source directory,
 * src/engine/kernels/assembly): ${sources.join(', ')}
 * with AssemblyScript ${ascVersion} (binaryen ${binaryenVersion}): asc ${flags.join(' ')}
 * ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}
 */
export const sources: readonly string[] = ${JSON.stringify(sources)};
export const sourceHash = '${sourceHash}';
export const wasmBase64 =
  '${bytes.toString('base64')}';
`;
  writeAtomic(outFile, text);
  console.log(`kernels: compiled ${name}: ${bytes.length} bytes of wasm from ${sources.join(', ')} → ${shown(outFile)}`);
}

// The single module of earlier versions (both families in one), if still there.
const legacy = path.join(outDir, 'reluKernels.wasm.ts');
if (existsSync(legacy)) rmSync(legacy);
