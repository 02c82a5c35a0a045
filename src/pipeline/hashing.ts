/** Content hashes: SHA-256 of bytes, of canonical JSON, and of a module's import graph. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import stringify from 'safe-stable-stringify';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new Error('canonicalJson: value is not serialisable');
  return text;
}

export function hashFile(file: string): string {
  return sha256(readFileSync(file));
}

/** A source file of an import graph and the hash of its bytes. */
export interface SourceHash {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  sha256: string;
}

/**
 * The project-local files reachable from `entry` by value imports (type-only
 * imports are erased and do not count), each with its content hash, sorted
 * by path. Packages from node_modules are not followed: their versions enter
 * the cache key separately.
 */
export async function importGraph(root: string, entry: string): Promise<SourceHash[]> {
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
  const files = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('<') && !f.includes('node_modules/'))
    .map((f) => path.relative(root, path.resolve(root, f)).split(path.sep).join('/'))
    .sort();
  return files.map((file) => ({ file, sha256: hashFile(path.join(root, file)) }));
}
