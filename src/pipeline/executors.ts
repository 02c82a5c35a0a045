/**
 * Where cells run: in this process, or in a pool of worker threads (one
 * cell per worker at a time). Results come back to the main thread, which
 * alone validates them and writes the store.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CellSpec, RunCell, RunContext } from './experiment.js';

/**
 * Where a cell keeps its final state and reads its parent's (checkpoint
 * continuation, CellSpec.parent): files of the uncommitted state area.
 */
export interface CellStateFiles {
  /** write the state here when the run calls ctx.saveState (absent: saveState is a no-op) */
  save?: string;
  /** the parent's state, for ctx.parentState */
  parent?: string;
}

/** The state functions of a RunContext for these files. */
export function stateContext(cell: CellSpec, files: CellStateFiles = {}): Pick<RunContext, 'saveState' | 'parentState'> {
  return {
    saveState: (state) => {
      if (!files.save) return;
      mkdirSync(path.dirname(files.save), { recursive: true });
      const tmp = `${files.save}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
      try {
        writeFileSync(tmp, state);
        renameSync(tmp, files.save);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
    },
    parentState: () => {
      if (cell.parent === undefined) throw new Error(`cell "${cell.id}" has no parent: it cannot read a parent's state`);
      if (!files.parent || !existsSync(files.parent)) throw new Error(`cell "${cell.id}": the state of its parent "${cell.parent}" is missing`);
      return new Uint8Array(readFileSync(files.parent));
    },
  };
}

export interface CellOutcome {
  result: unknown;
  /** Compute time of the run itself, in seconds. */
  seconds: number;
}

export interface CellExecutor {
  /** How many cells may run at once. */
  readonly size: number;
  run(runFile: string, cell: CellSpec, onProgress: (fraction: number) => void, state?: CellStateFiles): Promise<CellOutcome>;
  close(): Promise<void>;
}

/** Import a run module and check that it exports `run`. */
export async function importRun(runFile: string): Promise<RunCell> {
  const mod = await import(pathToFileURL(runFile).href);
  if (typeof mod.run !== 'function') throw new Error(`${runFile} does not export a function "run"`);
  return mod.run as RunCell;
}

/** Runs cells one at a time in the calling thread. */
export function inProcessExecutor(backend: string): CellExecutor {
  const runners = new Map<string, RunCell>();
  return {
    size: 1,
    async run(runFile, cell, onProgress, state) {
      let run = runners.get(runFile);
      if (!run) runners.set(runFile, (run = await importRun(runFile)));
      const started = performance.now();
      const result = await run(cell, { backend, progress: onProgress, ...stateContext(cell, state) });
      return { result, seconds: (performance.now() - started) / 1000 };
    },
    async close() {},
  };
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; job: number; fraction: number }
  | { type: 'done'; job: number; result: unknown; seconds: number }
  | { type: 'error'; job: number; message: string; stack?: string };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}

/**
 * A pool of `size` worker threads running `entry` (scripts/cell-worker.ts),
 * each initialised with `workerData` (the backend to use). A worker that
 * dies fails its cell and is replaced.
 */
export function workerPoolExecutor(size: number, entry: string, workerData: unknown): CellExecutor {
  let nextJob = 0;
  const pending = new Map<number, { resolve: (o: CellOutcome) => void; reject: (e: Error) => void; progress: (f: number) => void; slot: Slot }>();
  const slots: Slot[] = [];
  const waiting: { resolve: (slot: Slot) => void; reject: (err: Error) => void }[] = [];
  /** Set when a worker dies before it was ready: the pool cannot start workers at all. */
  let broken: Error | undefined;

  function spawn(): Slot {
    const worker = new Worker(pathToFileURL(path.resolve(entry)), { workerData });
    let markReady!: () => void;
    let failReady!: (e: Error) => void;
    const slot: Slot = {
      worker,
      busy: false,
      ready: new Promise((res, rej) => {
        markReady = res;
        failReady = rej;
      }),
    };
    slot.ready.catch(() => {}); // a start-up failure is handled in die(), not as an unhandled rejection
    let started = false;
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        started = true;
        return markReady();
      }
      const job = pending.get(msg.job);
      if (!job) return;
      if (msg.type === 'progress') return job.progress(msg.fraction);
      pending.delete(msg.job);
      if (msg.type === 'done') job.resolve({ result: msg.result, seconds: msg.seconds });
      else job.reject(Object.assign(new Error(msg.message), { stack: msg.stack ?? msg.message }));
    });
    const die = (err: Error) => {
      failReady(err);
      for (const [id, job] of pending) {
        if (job.slot !== slot) continue;
        pending.delete(id);
        job.reject(new Error(`worker thread died: ${err.message}`));
      }
      const i = slots.indexOf(slot);
      if (i < 0) return;
      if (!started) {
        // It never started: another would fail the same way. Fail what waits, spawn no more.
        broken = new Error(`worker thread could not start: ${err.message}`);
        slots.splice(i, 1);
        for (const w of waiting.splice(0)) w.reject(broken);
        return;
      }
      slots[i] = spawn();
      release(slots[i]);
    };
    worker.on('error', die);
    worker.on('exit', (code) => {
      if (code !== 0 && slots.includes(slot)) die(new Error(`exit code ${code}`));
    });
    return slot;
  }

  function release(slot: Slot | undefined) {
    if (!slot) return;
    slot.busy = false;
    const next = waiting.shift();
    if (next) {
      slot.busy = true;
      next.resolve(slot);
    }
  }

  function acquire(): Promise<Slot> {
    if (broken) return Promise.reject(broken);
    const free = slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    async run(runFile, cell, onProgress, state) {
      const slot = await acquire();
      try {
        await slot.ready;
        const job = nextJob++;
        return await new Promise<CellOutcome>((resolve, reject) => {
          pending.set(job, { resolve, reject, progress: onProgress, slot });
          slot.worker.postMessage({ type: 'run', job, runFile, cell, state });
        });
      } finally {
        if (slots.includes(slot)) release(slot);
      }
    },
    async close() {
      const all = [...slots];
      slots.length = 0;
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
