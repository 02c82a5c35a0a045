/**
 * "Re-run in your browser" (../FigureRerun.astro), loaded by the islands'
 * bootstrap (../FigureIslands.astro) when the reader presses the button.
 * For each chosen cell it fetches the cell's stored entry
 * (/rerun/<figure>/<key>.json: inputs, result, digest, key), runs the cell
 * in a Web Worker (./rerun.worker.ts: the experiment's run.ts, same engine,
 * same WebAssembly kernel) with a progress bar, and reports
 * - whether the key recomputed from the worker's source hashes (made at
 *   build time by the pipeline's import-graph code) and the stored inputs is
 *   the stored key: the code the browser ran is the code the key names; the
 *   files whose hashes differ are named;
 * - whether the result's digest (SHA-256 of its canonical JSON, the same
 *   text as src/pipeline/integrity.ts resultDigest, hashed with WebCrypto)
 *   is the stored digest, and the result equal to the stored one; otherwise
 *   the fields that differ and by how much.
 */
import { cellKeyText, resultDigestText } from '../../pipeline/canonical';
import type { CellInputs } from '../../pipeline/keys';

interface StoredCell {
  key: string;
  digest: string;
  inputs: CellInputs;
  result: unknown;
}

type WorkerMessage =
  | { type: 'sources'; code: { file: string; sha256: string }[]; packages: Record<string, string> }
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: unknown; seconds: number }
  | { type: 'error'; message: string };

export interface CellOutcome {
  id: string;
  /** the key recomputed from the bundle's source hashes and the stored inputs */
  key: string;
  /** the digest of the re-run's result */
  digest: string;
  keyMatches: boolean;
  digestMatches: boolean;
  identical: boolean;
  seconds: number;
  lines: string[];
}

async function sha256(text: string): Promise<string> {
  if (!crypto?.subtle) throw new Error('this page is not in a secure context (https), so WebCrypto cannot hash');
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

interface Difference {
  path: string;
  text: string;
}

/** The places where two JSON values differ, with stored → re-run and |Δ| for numbers. */
export function differences(stored: unknown, rerun: unknown, at = 'result', out: Difference[] = []): Difference[] {
  if (typeof stored === 'number' && typeof rerun === 'number') {
    if (!Object.is(stored, rerun)) out.push({ path: at, text: `${stored} stored, ${rerun} re-run (|Δ| = ${Math.abs(stored - rerun).toPrecision(3)})` });
  } else if (Array.isArray(stored) && Array.isArray(rerun)) {
    if (stored.length !== rerun.length) out.push({ path: at, text: `${stored.length} entries stored, ${rerun.length} re-run` });
    for (let i = 0; i < Math.min(stored.length, rerun.length); i++) differences(stored[i], rerun[i], `${at}[${i}]`, out);
  } else if (stored && rerun && typeof stored === 'object' && typeof rerun === 'object' && !Array.isArray(stored) && !Array.isArray(rerun)) {
    const a = stored as Record<string, unknown>;
    const b = rerun as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!(k in b)) out.push({ path: `${at}.${k}`, text: 'stored, absent from the re-run' });
      else if (!(k in a)) out.push({ path: `${at}.${k}`, text: 'in the re-run, absent from the store' });
      else differences(a[k], b[k], `${at}.${k}`, out);
    }
  } else if (JSON.stringify(stored) !== JSON.stringify(rerun)) {
    out.push({ path: at, text: `${JSON.stringify(stored)} stored, ${JSON.stringify(rerun)} re-run` });
  }
  return out;
}

/** Files whose hashes differ between the stored inputs and the bundle's sources. */
function codeDifferences(stored: CellInputs, code: { file: string; sha256: string }[], packages: Record<string, string>): string[] {
  const a = new Map(stored.code.map((s) => [s.file, s.sha256]));
  const b = new Map(code.map((s) => [s.file, s.sha256]));
  const out: string[] = [];
  for (const [file, hash] of a) {
    if (!b.has(file)) out.push(`${file}: in the key, not in the browser bundle`);
    else if (b.get(file) !== hash) out.push(`${file}: ${short(hash)} in the key, ${short(b.get(file) ?? '')} in the browser bundle`);
  }
  for (const file of b.keys()) if (!a.has(file)) out.push(`${file}: in the browser bundle, not in the key`);
  for (const name of [...new Set([...Object.keys(stored.packages), ...Object.keys(packages)])].sort()) {
    if (stored.packages[name] !== packages[name])
      out.push(`package ${name}: ${stored.packages[name] ?? 'absent'} in the key, ${packages[name] ?? 'absent'} in the browser bundle`);
  }
  return out;
}

async function fetchEntry(url: string): Promise<StoredCell> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as StoredCell;
}

/** The keys of every cell a figure offers, in cell order (src/pages/rerun/[experiment]/all.json.ts). */
async function fetchAllKeys(url: string): Promise<string[]> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  const { keys } = (await r.json()) as { keys: string[] };
  return keys;
}

