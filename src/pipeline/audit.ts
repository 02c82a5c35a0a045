/**
 * Integrity over a whole store (integrity.ts checks one entry):
 *
 * - `integrityFailures`: the entries a plan would use that fail their
 *   checks; the build refuses to run while there are any.
 * - `checkStore`: every entry of the store, planned or not, against its key,
 *   its digest and the index, every aggregate against its cells' digests, and
 *   every line of the index against the entries (`npm run verify`).
 * - `migrateDigests`: the one-off step that adds digests to entries written
 *   before integrity checks, re-aggregates (aggregate keys now cover the
 *   cells' digests) and writes the index (`npm run experiments -- --migrate-digests`).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { aggregateExperiment, readPlannedAggregate } from './aggregation.js';
import { aggregateProblems, cellProblems, formatIndex, INDEX_FILE, resultDigest, short } from './integrity.js';
import { type AggregateInputs, aggregateKey, type CellInputs, cellKey } from './keys.js';
import { describeCell, planExperiments, type PlannedExperiment } from './plan.js';
import type { LoadedExperiment } from './registry.js';
import { type ResultsStore, writeFileAtomic } from './store.js';

/** One line per entry the plans would use that fails its integrity check, naming cell, file and reason. */
export function integrityFailures(plans: PlannedExperiment[], store: ResultsStore): string[] {
  const out: string[] = [];
  for (const p of plans) {
    for (const c of p.cells) if (c.state === 'rejected') out.push(describeCell(p, c));
    if (p.cells.every((c) => c.state === 'fresh')) {
      const read = readPlannedAggregate(p, store);
      if (read.status === 'rejected') out.push(`${p.exp.def.id} [${p.profile}] aggregate: rejected by the integrity check (${read.reason})`);
    }
  }
  return out;
}

/** The advice printed with integrity failures. */
export const INTEGRITY_ADVICE =
  'nothing was run or overwritten. Restore each file from git (`git checkout -- <file>`), or delete it to recompute it; ' +
  '`git diff -- results/` shows what changed.';

interface EntryFile {
  /** Path relative to the store folder, as in the index. */
  name: string;
  kind: 'cells' | 'aggregates';
  experiment: string;
  key: string;
}

