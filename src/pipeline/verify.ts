/**
 * `npm run verify`: does the committed store really come from this code?
 *
 * 1. The integrity check of the whole store (audit.ts, checkStore).
 * 2. A seeded sample of the stored cells, stratified over experiments and
 *    profiles and chosen to fit a time budget (by each cell's recorded
 *    compute time), is re-run into a temporary store and compared with the
 *    stored results: bit-identical (same result digest), else the fields that
 *    differ and by how much.
 *
 * The outcome (date, commit, sample, result) is recorded in
 * results/verification.json, which the site shows in its footer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkStore, type StoreCheck } from './audit.js';
import { executeCells } from './execute.js';
import type { CellExecutor } from './executors.js';
import { canonicalJson } from './hashing.js';
import { planExperiments, type PlannedCell, type PlannedExperiment } from './plan.js';
import { gitState } from './provenance.js';
import type { LoadedExperiment } from './registry.js';
import { ResultsStore, writeFileAtomic } from './store.js';

/** The record of the last verification, in the store's folder (results/verification.json). */
export const VERIFICATION_FILE = 'verification.json';

export interface VerifiedCell {
  experiment: string;
  profile: string;
  cell: string;
  key: string;
  /** identical: same result digest; differs: see differences; failed: the run failed; not run: the budget ran out first. */
  outcome: 'identical' | 'differs' | 'failed' | 'not run';
  /** Compute time recorded in the store, and of the re-run. */
  storedSeconds: number;
  seconds?: number;
  /** For differs: the fields that differ and by how much; for failed: the error. */
  differences?: string[];
}

export interface VerifyRecord {
  format: 1;
  date: string;
  commit: string | null;
  /** Tracked files differed from the commit. */
  dirty: boolean;
  backend: string;
  node: string;
  seed: number;
  budgetSeconds: number;
  jobs: number;
  selection: { experiments: string[] | 'all'; profiles: string[] };
  integrity: { cells: number; aggregates: number; problems: string[]; seconds: number };
  sample: {
    /** Stored cells the sample was drawn from. */
    candidates: number;
    /** Strata (experiment and profile) that had candidates, and how many of them the sample covers. */
    strata: number;
    strataSampled: number;
    planned: number;
    identical: number;
    differing: number;
    failed: number;
    notRun: number;
    /** Sum of the recorded compute times of the planned cells; wall time of the re-runs. */
    storedSeconds: number;
    seconds: number;
  };
  cells: VerifiedCell[];
  result: 'pass' | 'fail';
}

/** A duration: `10m`, `90s`, `1h`, `2m30s`, or a number of seconds. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = t.match(/^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/);
  if (!t || !m || !(m[1] || m[2] || m[3])) throw new Error(`not a duration: "${text}" (e.g. 10m, 90s, 1h, 2m30s)`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface Candidate {
  /** The stratum: experiment and profile. */
  stratum: string;
  /** Expected compute time (the stored one). */
  seconds: number;
}

/**
 * A seeded sample stratified over `stratum`: strata take turns (in a seeded
 * order), each giving its next cell (in a seeded order) that still fits the
 * budget, until `max` cells are chosen or no cell fits. The budget is
 * `budgetSeconds` of wall time on `jobs` lanes; a cell must fit one lane.
 */
export function sampleCells<C extends Candidate>(candidates: C[], opts: { seed: number; budgetSeconds: number; jobs: number; max?: number }): C[] {
  const rand = random(opts.seed);
  const byStratum = new Map<string, C[]>();
  for (const c of candidates) byStratum.set(c.stratum, [...(byStratum.get(c.stratum) ?? []), c]);
  const strata = shuffle(
    [...byStratum.keys()].sort().map((s) => shuffle(byStratum.get(s) ?? [], rand)),
    rand,
  );
  const capacity = opts.budgetSeconds * opts.jobs;
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  const chosen: C[] = [];
  let used = 0;
  for (let progress = true; progress && chosen.length < max; ) {
    progress = false;
    for (const queue of strata) {
      if (chosen.length >= max) break;
      while (queue.length) {
        const c = queue.shift() as C;
        if (c.seconds <= opts.budgetSeconds && used + c.seconds <= capacity) {
          chosen.push(c);
          used += c.seconds;
          progress = true;
          break;
        }
      }
    }
  }
  return chosen;
}

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2));

/**
 * The fields of two results that differ, one line each (at most `limit`,
 * then a summary line): `result.rdW: 0.4931 → 0.4937 (Δ 6.0e-4, relative 1.2e-3)`.
 */
