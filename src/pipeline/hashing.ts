/** Content hashes: SHA-256 of bytes, of canonical JSON, and of a module's import graph. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { canonicalJson } from './canonical.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level (./canonical.ts, shared with the browser). */
export { canonicalJson };

export function hashFile(file: string): string {
  return sha256(readFileSync(file));
}

/** A source file of an import graph and the hash of its bytes. */
export interface SourceHash {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  sha256: string;
}

export interface ImportGraph {
  /** Project files reachable by value imports, with their hashes, sorted by path. */
  files: SourceHash[];
  /** Installed versions of the packages those files import (bare specifiers), by package name. */
  packages: Record<string, string>;
}

/** The package name of a bare import specifier: `a/b` → `a`, `@s/a/b` → `@s/a`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Installed version of a package, looked up from the project root. */
export function installedVersion(root: string, name: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pkg)) return JSON.parse(readFileSync(pkg, 'utf8')).version;
    if (path.dirname(dir) === dir) return 'not installed';
  }
}

/**
 * The project-local files reachable from `entry` by value imports (type-only
 * imports are erased and do not count), each with its content hash, and the
 * installed versions of the packages they import. Packages are not followed
 * into: their versions stand for their code.
 */
export async function importGraph(root: string, entry: string): Promise<ImportGraph> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const files = Object.keys(inputs)
    .filter((f) => !f.startsWith('<'))
    .map((f) => path.relative(root, path.resolve(root, f)).split(path.sep).join('/'))
    .sort();
  const names = new Set<string>();
  for (const input of Object.values(inputs)) {
    for (const imp of input.imports) {
      if (imp.external && !imp.path.startsWith('node:') && !imp.path.startsWith('.') && !path.isAbsolute(imp.path)) names.add(packageName(imp.path));
    }
  }
  const packages: Record<string, string> = {};
  for (const name of [...names].sort()) packages[name] = installedVersion(root, name);
  return { files: files.map((file) => ({ file, sha256: hashFile(path.join(root, file)) })), packages };
}