/** Run one stored cell in a worker; resolves when it is done. */
function runInWorker(
  entry: StoredCell,
  onProgress: (fraction: number) => void,
): Promise<{ sources: Extract<WorkerMessage, { type: 'sources' }>; result: unknown; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./rerun.worker.ts', import.meta.url), { type: 'module' });
    let sources: Extract<WorkerMessage, { type: 'sources' }> | undefined;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'sources') sources = m;
      else if (m.type === 'progress') onProgress(m.fraction);
      else {
        worker.terminate();
        if (m.type === 'error') reject(new Error(m.message));
        else if (!sources) reject(new Error('the worker sent no source hashes'));
        else resolve({ sources, result: m.result, seconds: m.seconds });
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the re-run worker failed: ${e.message}`));
    };
    worker.postMessage({ experiment: entry.inputs.experiment, cell: entry.inputs.cell });
  });
}

async function rerunCell(entry: StoredCell, onProgress: (fraction: number) => void): Promise<CellOutcome> {
  const id = entry.inputs.cell.id;
  const lines: string[] = [];
  const storedKeyOk = (await sha256(cellKeyText(entry.inputs))) === entry.key;
  if (!storedKeyOk) lines.push(`the stored inputs of cell ${id} do not hash to its stored key ${short(entry.key)}`);
  const storedDigestOk = (await sha256(resultDigestText(entry.result))) === entry.digest;
  if (!storedDigestOk) lines.push(`the stored result of cell ${id} does not hash to its stored digest ${short(entry.digest)}`);
  const { sources, result, seconds } = await runInWorker(entry, onProgress);
  const key = await sha256(cellKeyText({ ...entry.inputs, code: sources.code, packages: sources.packages }));
  const keyMatches = key === entry.key;
  if (!keyMatches) {
    lines.push(`key recomputed from the browser bundle's sources ${short(key)} ≠ stored key ${short(entry.key)}`);
    for (const d of codeDifferences(entry.inputs, sources.code, sources.packages)) lines.push(`  ${d}`);
  }
  const digest = await sha256(resultDigestText(result));
  const digestMatches = digest === entry.digest;
  const diffs = differences(JSON.parse(resultDigestText(entry.result)), JSON.parse(resultDigestText(result)));
  if (!digestMatches) lines.push(`result digest ${short(digest)} ≠ stored digest ${short(entry.digest)}`);
  if (diffs.length) {
    lines.push(`${diffs.length} field${diffs.length === 1 ? '' : 's'} of cell ${id} differ${diffs.length === 1 ? 's' : ''} from the store:`);
    for (const d of diffs.slice(0, 8)) lines.push(`  ${d.path}: ${d.text}`);
    if (diffs.length > 8) lines.push(`  … and ${diffs.length - 8} more`);
  }
  const identical = keyMatches && digestMatches && diffs.length === 0 && storedKeyOk && storedDigestOk;
  return { id, key, digest, keyMatches, digestMatches, identical, seconds, lines };
}

function line(parent: HTMLElement, text: string, className?: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  parent.append(p);
  return p;
}

let running = false;

/** Re-run the cell chosen in the figure's re-run panel (or all of them). */
export async function start(box: HTMLElement): Promise<void> {
  if (running) return;
  running = true;
  const button = box.querySelector<HTMLButtonElement>('[data-rerun-start]');
  const select = box.querySelector<HTMLSelectElement>('[data-rerun-cell]');
  const bar = box.querySelector<HTMLProgressElement>('[data-rerun-progress]');
  const status = box.querySelector<HTMLElement>('[data-rerun-status]');
  const base = box.dataset.rerun;
  if (!button || !select || !bar || !status || !base) throw new Error('re-run panel is incomplete');
  const choice = select.value;
  button.disabled = true;
  select.disabled = true;
  status.replaceChildren();
  bar.hidden = false;
  bar.value = 0;
  box.dataset.state = 'running';
  const outcomes: CellOutcome[] = [];
  try {
    // one cell (its key), a sample ('cells:<key>,<key>,…'), or all of them ('all': their keys in <base>all.json)
    const keys = choice === 'all' ? await fetchAllKeys(`${base}all.json`) : choice.startsWith('cells:') ? choice.slice('cells:'.length).split(',') : [choice];
    for (const [i, key] of keys.entries()) {
      const entry = await fetchEntry(`${base}${key}.json`);
      line(status, `Running cell ${entry.inputs.cell.id} (${i + 1} of ${keys.length})…`, 'rerun-running');
      const outcome = await rerunCell(entry, (f) => {
        bar.value = (i + Math.min(1, Math.max(0, f))) / keys.length;
      });
      bar.value = (i + 1) / keys.length;
      status.querySelector('.rerun-running')?.remove();
      outcomes.push(outcome);
      const verdict = line(
        status,
        `Cell ${outcome.id}: ${outcome.identical ? 'reproduced bit-identically' : 'does not match the store'} (${outcome.seconds.toFixed(2)} s in this browser)${outcome.keyMatches ? '; its key recomputed from the bundle’s source hashes is the stored key' : ''}.`,
        outcome.identical ? 'rerun-ok' : 'rerun-bad',
      );
      // what the re-run computed, for anyone checking by hand (and the browser test)
      Object.assign(verdict.dataset, { cell: outcome.id, key: outcome.key, digest: outcome.digest, seconds: String(outcome.seconds) });
      for (const l of outcome.lines) line(status, l, 'rerun-detail');
    }
    const ok = outcomes.filter((o) => o.identical).length;
    const summary = document.createElement('p');
    summary.className = 'rerun-summary';
    summary.textContent = `${ok} of ${outcomes.length} cell${outcomes.length === 1 ? '' : 's'} reproduced bit-identically.`;
    status.prepend(summary);
    box.dataset.state = ok === outcomes.length ? 'reproduced' : 'mismatch';
  } catch (error) {
    status.querySelector('.rerun-running')?.remove();
    line(status, `Re-run failed: ${error instanceof Error ? error.message : String(error)}`, 'rerun-bad');
    box.dataset.state = 'error';
  } finally {
    bar.hidden = true;
    button.disabled = false;
    select.disabled = false;
    running = false;
  }
}
