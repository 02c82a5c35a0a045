/**
 * Cache keys. A cell's key is the SHA-256 of everything its result depends
 * on; an aggregate's key, of its code, its configuration, its cells' keys and
 * the digests of their results (integrity.ts).
 * The inputs themselves are stored beside each result, so that a stale
 * result can be explained input by input.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CellSpec } from './experiment.js';
import { ExperimentError } from './registry.js';
import { aggregateKeyText, cellKeyText, KEY_FORMAT } from './canonical.js';
import { hashFile, sha256, type SourceHash } from './hashing.js';

/** Bump when the meaning of a stored result changes for every experiment (./canonical.ts). */
export { KEY_FORMAT };

export interface CellInputs {
  experiment: string;
  profile: string;
  cell: CellSpec;
  /** Import graph of the experiment's run.ts. */
  code: SourceHash[];
  /**
   * Installed versions of every package the code imports; when the code
   * imports TensorFlow.js, of every @tensorflow/* package (tensorflowVersions).
   */
  packages: Record<string, string>;
  /** The TensorFlow.js backend, or null when the run's code never imports TensorFlow.js. */
  backend: string | null;
  /** Every data file the cell reads. */
  data: SourceHash[];
  /** For a continuation (CellSpec.parent): the key of the cell whose state it starts from. */
  parent?: string;
}

export interface AggregateInputs {
  experiment: string;
  profile: string;
  config: unknown;
  /** Import graph of the experiment's aggregate.ts. */
  code: SourceHash[];
  /** Installed versions of the packages it imports. */
  packages: Record<string, string>;
  /** Keys of the cells, in cell order. */
  cells: string[];
  /** Result digests of the cells (integrity.ts), in cell order. */
  digests: string[];
}

export function cellKey(inputs: CellInputs): string {
  return sha256(cellKeyText(inputs));
}

export function aggregateKey(inputs: AggregateInputs): string {
  return sha256(aggregateKeyText(inputs));
}

/**
 * Resolve a data file named by an experiment: a path relative to the
 * project root, or `package/path` inside an installed package.
 */
export function resolveDataFile(root: string, spec: string): string {
  const local = path.join(root, spec);
  if (spec.startsWith('.') || existsSync(local)) return local;
  const require = createRequire(path.join(root, 'package.json'));
  const [first, second, ...rest] = spec.split('/');
  const pkg = first.startsWith('@') ? `${first}/${second}` : first;
  const inner = first.startsWith('@') ? rest : [second, ...rest];
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    pkgDir = path.join(root, 'node_modules', pkg);
  }
  return path.join(pkgDir, ...inner);
}

export function hashDataFiles(root: string, specs: string[], where: string): SourceHash[] {
  return [...new Set(specs)].sort().map((file) => {
    let resolved: string;
    try {
      resolved = resolveDataFile(root, file);
    } catch {
      throw new ExperimentError(`${where}: data file ${file} cannot be found`);
    }
    if (!existsSync(resolved)) throw new ExperimentError(`${where}: data file ${file} cannot be found (${resolved})`);
    return { file, sha256: hashFile(resolved) };
  });
}