/** The entry files of a store (no leftover temporary files), parsed from their paths. */
function entryFiles(store: ResultsStore): { files: EntryFile[]; other: string[] } {
  const files: EntryFile[] = [];
  const other: string[] = [];
  for (const file of store.allFiles()) {
    const name = store.indexName(file);
    const m = name.match(/^([^/]+)\/(cells|aggregates)\/([0-9a-f]{64})\.json$/);
    if (m) files.push({ name, kind: m[2] as EntryFile['kind'], experiment: m[1], key: m[3] });
    else other.push(name);
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return { files, other };
}

/** An entry as parsed, its fields unchecked (the checks say what is wrong with them). */
interface RawEntry {
  kind?: unknown;
  key?: unknown;
  digest?: unknown;
  inputs: CellInputs & AggregateInputs;
  result?: unknown;
  figures?: unknown;
  [field: string]: unknown;
}

function readJson(store: ResultsStore, name: string): RawEntry | string {
  try {
    const json = JSON.parse(readFileSync(path.join(store.dir, name), 'utf8'));
    if (typeof json !== 'object' || json === null || typeof json.inputs !== 'object' || json.inputs === null) return 'not an entry (no inputs)';
    return json;
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
}

export interface StoreCheck {
  cells: number;
  aggregates: number;
  /** One line per problem, each naming its file (relative to the project root). */
  problems: string[];
  seconds: number;
}

/**
 * Check every entry of a store: its key is the hash of its stored inputs and
 * its file name, its digest matches its content and its index line; every
 * aggregate's cells are in the store with the digests it names; every index
 * line names an entry of the store.
 */
export function checkStore(store: ResultsStore): StoreCheck {
  const started = performance.now();
  const rel = (name: string) => store.relative(path.join(store.dir, name));
  const index = store.readIndex();
  const problems = index.problems.map((p) => `${rel(INDEX_FILE)}: ${p}`);
  const { files, other } = entryFiles(store);
  for (const name of other) if (!name.includes('.tmp-')) problems.push(`${rel(name)}: not an entry of the store (<experiment>/<cells|aggregates>/<key>.json)`);
  const present = new Set(files.map((f) => f.name));
  const aggregates: { f: EntryFile; json: RawEntry }[] = [];
  let cells = 0;
  for (const f of files) {
    const json = readJson(store, f.name);
    if (typeof json === 'string') {
      problems.push(`${rel(f.name)}: ${json}`);
      continue;
    }
    const where = json.inputs.experiment === f.experiment ? [] : [`it belongs to experiment ${json.inputs.experiment}, it is in the folder of ${f.experiment}`];
    const kind = f.kind === 'cells' ? 'cell' : 'aggregate';
    if (json.kind !== kind) where.push(`its kind is ${json.kind}, it is in the ${f.kind} folder`);
    const found =
      f.kind === 'cells' ? cellProblems(json as never, f.key, index.entries.get(f.name)) : aggregateProblems(json as never, f.key, index.entries.get(f.name));
    if (f.kind === 'cells') cells++;
    else aggregates.push({ f, json });
    for (const p of [...where, ...found]) problems.push(`${rel(f.name)}: ${p}`);
  }
  // an aggregate's cells: in the store, with the results it was made from
  for (const { f, json } of aggregates) {
    const keys: string[] = Array.isArray(json.inputs.cells) ? json.inputs.cells : [];
    const digests: unknown[] = Array.isArray(json.inputs.digests) ? json.inputs.digests : [];
    const absent = keys.filter((k) => !present.has(`${f.experiment}/cells/${k}.json`));
    const other = keys.filter((k, i) => present.has(`${f.experiment}/cells/${k}.json`) && index.entries.get(`${f.experiment}/cells/${k}.json`) !== digests[i]);
    if (absent.length) problems.push(`${rel(f.name)}: ${absent.length} of its ${keys.length} cells are not in the store (first: ${short(absent[0])})`);
    if (other.length && digests.length)
      problems.push(`${rel(f.name)}: made from other results of ${other.length} of its cells than the store holds (first: ${short(other[0])})`);
  }
  for (const name of index.entries.keys()) if (!present.has(name)) problems.push(`${rel(INDEX_FILE)}: lists ${name}, which is not in the store`);
  return { cells, aggregates: aggregates.length, problems, seconds: (performance.now() - started) / 1000 };
}

export interface Migration {
  /** Entries given a digest. */
  migrated: number;
  /** Entries that already had a (correct) digest. */
  alreadyMigrated: number;
  /** Aggregates computed anew, and how many of them have the same figures as the entry they replace. */
  reaggregated: { experiment: string; profile: string; sameFigures: boolean | undefined }[];
  /** Aggregates of the old format removed (no current cell set uses them, or they were replaced). */
  removed: string[];
  problems: string[];
}

/**
 * The one-off migration to integrity checks, on `store`: checks each cell
 * entry's key against its stored inputs and adds its result digest; writes
 * the index; re-aggregates every experiment and profile whose cells are all
 * in the store (the aggregate key now covers the cells' digests), comparing
 * the figures with those of the entry it replaces; removes the aggregates of
 * the old format. Runs no training. Refuses (changing nothing) when an entry
 * disagrees with its key, its digest or the index. Running it again changes
 * nothing; after a merge conflict in results/index.txt it rebuilds the index
 * from the entries (checking each).
 */
export async function migrateDigests(
  root: string,
  experiments: LoadedExperiment[],
  store: ResultsStore,
  backend: string,
  log: (line: string) => void,
): Promise<Migration> {
  const out: Migration = { migrated: 0, alreadyMigrated: 0, reaggregated: [], removed: [], problems: [] };
  const rel = (name: string) => store.relative(path.join(store.dir, name));
  const index = store.readIndex().entries;
  const { files } = entryFiles(store);
  const rewrite: { name: string; text: string }[] = [];
  const next = new Map<string, string>();
  const oldAggregates: { name: string; json: RawEntry }[] = [];
  for (const f of files) {
    const json = readJson(store, f.name);
    if (typeof json === 'string') {
      out.problems.push(`${rel(f.name)}: ${json}`);
      continue;
    }
    if (f.kind === 'aggregates' && !Array.isArray(json.inputs.digests)) {
      oldAggregates.push({ name: f.name, json });
      continue;
    }
    const recomputed = f.kind === 'cells' ? cellKey(json.inputs) : aggregateKey(json.inputs);
    const digest = resultDigest(f.kind === 'cells' ? json.result : json.figures);
    const problems: string[] = [];
    if (json.key !== f.key) problems.push(`its key field is ${short(json.key)}, its file name ${short(f.key)}`);
    if (recomputed !== f.key) problems.push(`its file name is not the hash of its stored inputs (they hash to ${short(recomputed)})`);
    if (json.digest !== undefined && json.digest !== digest) problems.push(`its content does not match its digest ${short(json.digest)}`);
    if (index.has(f.name) && index.get(f.name) !== digest)
      problems.push(`${INDEX_FILE} lists digest ${short(index.get(f.name))}, its content hashes to ${short(digest)}`);
    if (problems.length) {
      out.problems.push(`${rel(f.name)}: ${problems.join('; ')}`);
      continue;
    }
    next.set(f.name, digest);
    if (json.digest === digest) {
      out.alreadyMigrated++;
      continue;
    }
    const { kind, key, digest: _, inputs, ...rest } = json;
    rewrite.push({ name: f.name, text: `${JSON.stringify({ kind, key, digest, inputs, ...rest })}\n` });
    out.migrated++;
  }
  if (out.problems.length) return out;
  for (const { name, text } of rewrite) writeFileAtomic(path.join(store.dir, name), text);
  writeFileAtomic(store.indexFile, formatIndex(next));
  store.updateIndex({}); // refresh this process's view of the index
  log(`migrate: ${out.migrated} entries given a digest, ${out.alreadyMigrated} already had one; ${rel(INDEX_FILE)}: ${next.size} lines`);

  const oldFigures = (experiment: string, profile: string, cells: string[]) =>
    oldAggregates.find(
      (a) => a.json.inputs.experiment === experiment && a.json.inputs.profile === profile && JSON.stringify(a.json.inputs.cells) === JSON.stringify(cells),
    )?.json.figures;
  for (const profile of [...new Set(experiments.flatMap((e) => Object.keys(e.def.profiles)))].sort()) {
    const exps = experiments.filter((e) => Object.hasOwn(e.def.profiles, profile));
    for (const p of await planExperiments(exps, { root, store, profile, backend })) {
      const label = `${p.exp.def.id} [${profile}]`;
      for (const c of p.cells) if (c.state === 'rejected') out.problems.push(describeCell(p, c));
      const missing = p.cells.filter((c) => c.state !== 'fresh').length;
      if (missing) {
        log(`migrate: ${label}: not aggregated (${missing} of ${p.cells.length} cells have no fresh result)`);
        continue;
      }
      const outcome = await aggregateExperiment(p, { root, store, log });
      if (outcome.status === 'failed' || outcome.status === 'stale') {
        out.problems.push(`${label} aggregate: ${outcome.status === 'failed' ? outcome.error.split('\n')[0] : outcome.reason}`);
      } else if (outcome.status === 'computed') {
        const old = oldFigures(
          p.exp.def.id,
          profile,
          p.cells.map((c) => c.key),
        );
        const sameFigures = old === undefined ? undefined : resultDigest(old) === outcome.entry.digest;
        out.reaggregated.push({ experiment: p.exp.def.id, profile, sameFigures });
        const same =
          sameFigures === undefined
            ? 'no earlier aggregate of these cells'
            : sameFigures
              ? 'figures identical to the earlier aggregate'
              : 'FIGURES DIFFER from the earlier aggregate';
        log(`migrate: ${label}: re-aggregated (${same})`);
      }
    }
  }
  for (const { name } of oldAggregates) {
    rmSync(path.join(store.dir, name), { force: true });
    out.removed.push(rel(name));
  }
  log(`migrate: ${out.reaggregated.length} aggregates computed, ${out.removed.length} of the old format removed`);
  return out;
}
