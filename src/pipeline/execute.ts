/**
 * Execution: run a list of planned cells (on an executor: this process or a
 * pool of worker threads), validate each result against its experiment's
 * schema and write it to the store. The step that the cluster's shards and
 * the local build both call.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { inProcessExecutor, type CellExecutor, type CellStateFiles } from './executors.js';
import { canonicalJson, hashFile, type SourceHash } from './hashing.js';
import type { Leases } from './lease.js';
import type { PlannedCell, PlannedExperiment } from './plan.js';
import { cellProgress, type Progress } from './progress.js';
import { committedFiles, gitState } from './provenance.js';
import { describeIssues, type CellEntry, type ResultsStore } from './store.js';

export interface ExecuteOptions {
  root: string;
  store: ResultsStore;
  /** The TensorFlow.js backend of this process. */
  backend: string;
  log?: (line: string) => void;
  /** Show a progress bar (default: true). */
  progress?: boolean;
  /** Where cells run (default: in this process, one at a time). */
  executor?: CellExecutor;
  /**
   * Claim each cell before running it (lease.ts), so that other runs on the
   * same store skip it; a cell another run holds is waited for and taken
   * from the store when it lands (or taken over if its lease goes stale).
   */
  leases?: Leases;
  /** How often to look again at cells that other runs hold (default 2 s). */
  pollMs?: number;
  /** Asked before each cell starts: false leaves it and the rest unrun (npm run verify's time budget). */
  shouldStart?: () => boolean;
}

export interface ExecuteSummary {
  ran: { experiment: string; cell: string; key: string; seconds: number }[];
  /** Cells that another run (holding their lease) computed while this one ran. */
  adopted: { experiment: string; cell: string; key: string }[];
  failed: { experiment: string; cell?: string; key?: string; error: string }[];
}

/** Whether a source file still has the bytes it had when the key was computed. */
export function sameHash(root: string, src: SourceHash): boolean {
  try {
    return hashFile(path.join(root, src.file)) === src.sha256;
  } catch {
    return false;
  }
}

/**
 * The state a cell saved for its continuations (CellSpec.parent), under its
 * key: `.build/state/` is not committed, so raw weights never enter results/.
 */
export function stateFile(root: string, experiment: string, key: string): string {
  return path.join(root, '.build', 'state', experiment, `${key}.bin`);
}

/**
 * Run `todo` (cells that are not fresh), writing each result as it lands, so
 * that an interrupted run loses at most the cells in flight. On success a
 * cell's `state` becomes 'fresh' and its `entry` is set.
 */
