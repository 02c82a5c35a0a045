/**
 * The results store: one JSON file per cell result and per aggregate,
 *
 *   <root>/results/<experiment>/cells/<key>.json
 *   <root>/results/<experiment>/aggregates/<key>.json
 *
 * committed to git so that reviewers and CI rebuild without recomputing.
 * Writes are atomic (temporary file in the same folder, then rename). An
 * entry that does not parse or fails its schema is reported as corrupt, and
 * the scheduler recomputes it; reading never throws.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FigureData } from './experiment.js';
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
  inputs: CellInputs;
  result: Result;
  provenance: CellProvenance;
}

export interface AggregateEntry {
  kind: 'aggregate';
  key: string;
  inputs: AggregateInputs;
  figures: Record<string, FigureData>;
  provenance: { computedAt: string; commit: string | null; sourcesAtCommit: boolean };
}

const sourceHash = z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

const cellEntrySchema = z.object({
  kind: z.literal('cell'),
  key: z.string().regex(/^[0-9a-f]{64}$/),
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
  inputs: z.object({
    experiment: z.string(),
    profile: z.string(),
    config: z.unknown(),
    code: z.array(sourceHash),
    packages: z.record(z.string(), z.string()),
    cells: z.array(z.string()),
  }),
  figures: figuresSchema,
  provenance: z.object({ computedAt: z.string(), commit: z.string().nullable(), sourcesAtCommit: z.boolean() }),
});

export type ReadOutcome<T> = { status: 'ok'; entry: T } | { status: 'missing' } | { status: 'corrupt'; reason: string };

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
export function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)'}: ${i.message}`).join('; ');
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

  readCell<R>(experiment: string, key: string, resultSchema: z.ZodType<R>): ReadOutcome<CellEntry<R>> {
    return this.read(this.cellFile(experiment, key), key, (json) => {
      const entry = cellEntrySchema.safeParse(json);
      if (!entry.success) return describeIssues(entry.error);
      const result = resultSchema.safeParse(entry.data.result);
      if (!result.success) return describeIssues(result.error, 'result');
      return undefined;
    }) as ReadOutcome<CellEntry<R>>;
  }

  readAggregate(experiment: string, key: string): ReadOutcome<AggregateEntry> {
    return this.read(this.aggregateFile(experiment, key), key, (json) => {
      const entry = aggregateEntrySchema.safeParse(json);
      return entry.success ? undefined : describeIssues(entry.error);
    }) as ReadOutcome<AggregateEntry>;
  }

  writeCell(entry: CellEntry): string {
    const file = this.cellFile(entry.inputs.experiment, entry.key);
    writeFileAtomic(file, `${JSON.stringify(entry)}\n`);
    return file;
  }

  writeAggregate(entry: AggregateEntry): string {
    const file = this.aggregateFile(entry.inputs.experiment, entry.key);
    writeFileAtomic(file, `${JSON.stringify(entry)}\n`);
    return file;
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

  /** Every file in the store (entries and leftover temporary files). */
  allFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return (readdirSync(this.dir, { recursive: true }) as string[]).map((f) => path.join(this.dir, f)).filter((f) => /\.json(\.tmp-.*)?$/.test(f));
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

  private read(file: string, key: string, check: (json: unknown) => string | undefined): ReadOutcome<unknown> {
    if (!existsSync(file)) return { status: 'missing' };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return { status: 'corrupt', reason: `${this.relative(file)}: not valid JSON (${(err as Error).message})` };
    }
    const problem = check(json);
    if (problem) return { status: 'corrupt', reason: `${this.relative(file)}: ${problem}` };
    if ((json as { key: string }).key !== key) return { status: 'corrupt', reason: `${this.relative(file)}: holds key ${(json as { key: string }).key}` };
    return { status: 'ok', entry: json };
  }
}
