/**
 * The environment a result is computed in, as far as it can change a key or
 * a result: Node, platform, the installed packages (package-lock.json), the
 * compiled kernels and the TensorFlow.js backend. A cluster task compares its
 * own with the one its plan was made with: a node with another install would
 * write results under other keys (or other results under the same keys).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { hashFile } from './hashing.js';

export interface Fingerprint {
  node: string;
  platform: string;
  arch: string;
  /** SHA-256 of package-lock.json (null without one) */
  lockfile: string | null;
  /** SHA-256 of each compiled kernel module (src/engine/kernels/build/*.ts) */
  kernels: Record<string, string>;
  /** TensorFlow.js backend */
  backend: string;
}

export const KERNEL_BUILD_DIR = 'src/engine/kernels/build';

export function environmentFingerprint(root: string, backend: string): Fingerprint {
  const lock = path.join(root, 'package-lock.json');
  const dir = path.join(root, KERNEL_BUILD_DIR);
  const kernels: Record<string, string> = {};
  if (existsSync(dir))
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort())
      kernels[f] = hashFile(path.join(dir, f));
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    lockfile: existsSync(lock) ? hashFile(lock) : null,
    kernels,
    backend,
  };
}

/** The differences of `actual` from `expected`, one line each (empty when equal). */
export function fingerprintDifferences(expected: Fingerprint, actual: Fingerprint): string[] {
  const out: string[] = [];
  for (const field of ['node', 'platform', 'arch', 'lockfile', 'backend'] as const) {
    if (expected[field] !== actual[field]) out.push(`${field}: planned ${expected[field]}, here ${actual[field]}`);
  }
  for (const k of new Set([...Object.keys(expected.kernels), ...Object.keys(actual.kernels)])) {
    const e = expected.kernels[k];
    const a = actual.kernels[k];
    if (e !== a) out.push(`kernel ${KERNEL_BUILD_DIR}/${k}: planned ${e ? e.slice(0, 12) : 'absent'}, here ${a ? a.slice(0, 12) : 'absent'}`);
  }
  return out;
}
