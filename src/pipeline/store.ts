/**
 * The results store: one JSON file per cell result and per aggregate,
 *
 *   <root>/results/<experiment>/cells/<key>.json
 *   <root>/results/<experiment>/aggregates/<key>.json
 *
 *   <root>/results/index.txt       every entry's digest (integrity.ts)
 *
 * committed to git so that reviewers and CI rebuild without recomputing.
 * Writes are atomic (temporary file in the same folder, then rename), and
 * each write adds the entry's digest to the entry and to the index. An entry
 * that does not parse or fails its schema is reported as corrupt, and the
 * scheduler recomputes it; one that fails an integrity check (integrity.ts)
 * is rejected, and nothing overwrites it. Reading never throws.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync, rmdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { FigureData } from './experiment.js';
import { aggregateProblems, cellProblems, formatIndex, INDEX_FILE, parseIndex, resultDigest } from './integrity.js';
import type { AggregateInputs, CellInputs } from './keys.js';

export interface CellProvenance {
  computedAt: string;
  computeSeconds: number;
  /** TensorFlow.js backend of the process, or null when the run's code never imports TensorFlow.js. */
  backend: string | null;
  /** HEAD when the run was computed. */
  commit: string | null;
  /** Every source file of the run (inputs.code) was identical to its version in `commit`. */
  sourcesAtCommit: boolean;
  node: string;
}

export interface CellEntry<Result = unknown> {
  kind: 'cell';
  key: string;
  /** SHA-256 of the result's canonical JSON (integrity.ts); set by writeCell. */
  digest: string;
  inputs: CellInputs;
  result: Result;
  provenance: CellProvenance;
}

export interface AggregateEntry {
  kind: 'aggregate';
  key: string;
  /** SHA-256 of the figures' canonical JSON (integrity.ts); set by writeAggregate. */
  digest: string;
  inputs: AggregateInputs;
  figures: Record<string, FigureData>;
  provenance: { computedAt: string; commit: string | null; sourcesAtCommit: boolean };
}

const sourceHash = z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
// optional: an entry without one is rejected by the integrity check, naming the migration
const digest = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .optional();

const cellEntrySchema = z.object({
  kind: z.literal('cell'),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  digest,
  inputs: z.object({
    experiment: z.string(),
    profile: z.string(),
    cell: z.object({ id: z.string(), seed: z.number().int(), params: z.unknown(), parent: z.string().optional() }),
    code: z.array(sourceHash),
    packages: z.record(z.string(), z.string()),
    backend: z.string().nullable(),
    data: z.array(sourceHash),
    parent: z.string().optional(),
  }),
  result: z.unknown(),
  provenance: z.object({
    computedAt: z.string(),
    computeSeconds: z.number(),
    backend: z.string().nullable(),
    commit: z.string().nullable(),
    sourcesAtCommit: z.boolean(),
    node: z.string(),
  }),
});

const cellValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const figureDataSchema = z.object({
  rows: z.array(z.record(z.string(), cellValue)),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.number()), z.array(z.string())])).optional(),
});

/** Figure data by figure id, as stored. */
export const figuresSchema = z.record(z.string(), figureDataSchema);

const aggregateEntrySchema = z.object({
  kind: z.literal('aggregate'),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  digest,
  inputs: z.object({
    experiment: z.string(),
    profile: z.string(),
    config: z.unknown(),
    code: z.array(sourceHash),
    packages: z.record(z.string(), z.string()),
    cells: z.array(z.string()),
    digests: z.array(z.string()).optional(),
  }),
  figures: figuresSchema,
  provenance: z.object({ computedAt: z.string(), commit: z.string().nullable(), sourcesAtCommit: z.boolean() }),
});

export type ReadOutcome<T> =
  | { status: 'ok'; entry: T }
  | { status: 'missing' }
  | { status: 'corrupt'; reason: string }
  /** Fails an integrity check (integrity.ts): never to be overwritten. */
  | { status: 'rejected'; reason: string };

/** A value as it reads back from JSON. */
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * Run `f` holding `lock` (a file created exclusively; on NFS too). A lock
 * older than 60 s, or held by a dead process on this host, is broken: its
 * holder died between taking and releasing it.
 */