export function resultDifferences(stored: unknown, recomputed: unknown, limit = 8): string[] {
  const leaves: { path: string; a: unknown; b: unknown }[] = [];
  const walk = (p: string, a: unknown, b: unknown) => {
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) return;
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
    if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(Array.isArray(a) ? `${p}[${k}]` : `${p}.${k}`, a[k], b[k]);
    } else leaves.push({ path: p, a, b });
  };
  walk('result', stored, recomputed);
  const show = (v: unknown) => (v === undefined ? 'absent' : typeof v === 'number' ? fmt(v) : canonicalJson(v).slice(0, 60));
  const line = ({ path: p, a, b }: (typeof leaves)[number]) => {
    if (typeof a === 'number' && typeof b === 'number') {
      const d = Math.abs(b - a);
      const rel = d / Math.max(Math.abs(a), Math.abs(b));
      return `${p}: ${show(a)} → ${show(b)} (Δ ${fmt(d)}, relative ${fmt(rel)})`;
    }
    return `${p}: ${show(a)} → ${show(b)}`;
  };
  const out = leaves.slice(0, limit).map(line);
  if (leaves.length > limit) {
    const numeric = leaves.filter((l) => typeof l.a === 'number' && typeof l.b === 'number');
    const worst = numeric.reduce<(typeof leaves)[number] | undefined>(
      (w, l) => (!w || Math.abs((l.b as number) - (l.a as number)) > Math.abs((w.b as number) - (w.a as number)) ? l : w),
      undefined,
    );
    out.push(`… ${leaves.length} values differ in all${worst ? `; the largest difference: ${line(worst)}` : ''}`);
  }
  return out;
}

/**
 * Expected wall time of a re-run from its recorded compute time: a margin for
 * a busier or slower machine, and a little for each cell's start (module
 * imports, the result's validation and writing).
 */
export const expectedSeconds = (stored: number): number => 1.3 * stored + 0.05;

export interface VerifyOptions {
  root: string;
  store: ResultsStore;
  experiments: LoadedExperiment[];
  backend: string;
  /** Experiment ids to sample (default: all). */
  ids?: string[];
  /** Profiles to sample (default: quick and paper). */
  profiles?: string[];
  /** At most this many cells (default: as many as fit the budget). */
  sample?: number;
  budgetSeconds: number;
  seed: number;
  jobs: number;
  /** Where the cells run, given how many may run at once (default: this process); closed at the end. */
  executor?: (size: number) => CellExecutor | undefined;
  /** Only the integrity check: re-run nothing. */
  integrityOnly?: boolean;
  log?: (line: string) => void;
  progress?: boolean;
}

