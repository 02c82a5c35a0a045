/**
 * Integrity of the results store: what makes a stored entry trustworthy.
 *
 * - Each entry carries `digest`, the SHA-256 of its result's canonical JSON
 *   (a cell's `result`, an aggregate's `figures`).
 * - Its key must be the hash of its stored inputs (recomputed, not read), and
 *   equal its file name; where a plan asks for it, its inputs must be the
 *   planned ones.
 * - An aggregate's inputs hold its cells' keys and their result digests, so
 *   its key covers the results it was made from.
 * - `results/index.txt` lists every entry and its digest, one line each,
 *   sorted: `<experiment>/<cells|aggregates>/<key>.json <digest>`. It is
 *   committed, so that every changed result shows in a review's diff; an
 *   entry whose digest disagrees with its line is rejected.
 *
 * An entry that fails any of these is rejected: the build stops, naming the
 * file and what disagrees, and never overwrites it (restore it from git, or
 * delete it to recompute it). Pure functions here; the store (store.ts) reads
 * and writes the index, audit.ts checks a whole store.
 */
import { canonicalJson, resultDigestText } from './canonical.js';
import { sha256 } from './hashing.js';
import { aggregateKey, cellKey, type AggregateInputs, type CellInputs } from './keys.js';

/** The index file, in the store's folder (results/index.txt). */
export const INDEX_FILE = 'index.txt';

/** Command that adds digests to entries written before integrity checks and rebuilds the index. */
export const MIGRATE_COMMAND = 'npm run experiments -- --migrate-digests';

/** SHA-256 of a value's canonical JSON, as it reads back from the store (JSON: NaN and ±Infinity become null). */
export function resultDigest(value: unknown): string {
  return sha256(resultDigestText(value));
}

/** A hash as shown in messages: its first 12 digits. */
export const short = (hash: unknown): string => (typeof hash === 'string' ? `${hash.slice(0, 12)}…` : String(hash));

export interface IndexParse {
  /** Entry path relative to the store folder (`<experiment>/cells/<key>.json`) → digest. */
  entries: Map<string, string>;
  /** Malformed or duplicated lines, one message each (line numbers from 1). */
  problems: string[];
}

const INDEX_LINE = /^([^\s/]+\/(?:cells|aggregates)\/[0-9a-f]{64}\.json) ([0-9a-f]{64})$/;

export function parseIndex(text: string): IndexParse {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = line.match(INDEX_LINE);
    if (!m) problems.push(`line ${i + 1} is not "<experiment>/<cells|aggregates>/<key>.json <digest>": ${line.slice(0, 80)}`);
    else if (entries.has(m[1]) && entries.get(m[1]) !== m[2]) problems.push(`line ${i + 1}: ${m[1]} is listed twice, with different digests`);
    else entries.set(m[1], m[2]);
  });
  return { entries, problems };
}

export function formatIndex(entries: Map<string, string>): string {
  return [...entries.keys()]
    .sort()
    .map((name) => `${name} ${entries.get(name)}\n`)
    .join('');
}

/** Where two JSON values differ, one line per leaf (at most `limit`), paths from `prefix`. */
export function differences(prefix: string, stored: unknown, planned: unknown, out: string[] = [], limit = 8): string[] {
  if (out.length >= limit || canonicalJson(stored ?? null) === canonicalJson(planned ?? null)) return out;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(stored) && isObj(planned) && Array.isArray(stored) === Array.isArray(planned)) {
    for (const k of new Set([...Object.keys(stored), ...Object.keys(planned)])) differences(`${prefix}.${k}`, stored[k], planned[k], out, limit);
    return out;
  }
  const show = (v: unknown) => (v === undefined ? 'absent' : canonicalJson(v).slice(0, 80));
  out.push(`${prefix} is ${show(stored)}, planned ${show(planned)}`);
  return out;
}