export function withFileLock<T>(lock: string, f: () => T): T {
  mkdirSync(path.dirname(lock), { recursive: true });
  const me = `${hostname()} ${process.pid}`;
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, me, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let stale = false;
    try {
      const [host, pid] = readFileSync(lock, 'utf8').split(' ');
      const age = Date.now() - statSync(lock).mtimeMs;
      stale = age > 60_000 || (host === hostname() && pid !== String(process.pid) && !processAlive(Number(pid)));
    } catch {
      continue; // released meanwhile
    }
    if (stale) rmSync(lock, { force: true });
    else if (attempt > 6000) throw new Error(`${lock}: held for more than 2 min by ${readFileSync(lock, 'utf8')}`);
    else Atomics.wait(wait, 0, 0, 20);
  }
  try {
    return f();
  } finally {
    rmSync(lock, { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Write a file so that readers see the old bytes or the new, never a part. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A zod error as one line: `path.to.field: message; …`, paths under `prefix`. */
/** Issues listed by describeIssues; the rest are counted. */
export const MAX_LISTED_ISSUES = 5;

/** The first MAX_LISTED_ISSUES issues of `error` (field path: message), then "… and N more". */
export function describeIssues(error: z.ZodError, prefix?: string): string {
  const listed = error.issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  const more = error.issues.length - MAX_LISTED_ISSUES;
  return more > 0 ? `${listed}; … and ${more} more` : listed;
}

export class ResultsStore {
  readonly root: string;
  readonly dir: string;

  constructor(root: string, dirName = 'results') {
    this.root = root;
    this.dir = path.join(root, dirName);
  }

  cellFile(experiment: string, key: string): string {
    return path.join(this.dir, experiment, 'cells', `${key}.json`);
  }

  aggregateFile(experiment: string, key: string): string {
    return path.join(this.dir, experiment, 'aggregates', `${key}.json`);
  }

  /** Path relative to the project root, with forward slashes. */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  /**
   * A cell entry, checked: its schema and `resultSchema` (else corrupt), its
   * integrity (else rejected): key, digest, index line and, given `expected`,
   * the planned inputs.
   */
  readCell<R>(experiment: string, key: string, resultSchema: z.ZodType<R>, expected?: CellInputs): ReadOutcome<CellEntry<R>> {
    const file = this.cellFile(experiment, key);
    return this.read(file, (json) => {
      const entry = cellEntrySchema.safeParse(json);
      if (!entry.success) return { corrupt: describeIssues(entry.error) };
      // the raw entry: its hashes cover every field, also those the schema does not name
      const problems = cellProblems(json as CellEntry, key, this.indexDigest(file), expected);
      if (problems.length) return { rejected: problems.join('; ') };
      const result = resultSchema.safeParse(entry.data.result);
      if (!result.success) return { corrupt: describeIssues(result.error, 'result') };
      return undefined;
    }) as ReadOutcome<CellEntry<R>>;
  }

  /** An aggregate entry, checked as readCell checks a cell; `cellIds` name the cells in messages. */
  readAggregate(experiment: string, key: string, expected?: AggregateInputs, cellIds?: string[]): ReadOutcome<AggregateEntry> {
    const file = this.aggregateFile(experiment, key);
    return this.read(file, (json) => {
      const entry = aggregateEntrySchema.safeParse(json);
      if (!entry.success) return { corrupt: describeIssues(entry.error) };
      const problems = aggregateProblems(json as AggregateEntry, key, this.indexDigest(file), expected, cellIds);
      return problems.length ? { rejected: problems.join('; ') } : undefined;
    }) as ReadOutcome<AggregateEntry>;
  }

  /** Write a cell entry with the digest of its result, and list it in the index. */
  writeCell(entry: Omit<CellEntry, 'digest'>): string {
    const file = this.cellFile(entry.inputs.experiment, entry.key);
    const result = roundTrip(entry.result);
    const { kind, key, inputs, provenance } = entry;
    const digest = resultDigest(result);
    writeFileAtomic(file, `${JSON.stringify({ kind, key, digest, inputs, result, provenance })}\n`);
    this.updateIndex({ [this.indexName(file)]: digest });
    return file;
  }

  /** Write an aggregate entry with the digest of its figures, and list it in the index. */
  writeAggregate(entry: Omit<AggregateEntry, 'digest'>): string {
    const file = this.aggregateFile(entry.inputs.experiment, entry.key);
    const figures = roundTrip(entry.figures);
    const { kind, key, inputs, provenance } = entry;
    const digest = resultDigest(figures);
    writeFileAtomic(file, `${JSON.stringify({ kind, key, digest, inputs, figures, provenance })}\n`);
    this.updateIndex({ [this.indexName(file)]: digest });
    return file;
  }

  /** The index file (results/index.txt). */
  get indexFile(): string {
    return path.join(this.dir, INDEX_FILE);
  }

  /** An entry file's name in the index: its path relative to the store folder. */
  indexName(file: string): string {
    return path.relative(this.dir, file).split(path.sep).join('/');
  }

  private indexCache: Map<string, string> | undefined;

  /** The index as this process last read or wrote it (read once). */
  index(): Map<string, string> {
    if (!this.indexCache) this.indexCache = this.readIndex().entries;
    return this.indexCache;
  }

  /** The index file as it is now, with its malformed lines. */
  readIndex(): ReturnType<typeof parseIndex> {
    return existsSync(this.indexFile) ? parseIndex(readFileSync(this.indexFile, 'utf8')) : { entries: new Map(), problems: [] };
  }

  indexDigest(file: string): string | undefined {
    const name = this.indexName(file);
    const digest = this.index().get(name);
    if (digest !== undefined) return digest;
    // not in the index as this process read it: another run may have added it since
    this.indexCache = this.readIndex().entries;
    return this.indexCache.get(name);
  }

  /**
   * Set (a digest) or remove (null) lines of the index. Under a lock
   * (index.txt.lock), re-reading the file first: concurrent runs on one
   * store (leases, cluster shards) each add their lines, none is lost.
   */
  updateIndex(changes: Record<string, string | null>): void {
    withFileLock(`${this.indexFile}.lock`, () => {
      const entries = this.readIndex().entries;
      for (const [name, digest] of Object.entries(changes)) {
        if (digest === null) entries.delete(name);
        else entries.set(name, digest);
      }
      writeFileAtomic(this.indexFile, formatIndex(entries));
      this.indexCache = entries;
    });
  }

  /** Every readable cell entry of an experiment (for --explain). */
  cellEntries(experiment: string): CellEntry[] {
    const dir = path.join(this.dir, experiment, 'cells');
    if (!existsSync(dir)) return [];
    const out: CellEntry[] = [];
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const parsed = cellEntrySchema.safeParse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
        if (parsed.success) out.push(parsed.data as CellEntry);
      } catch {
        // corrupt entries cannot explain anything
      }
    }
    return out;
  }

  /**
   * Every file in the store's experiment folders (entries and leftover
   * temporary files); not the files at its top (index.txt, verification.json).
   */
  allFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return (readdirSync(this.dir, { recursive: true }) as string[])
      .filter((f) => f.includes(path.sep) && /\.json(\.tmp-.*)?$/.test(f))
      .map((f) => path.join(this.dir, f));
  }

  /** What --gc needs to know of an entry without validating it; undefined if unreadable. */
  peek(file: string): { kind: 'cell'; backend: string | null } | { kind: 'aggregate'; experiment: string; cells: string[] } | undefined {
    try {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      if (json.kind === 'cell') return { kind: 'cell', backend: typeof json.inputs.backend === 'string' ? json.inputs.backend : null };
      if (json.kind === 'aggregate') return { kind: 'aggregate', experiment: String(json.inputs.experiment), cells: json.inputs.cells as string[] };
    } catch {
      // unreadable: nothing to keep it for
    }
    return undefined;
  }

  /** Remove every file not in `keep` and not spared by `spare`; returns the removed files. */
  gc(keep: Set<string>, spare: (file: string) => boolean = () => false): string[] {
    const removed = this.allFiles().filter((f) => !keep.has(f) && !spare(f));
    for (const f of removed) rmSync(f, { force: true });
    // the index keeps a line for each entry still in the store
    const stale = [...this.readIndex().entries.keys()].filter((name) => !existsSync(path.join(this.dir, name)));
    if (stale.length) this.updateIndex(Object.fromEntries(stale.map((name) => [name, null])));
    for (const f of removed) {
      try {
        rmdirSync(path.dirname(f)); // only succeeds when empty
        rmdirSync(path.dirname(path.dirname(f)));
      } catch {
        // not empty
      }
    }
    return removed;
  }

  private read(file: string, check: (json: unknown) => { corrupt: string } | { rejected: string } | undefined): ReadOutcome<unknown> {
    if (!existsSync(file)) return { status: 'missing' };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return { status: 'corrupt', reason: `${this.relative(file)}: not valid JSON (${(err as Error).message})` };
    }
    const problem = check(json);
    if (problem && 'corrupt' in problem) return { status: 'corrupt', reason: `${this.relative(file)}: ${problem.corrupt}` };
    if (problem) return { status: 'rejected', reason: `${this.relative(file)}: ${problem.rejected}` };
    return { status: 'ok', entry: json };
  }
}