/** Verify a store: check its integrity, re-run a sample of it, compare. */
export async function verifyStore(opts: VerifyOptions): Promise<VerifyRecord> {
  const log = opts.log ?? (() => {});
  const { root, store, backend } = opts;
  const git = gitState(root);
  const integrity: StoreCheck = checkStore(store);
  log(
    `integrity: ${integrity.cells} cells and ${integrity.aggregates} aggregates checked in ${integrity.seconds.toFixed(1)} s: ${integrity.problems.length ? `${integrity.problems.length} problem(s)` : 'every key, digest and index line agrees'}`,
  );
  for (const p of integrity.problems.slice(0, 50)) log(`  ${p}`);
  if (integrity.problems.length > 50) log(`  … and ${integrity.problems.length - 50} more`);

  const profiles = opts.profiles ?? ['quick', 'paper'];
  const selected = opts.ids?.length ? new Set(opts.ids) : undefined;
  const candidates: (Candidate & { p: PlannedExperiment; c: PlannedCell })[] = [];
  const strata = new Set<string>();
  if (!opts.integrityOnly) {
    for (const profile of profiles) {
      const exps = opts.experiments.filter((e) => Object.hasOwn(e.def.profiles, profile) && (!selected || selected.has(e.def.id)));
      for (const p of await planExperiments(exps, { root, store, profile, backend })) {
        for (const c of p.cells) {
          if (c.state !== 'fresh' || !c.entry) continue;
          const stratum = `${p.exp.def.id} [${profile}]`;
          strata.add(stratum);
          candidates.push({ stratum, seconds: expectedSeconds(c.entry.provenance.computeSeconds), p, c });
        }
      }
    }
  }
  const chosen = sampleCells(candidates, { seed: opts.seed, budgetSeconds: opts.budgetSeconds, jobs: opts.jobs, max: opts.sample });
  const storedSeconds = chosen.reduce((s, x) => s + (x.c.entry?.provenance.computeSeconds ?? 0), 0);
  if (!opts.integrityOnly)
    log(
      `sample (seed ${opts.seed}): ${chosen.length} of ${candidates.length} stored cells, from ${new Set(chosen.map((x) => x.stratum)).size} of ${strata.size} experiment/profile strata, ${fmt(storedSeconds)} s of recorded compute time (about ${fmt(chosen.reduce((s, x) => s + x.seconds, 0) / opts.jobs)} s expected; budget ${fmt(opts.budgetSeconds)} s on ${opts.jobs} job(s))`,
    );

  // Re-run into a temporary store: copies of the planned cells, so that the plan keeps the stored entries.
  const reruns = chosen.map(({ p, c }) => ({ p, c: { ...c, state: 'missing' as const, reasons: [], entry: undefined } as PlannedCell }));
  const tmp = mkdtempSync(path.join(tmpdir(), 'cc-verify-'));
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let summary: Awaited<ReturnType<typeof executeCells>> = { ran: [], adopted: [], failed: [] };
  const executor = reruns.length > 1 ? opts.executor?.(Math.min(opts.jobs, reruns.length)) : undefined;
  try {
    if (reruns.length)
      summary = await executeCells(reruns, {
        root,
        store: new ResultsStore(tmp),
        backend,
        log,
        progress: opts.progress,
        executor,
        shouldStart: () => elapsed() < opts.budgetSeconds,
      });
  } finally {
    await executor?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = elapsed();

  const cells: VerifiedCell[] = chosen.map(({ p, c }, i) => {
    const base = { experiment: p.exp.def.id, profile: p.profile, cell: c.spec.id, key: c.key, storedSeconds: c.entry?.provenance.computeSeconds ?? 0 };
    const rerun = reruns[i].c;
    const ran = summary.ran.find((r) => r.experiment === base.experiment && r.key === c.key);
    const failed = summary.failed.find((f) => f.key === c.key);
    if (failed) return { ...base, outcome: 'failed', differences: [failed.error.split('\n')[0]] };
    if (!rerun.entry || !ran) return { ...base, outcome: 'not run' };
    const rounded = Math.round(ran.seconds * 1000) / 1000;
    if (rerun.entry.digest === c.entry?.digest) return { ...base, outcome: 'identical', seconds: rounded };
    return { ...base, outcome: 'differs', seconds: rounded, differences: resultDifferences(c.entry?.result, rerun.entry.result) };
  });
  const count = (o: VerifiedCell['outcome']) => cells.filter((c) => c.outcome === o).length;
  const record: VerifyRecord = {
    format: 1,
    date: new Date().toISOString(),
    commit: git.commit,
    dirty: git.dirty,
    backend,
    node: process.version,
    seed: opts.seed,
    budgetSeconds: opts.budgetSeconds,
    jobs: opts.jobs,
    selection: { experiments: opts.ids?.length ? [...opts.ids].sort() : 'all', profiles },
    integrity: { cells: integrity.cells, aggregates: integrity.aggregates, problems: integrity.problems, seconds: Math.round(integrity.seconds * 10) / 10 },
    sample: {
      candidates: candidates.length,
      strata: strata.size,
      strataSampled: new Set(cells.filter((c) => c.outcome !== 'not run').map((c) => `${c.experiment} [${c.profile}]`)).size,
      planned: cells.length,
      identical: count('identical'),
      differing: count('differs'),
      failed: count('failed'),
      notRun: count('not run'),
      storedSeconds: Math.round(storedSeconds * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
    },
    cells,
    result: integrity.problems.length === 0 && count('differs') === 0 && count('failed') === 0 ? 'pass' : 'fail',
  };
  for (const c of cells) {
    if (c.outcome === 'identical' || c.outcome === 'not run') continue;
    log(
      `${c.outcome === 'differs' ? 'DIFFERS' : 'FAILED'} ${c.experiment} [${c.profile}] cell ${c.cell} (${store.relative(store.cellFile(c.experiment, c.key))}):`,
    );
    for (const d of c.differences ?? []) log(`    ${d}`);
  }
  return record;
}

/** Write the record where the site reads it (results/verification.json, or `file`). */
export function writeVerification(store: ResultsStore, record: VerifyRecord, file = path.join(store.dir, VERIFICATION_FILE)): string {
  writeFileAtomic(file, `${JSON.stringify(record, null, 1)}\n`);
  return file;
}

/** One line for people: what was re-run and how it compared. */
export function describeVerification(r: VerifyRecord): string {
  const s = r.sample;
  const rerun = s.identical + s.differing + s.failed;
  const parts = [
    `${rerun} of ${s.candidates} stored cells re-run (seed ${r.seed}, ${s.strataSampled} of ${s.strata} experiment/profile strata, ${fmt(s.seconds)} s)`,
    `${s.identical} bit-identical`,
  ];
  if (s.differing) parts.push(`${s.differing} differ`);
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.notRun) parts.push(`${s.notRun} not run (budget)`);
  if (r.integrity.problems.length) parts.push(`${r.integrity.problems.length} integrity problem(s)`);
  return `verify ${r.result === 'pass' ? 'passed' : 'FAILED'}: ${parts.join(', ')}`;
}
