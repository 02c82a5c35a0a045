/**
 * npm run compare-stores -- <old results dir> <new results dir> [--allow experiment:field.path …] [--json]
 *
 * Compares the cell results of two results stores, cell by cell: entries are
 * matched by (experiment, profile, cell id), the seed must agree, and every
 * result field present in both must be exactly equal (canonical JSON; the
 * runs are deterministic). Fields only one side has are listed as added or
 * removed, not as differences. Where several entries exist for one cell, the
 * most recently computed is used. `--allow` names fields whose change is
 * expected (e.g. a quantity now computed another way): their differences
 * are reported with their largest absolute change but do not fail.
 * Exit status 1 on any other difference, on a field the new store lost, when
 * a cell of the old store has no counterpart in the new one, or when the old
 * store holds no cell at all.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../src/pipeline/hashing.js';

interface Entry {
  key: string;
  inputs: { experiment: string; profile: string; cell: { id: string; seed: number } };
  result: unknown;
  provenance: { computedAt: string };
}

function readStore(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (!existsSync(dir)) throw new Error(`no such results store: ${dir}`);
  for (const experiment of readdirSync(dir).sort()) {
    const cells = path.join(dir, experiment, 'cells');
    if (!existsSync(cells)) continue;
    for (const name of readdirSync(cells)) {
      if (!name.endsWith('.json')) continue;
      const entry = JSON.parse(readFileSync(path.join(cells, name), 'utf8')) as Entry;
      const id = `${entry.inputs.experiment} [${entry.inputs.profile}] ${entry.inputs.cell.id}`;
      const seen = out.get(id);
      if (!seen || seen.provenance.computedAt < entry.provenance.computedAt) out.set(id, entry);
    }
  }
  return out;
}

export interface FieldDiff {
  count: number;
  maxAbs: number;
}

/** Walk two JSON values; record differing leaves by path (array indices folded to []). */
export function diffValues(a: unknown, b: unknown, at: string, diffs: Map<string, FieldDiff>, added: Set<string>, removed: Set<string>): void {
  if (canonicalJson(a) === canonicalJson(b)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) diffValues(a[i], b[i], `${at}[]`, diffs, added, removed);
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const field = at ? `${at}.${k}` : k;
      if (!(k in b)) removed.add(field);
      else if (!(k in a)) added.add(field);
      else diffValues(a[k], b[k], field, diffs, added, removed);
    }
    return;
  }
  const d = diffs.get(at) ?? { count: 0, maxAbs: 0 };
  d.count++;
  if (typeof a === 'number' && typeof b === 'number') d.maxAbs = Math.max(d.maxAbs, Math.abs(a - b));
  else d.maxAbs = Number.NaN;
  diffs.set(at, d);
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { allow: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 2) {
    process.stderr.write('usage: compare-stores <old results dir> <new results dir> [--allow experiment:field.path …] [--json]\n');
    return 2;
  }
  const [oldStore, newStore] = positionals.map((d) => readStore(path.resolve(d)));
  const allowed = new Set(values.allow);
  type Group = {
    cells: number;
    identical: number;
    differing: number;
    missing: number;
    seedChanged: number;
    diffs: Map<string, FieldDiff>;
    added: Set<string>;
    removed: Set<string>;
  };
  const groups = new Map<string, Group>();
  for (const [id, before] of oldStore) {
    const group = `${before.inputs.experiment} [${before.inputs.profile}]`;
    let g = groups.get(group);
    if (!g)
      groups.set(group, (g = { cells: 0, identical: 0, differing: 0, missing: 0, seedChanged: 0, diffs: new Map(), added: new Set(), removed: new Set() }));
    g.cells++;
    const after = newStore.get(id);
    if (!after) {
      g.missing++;
      continue;
    }
    if (after.inputs.cell.seed !== before.inputs.cell.seed) g.seedChanged++;
    const diffs = new Map<string, FieldDiff>();
    diffValues(before.result, after.result, '', diffs, g.added, g.removed);
    if (diffs.size === 0) g.identical++;
    else g.differing++;
    for (const [field, d] of diffs) {
      const acc = g.diffs.get(field) ?? { count: 0, maxAbs: 0 };
      acc.count += d.count;
      acc.maxAbs = Math.max(acc.maxAbs, d.maxAbs);
      g.diffs.set(field, acc);
    }
  }
  let failed = false;
  const report: unknown[] = [];
  for (const [group, g] of [...groups].sort()) {
    const experiment = group.split(' ')[0];
    const unexpected = [...g.diffs.keys()].filter((f) => !allowed.has(`${experiment}:${f}`));
    const lost = [...g.removed].filter((f) => !allowed.has(`${experiment}:${f}`));
    const bad = g.missing > 0 || g.seedChanged > 0 || unexpected.length > 0 || lost.length > 0;
    failed ||= bad;
    const parts = [`${g.cells} cells`, `${g.identical} identical`];
    if (g.differing) parts.push(`${g.differing} with differences`);
    if (g.missing) parts.push(`${g.missing} MISSING in the new store`);
    if (g.seedChanged) parts.push(`${g.seedChanged} with another SEED`);
    process.stderr.write(`${bad ? 'DIFFERENT' : 'same     '} ${group}: ${parts.join(', ')}\n`);
    for (const [field, d] of g.diffs)
      process.stderr.write(`    ${allowed.has(`${experiment}:${field}`) ? 'expected ' : 'CHANGED  '} ${field}: ${d.count} value(s), largest |Δ| ${d.maxAbs}\n`);
    if (g.added.size) process.stderr.write(`    added fields: ${[...g.added].join(', ')}\n`);
    if (g.removed.size) process.stderr.write(`    removed fields${lost.length ? ' (values LOST)' : ''}: ${[...g.removed].join(', ')}\n`);
    report.push({ group, ...g, diffs: Object.fromEntries(g.diffs), added: [...g.added], removed: [...g.removed] });
  }
  const cells = [...groups.values()].reduce((s, g) => s + g.cells, 0);
  if (cells === 0) {
    process.stderr.write(`the old store ${positionals[0]} holds no cell results: nothing was compared\n`);
    return 1;
  }
  const identical = [...groups.values()].reduce((s, g) => s + g.identical, 0);
  process.stderr.write(`${identical} of ${cells} cells identical; ${failed ? 'unexpected differences (see above)' : 'no unexpected difference'}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  return failed ? 1 : 0;
}

// run as a script (not when imported): compare real paths, since the script may be reached through a symlink
const invoked = process.argv[1] ? realpathSync(path.resolve(process.argv[1])) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) process.exit(main());