/** The checks common to cells and aggregates: key field, recomputed key, digest, index line. */
function commonProblems(
  entry: { key: unknown; digest?: unknown },
  what: 'result does' | 'figures do',
  name: string,
  recomputedKey: string,
  digestOf: string,
  indexed: string | undefined,
): string[] {
  const out: string[] = [];
  if (entry.key !== name) out.push(`its key field is ${short(String(entry.key))}, its file name ${short(name)}`);
  if (recomputedKey !== name) out.push(`its file name ${short(name)} is not the hash of its stored inputs (they hash to ${short(recomputedKey)})`);
  if (entry.digest === undefined) out.push(`it has no digest (written before integrity checks: run \`${MIGRATE_COMMAND}\`)`);
  else if (entry.digest !== digestOf)
    out.push(`its ${what} not match its digest (digest ${short(String(entry.digest))}, content hashes to ${short(digestOf)}): edited after it was computed`);
  if (indexed === undefined) out.push(`it is not listed in results/${INDEX_FILE}`);
  else if (entry.digest !== undefined && indexed !== entry.digest)
    out.push(`results/${INDEX_FILE} lists digest ${short(indexed)}, the entry ${short(String(entry.digest))}`);
  return out;
}

/**
 * Why a stored cell entry cannot be trusted, one reason each; empty when it
 * can. `name`: the key of its file name; `indexed`: its digest in the index;
 * `expected`: the planned inputs, when a plan asks for this key.
 */
export function cellProblems(
  entry: { key: unknown; digest?: unknown; inputs: CellInputs; result: unknown },
  name: string,
  indexed: string | undefined,
  expected?: CellInputs,
): string[] {
  const out = commonProblems(entry, 'result does', name, cellKey(entry.inputs), resultDigest(entry.result), indexed);
  if (expected) {
    const s = entry.inputs;
    const which =
      s.experiment !== expected.experiment || s.profile !== expected.profile || s.cell?.id !== expected.cell.id
        ? `it holds ${s.experiment} [${s.profile}] cell ${s.cell?.id}, planned ${expected.experiment} [${expected.profile}] cell ${expected.cell.id}`
        : undefined;
    const diff = differences('inputs', s, expected);
    if (which || diff.length) out.push(`its inputs are not those of the planned cell: ${[which, ...diff].filter(Boolean).join('; ')}`);
  }
  return out;
}

/** As cellProblems, for an aggregate entry; `expected` names cells by id in its messages. */
export function aggregateProblems(
  entry: { key: unknown; digest?: unknown; inputs: AggregateInputs; figures: unknown },
  name: string,
  indexed: string | undefined,
  expected?: AggregateInputs,
  cellIds?: string[],
): string[] {
  const out = commonProblems(entry, 'figures do', name, aggregateKey(entry.inputs), resultDigest(entry.figures), indexed);
  if (!Array.isArray(entry.inputs.digests)) out.push(`its inputs have no cell digests (written before integrity checks: run \`${MIGRATE_COMMAND}\`)`);
  if (expected) {
    const { cells, digests, ...rest } = entry.inputs;
    const { cells: plannedCells, digests: plannedDigests, ...plannedRest } = expected;
    const diff = differences('inputs', rest, plannedRest);
    const id = (i: number) => cellIds?.[i] ?? `#${i}`;
    if (canonicalJson(cells) !== canonicalJson(plannedCells)) {
      const other = plannedCells.map((k, i) => (cells?.[i] === k ? -1 : i)).filter((i) => i >= 0);
      diff.push(`cell keys differ (${cells?.length ?? 0} stored, ${plannedCells.length} planned; first differing: cell ${id(other[0] ?? 0)})`);
    } else if (canonicalJson(digests) !== canonicalJson(plannedDigests)) {
      const other = plannedDigests.map((d, i) => (digests?.[i] === d ? -1 : i)).filter((i) => i >= 0);
      diff.push(`made from other results of cell${other.length === 1 ? '' : 's'} ${other.slice(0, 5).map(id).join(', ')}${other.length > 5 ? ', …' : ''}`);
    }
    if (diff.length) out.push(`its inputs are not those of the planned aggregate: ${diff.join('; ')}`);
  }
  return out;
}
