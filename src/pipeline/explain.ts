/**
 * Why a cell is stale: compare its current inputs with those of the latest
 * stored result for the same experiment, profile and cell id.
 */
import { canonicalJson, type SourceHash } from './hashing.js';
import type { CellInputs } from './keys.js';
import type { CellEntry } from './store.js';

function diffHashes(label: string, before: SourceHash[], after: SourceHash[]): string[] {
  const b = new Map(before.map((s) => [s.file, s.sha256]));
  const a = new Map(after.map((s) => [s.file, s.sha256]));
  const out: string[] = [];
  for (const [file, hash] of a) {
    if (!b.has(file)) out.push(`${label} ${file} added`);
    else if (b.get(file) !== hash) out.push(`${label} ${file} changed`);
  }
  for (const file of b.keys()) if (!a.has(file)) out.push(`${label} ${file} removed`);
  return out;
}

/** A value as text; `absent` for a key that one side does not have. */
const show = (v: unknown) => (v === undefined ? 'absent' : canonicalJson(v));

function diffValues(prefix: string, before: unknown, after: unknown, out: string[]): void {
  if (show(before) === show(after)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      diffValues(`${prefix}.${k}`, before[k], after[k], out);
    }
    return;
  }
  out.push(`${prefix}: ${show(before)} → ${show(after)}`);
}

/** The inputs that changed, one line each; empty when nothing is stored to compare with. */
export function explainChange(current: CellInputs, previous: CellInputs): string[] {
  const out: string[] = [];
  out.push(...diffHashes('source', previous.code, current.code));
  out.push(...diffHashes('data file', previous.data, current.data));
  if (previous.cell.seed !== current.cell.seed) out.push(`seed: ${previous.cell.seed} → ${current.cell.seed}`);
  diffValues('config', previous.cell.params, current.cell.params, out);
  if (previous.parent !== current.parent)
    out.push(`parent cell ${current.cell.parent ?? previous.cell.parent}: key ${previous.parent ?? 'absent'} → ${current.parent ?? 'absent'}`);
  if (previous.backend !== current.backend) out.push(`backend: ${previous.backend} → ${current.backend}`);
  diffValues('package', previous.packages, current.packages, out);
  if (out.length === 0) out.push('key format changed');
  return out;
}

/** The most recent stored entry for the same cell of the same profile. */
export function previousEntry(entries: CellEntry[], current: CellInputs): CellEntry | undefined {
  return entries
    .filter((e) => e.inputs.profile === current.profile && e.inputs.cell.id === current.cell.id)
    .sort((p, q) => q.provenance.computedAt.localeCompare(p.provenance.computedAt))[0];
}
