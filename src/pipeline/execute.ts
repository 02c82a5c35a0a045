/**
 * Execution: run a list of planned cells (on an executor: this process or a
 * pool of worker threads), validate each result against its experiment's
 * schema and write it to the store. The step that the cluster's shards and
 * the local build both call.
 */
import path from 'node:path';
import { inProcessExecutor, type CellExecutor } from './executors.js';
import { hashFile, type SourceHash } from './hashing.js';
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
  /** Asked before each cell starts: false leaves it and the rest unrun (npm run verify's time budget). */
  shouldStart?: () => boolean;
}

export interface ExecuteSummary {
  ran: { experiment: string; cell: string; key: string; seconds: number }[];
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
 * Run `todo` (cells that are not fresh), writing each result as it lands, so
 * that an interrupted run loses at most the cells in flight. On success a
 * cell's `state` becomes 'fresh' and its `entry` is set.
 */
export async function executeCells(todo: { p: PlannedExperiment; c: PlannedCell }[], opts: ExecuteOptions): Promise<ExecuteSummary> {
  const summary: ExecuteSummary = { ran: [], failed: [] };
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

  async function runOne(index: number, p: PlannedExperiment, c: PlannedCell): Promise<void> {
    label = `${p.exp.def.id} ${c.spec.id}`;
    inFlight.set(index, 0);
    report();
    try {
      const { result, seconds } = await executor.run(path.join(opts.root, p.exp.runFile), c.spec, (f) => {
        inFlight.set(index, Math.min(Math.max(f, 0), 0.999));
        report();
      });
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
      inFlight.delete(index);
      finished++;
      report();
    }
  }

  let next = 0;
  const lane = async () => {
    while (next < todo.length && (opts.shouldStart?.() ?? true)) {
      const index = next++;
      await runOne(index, todo[index].p, todo[index].c);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(executor.size, todo.length) }, lane));
  } finally {
    bar?.stop();
    if (!opts.executor) await executor.close();
  }
  return summary;
}