export async function executeCells(todo: { p: PlannedExperiment; c: PlannedCell }[], opts: ExecuteOptions): Promise<ExecuteSummary> {
  const summary: ExecuteSummary = { ran: [], adopted: [], failed: [] };
  const log = opts.log ?? (() => {});
  for (const { p, c } of todo)
    if (c.state === 'corrupt') log(`recomputing ${p.exp.def.id} [${p.profile}] cell ${c.spec.id}: corrupt (${c.reasons.join('; ')})`);
  if (todo.length === 0) return summary;
  const git = gitState(opts.root);
  const atCommit = committedFiles(opts.root, git.commit);
  const executor = opts.executor ?? inProcessExecutor(opts.backend);
  const bar: Progress | undefined = opts.progress === false ? undefined : cellProgress(todo.length);
  // Progress: finished cells plus the fractions of those in flight.
  let finished = 0;
  const inFlight = new Map<number, number>();
  let label = '';
  const report = () => bar?.update(finished + [...inFlight.values()].reduce((s, f) => s + f, 0), label);

  // Continuations: a cell with a parent waits for it, then reads the state it saved. The state
  // area is not committed: a parent whose result is in the store but whose state is not is run
  // again (deterministically, from its seed) to produce it, and must give its stored result.
  const state = (p: PlannedExperiment, c: PlannedCell) => stateFile(opts.root, p.exp.def.id, c.key);
  const continued = new Set(todo.flatMap(({ c }) => (c.parent ? [c.parent.key] : [])));
  const done = new Map<string, Promise<void>>();
  const markDone = new Map<string, () => void>();
  for (const { c } of todo) done.set(c.key, new Promise((resolve) => markDone.set(c.key, resolve)));
  const recovering = new Map<string, Promise<void>>();

  async function parentReady(p: PlannedExperiment, parent: PlannedCell): Promise<void> {
    await done.get(parent.key);
    if (existsSync(state(p, parent))) return;
    if (parent.state !== 'fresh' || !parent.entry) throw new Error(`its parent cell "${parent.spec.id}" has no result`);
    let recovery = recovering.get(parent.key);
    if (!recovery) {
      recovery = (async () => {
        if (parent.parent) await parentReady(p, parent.parent);
        log(`running ${p.exp.def.id} [${p.profile}] cell ${parent.spec.id} again to recover its state (.build/state/ is not committed)`);
        const files: CellStateFiles = { save: state(p, parent), parent: parent.parent && state(p, parent.parent) };
        const { result } = await executor.run(path.join(opts.root, p.exp.runFile), parent.spec, () => {}, files);
        const checked = p.exp.def.result.safeParse(result);
        if (!checked.success || canonicalJson(checked.data) !== canonicalJson(parent.entry?.result))
          throw new Error(`running its parent cell "${parent.spec.id}" again gave another result than the stored one: the run is not deterministic`);
        if (!existsSync(state(p, parent))) throw new Error(`its parent cell "${parent.spec.id}" saved no state (its run never calls ctx.saveState)`);
      })();
      recovering.set(parent.key, recovery);
    }
    await recovery;
  }

  async function runOne(index: number, p: PlannedExperiment, c: PlannedCell): Promise<void> {
    label = `${p.exp.def.id} ${c.spec.id}`;
    inFlight.set(index, 0);
    report();
    try {
      if (c.parent) await parentReady(p, c.parent);
      const files: CellStateFiles = { save: continued.has(c.key) ? state(p, c) : undefined, parent: c.parent && state(p, c.parent) };
      const { result, seconds } = await executor.run(
        path.join(opts.root, p.exp.runFile),
        c.spec,
        (f) => {
          inFlight.set(index, Math.min(Math.max(f, 0), 0.999));
          report();
        },
        files,
      );
      // The key was computed from the sources at plan time: if any changed
      // while the cell ran, the result may come from other code. Discard it.
      const changed = c.inputs.code.filter((src) => !sameHash(opts.root, src)).map((src) => src.file);
      if (changed.length) throw new Error(`source changed while the cell ran (${changed.join(', ')}): result discarded, run again`);
      const checked = p.exp.def.result.safeParse(result);
      if (!checked.success) throw new Error(`result fails the schema of ${p.exp.definitionFile}: ${describeIssues(checked.error, 'result')}`);
      const entry: Omit<CellEntry, 'digest'> = {
        kind: 'cell',
        key: c.key,
        inputs: c.inputs,
        result: checked.data,
        provenance: {
          computedAt: new Date().toISOString(),
          computeSeconds: Math.round(seconds * 1000) / 1000,
          backend: c.inputs.backend,
          commit: git.commit,
          sourcesAtCommit: atCommit(c.inputs.code.map((s) => s.file)),
          node: process.version,
        },
      };
      opts.store.writeCell(entry);
      // as stored, with its digest (the result as JSON reads it back)
      const written = opts.store.readCell(p.exp.def.id, c.key, p.exp.def.result, c.inputs);
      if (written.status !== 'ok') throw new Error(`the entry just written does not read back: ${'reason' in written ? written.reason : written.status}`);
      c.entry = written.entry;
      c.state = 'fresh';
      summary.ran.push({ experiment: p.exp.def.id, cell: c.spec.id, key: c.key, seconds });
    } catch (err) {
      summary.failed.push({ experiment: p.exp.def.id, cell: c.spec.id, key: c.key, error: (err as Error).stack ?? String(err) });
      log(`FAILED ${p.exp.def.id} [${p.profile}] cell ${c.spec.id}: ${(err as Error).message}`);
    } finally {
      opts.leases?.release(p.exp.def.id, c.key);
      inFlight.delete(index);
      finished++;
      report();
      markDone.get(c.key)?.();
    }
  }

  /** Take the cell's result from the store if another run has written it. */
  const adopt = (p: PlannedExperiment, c: PlannedCell): boolean => {
    const read = opts.store.readCell(p.exp.def.id, c.key, p.exp.def.result, c.inputs);
    if (read.status !== 'ok') return false;
    c.entry = read.entry;
    c.state = 'fresh';
    summary.adopted.push({ experiment: p.exp.def.id, cell: c.spec.id, key: c.key });
    finished++;
    report();
    markDone.get(c.key)?.();
    return true;
  };
  /** Cells that another run holds, in this round: their continuations wait with them. */
  const heldElsewhere = new Set<string>();

  // Rounds: run every cell this run can claim; cells that other runs hold
  // are looked at again after `pollMs`, until each is stored or claimed.
  let queue = todo.map((_, i) => i);
  try {
    while (queue.length) {
      const waiting: { index: number; owner: string }[] = [];
      let next = 0;
      const lane = async () => {
        while (next < queue.length && (opts.shouldStart?.() ?? true)) {
          const index = queue[next++];
          const { p, c } = todo[index];
          if (opts.leases) {
            if (adopt(p, c)) continue;
            if (c.parent && heldElsewhere.has(c.parent.key)) {
              waiting.push({ index, owner: `its parent ${c.parent.spec.id}` });
              continue;
            }
            const claim = opts.leases.acquire(p.exp.def.id, c.key, c.spec.id);
            if (!claim.held) {
              heldElsewhere.add(c.key);
              waiting.push({ index, owner: `${claim.owner.host}:${claim.owner.pid}` });
              continue;
            }
            // Look again now that the lease is ours: another run may have stored the cell and released its lease
            // between the look above and the claim (it writes the entry before it lets the lease go).
            if (adopt(p, c)) {
              opts.leases.release(p.exp.def.id, c.key);
              continue;
            }
          }
          await runOne(index, p, c);
        }
      };
      await Promise.all(Array.from({ length: Math.min(executor.size, queue.length) }, lane));
      if (waiting.length === 0) break;
      heldElsewhere.clear();
      const owners = [...new Set(waiting.map((w) => w.owner))].join(', ');
      label = `waiting for ${waiting.length} cell(s) that other runs compute (${owners})`;
      report();
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 2000));
      queue = waiting.map((w) => w.index).sort((a, b) => a - b);
    }
  } finally {
    bar?.stop();
    if (!opts.executor) await executor.close();
  }
  return summary;
}
