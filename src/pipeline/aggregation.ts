/**
 * Aggregation: a complete experiment's cells → figure data, its own cached
 * step (keyed by aggregate.ts's import graph, the configuration and the cell
 * keys). Every figure's data is checked against the row and values schemas
 * that experiment.ts declares, before it is stored and when it is read back.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sameHash } from './execute.js';
import type { Aggregate, FigureData } from './experiment.js';
import { aggregateKey, type AggregateInputs } from './keys.js';
import type { PlannedExperiment } from './plan.js';
import { committedFiles, gitState } from './provenance.js';
import { describeIssues, figuresSchema, type AggregateEntry, type ResultsStore } from './store.js';

export function aggregateInputs(p: PlannedExperiment): AggregateInputs {
  return {
    experiment: p.exp.def.id,
    profile: p.profile,
    config: p.config,
    code: p.aggregateCode,
    packages: p.aggregatePackages,
    cells: p.cells.map((c) => c.key),
    // the results the figures are made from (empty for a cell without a fresh result: then no aggregate is stored)
    digests: p.cells.map((c) => c.entry?.digest ?? ''),
  };
}

/** Read a plan's aggregate from the store, checked against its planned inputs. */
export function readPlannedAggregate(p: PlannedExperiment, store: ResultsStore) {
  const inputs = aggregateInputs(p);
  return store.readAggregate(
    p.exp.def.id,
    aggregateKey(inputs),
    inputs,
    p.cells.map((c) => c.spec.id),
  );
}

/** Why figure data disagrees with what experiment.ts declares, if it does. */
export function figureMismatch(p: PlannedExperiment, figures: Record<string, FigureData>): string | undefined {
  const { def, definitionFile } = p.exp;
  const provided = Object.keys(figures).sort().join(', ');
  const declared = Object.keys(def.figures).sort().join(', ');
  if (provided !== declared) return `aggregate returned figures [${provided}], ${definitionFile} declares [${declared}]`;
  for (const [id, spec] of Object.entries(def.figures)) {
    const data = figures[id];
    if (!Array.isArray(data?.rows)) return `figure "${id}": rows missing`;
    for (let i = 0; i < data.rows.length; i++) {
      const row = spec.row.safeParse(data.rows[i]);
      if (!row.success) return `figure "${id}" row ${i} fails the row schema of ${definitionFile}: ${describeIssues(row.error, 'row')}`;
    }
    if (spec.values) {
      const values = spec.values.safeParse(data.values ?? {});
      if (!values.success) return `figure "${id}" fails the values schema of ${definitionFile}: ${describeIssues(values.error, 'values')}`;
    }
  }
  return undefined;
}

/** The stored aggregate of a plan, if fresh and valid. */
export function storedAggregate(p: PlannedExperiment, store: ResultsStore): AggregateEntry | undefined {
  const read = readPlannedAggregate(p, store);
  return read.status === 'ok' && !figureMismatch(p, read.entry.figures) ? read.entry : undefined;
}

export interface AggregateOptions {
  root: string;
  store: ResultsStore;
  frozen?: boolean;
  log?: (line: string) => void;
}

export type AggregateOutcome =
  | { status: 'stored'; entry: AggregateEntry }
  | { status: 'computed'; entry: AggregateEntry }
  | { status: 'stale'; reason: string }
  | { status: 'failed'; error: string };

/** Aggregate a plan whose cells are all fresh: reuse the stored entry, or compute and store it. */
export async function aggregateExperiment(p: PlannedExperiment, opts: AggregateOptions): Promise<AggregateOutcome> {
  const { def } = p.exp;
  const inputs = aggregateInputs(p);
  const key = aggregateKey(inputs);
  const read = readPlannedAggregate(p, opts.store);
  // never overwrite an entry that fails the integrity check
  if (read.status === 'rejected') return { status: 'failed', error: `${def.id} [${p.profile}] aggregate rejected by the integrity check: ${read.reason}` };
  const invalid = read.status === 'ok' ? figureMismatch(p, read.entry.figures) : undefined;
  if (read.status === 'ok' && !invalid) return { status: 'stored', entry: read.entry };
  const why = read.status === 'corrupt' ? `corrupt (${read.reason})` : invalid ? `invalid (${invalid})` : 'missing or stale';
  if (opts.frozen) return { status: 'stale', reason: `${def.id} [${p.profile}] aggregate: ${why}` };
  if (read.status !== 'missing') opts.log?.(`recomputing ${def.id} [${p.profile}] aggregate: ${why}`);
  try {
    const mod = await import(pathToFileURL(path.join(opts.root, p.exp.aggregateFile)).href);
    if (typeof mod.aggregate !== 'function') throw new Error(`${p.exp.aggregateFile} does not export a function "aggregate"`);
    const figures = await (mod.aggregate as Aggregate)({
      config: p.config,
      profile: p.profile,
      cells: p.cells.map((c) => {
        if (!c.entry) throw new Error(`cell ${c.spec.id} has no result`);
        return { cell: c.spec, result: c.entry.result };
      }),
    });
    // What is written must read back: JSON turns NaN and ±Infinity into null.
    const stored = JSON.parse(JSON.stringify(figures));
    const checked = figuresSchema.safeParse(stored);
    if (!checked.success) throw new Error(`aggregate's figure data is not storable (${describeIssues(checked.error)}); non-finite numbers become null in JSON`);
    const mismatch = figureMismatch(p, stored);
    if (mismatch) throw new Error(mismatch);
    const changed = p.aggregateCode.filter((src) => !sameHash(opts.root, src)).map((src) => src.file);
    if (changed.length) throw new Error(`source changed while aggregating (${changed.join(', ')}): result discarded, run again`);
    const git = gitState(opts.root);
    const entry: Omit<AggregateEntry, 'digest'> = {
      kind: 'aggregate',
      key,
      inputs,
      figures: stored,
      provenance: {
        computedAt: new Date().toISOString(),
        commit: git.commit,
        sourcesAtCommit: committedFiles(opts.root, git.commit)(p.aggregateCode.map((s) => s.file)),
      },
    };
    opts.store.writeAggregate(entry);
    const written = opts.store.readAggregate(def.id, key);
    if (written.status !== 'ok') throw new Error(`the aggregate just written does not read back: ${'reason' in written ? written.reason : written.status}`);
    return { status: 'computed', entry: written.entry };
  } catch (err) {
    return { status: 'failed', error: (err as Error).stack ?? String(err) };
  }
}
