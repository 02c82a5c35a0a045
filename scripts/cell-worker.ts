/**
 * Worker-thread entry for `npm run experiments -- --jobs N`: initialises the
 * TensorFlow.js backend the main thread chose, then runs cells on request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../src/engine/backend.js';
import { type CellStateFiles, importRun, stateContext } from '../src/pipeline/executors.js';
import type { CellSpec, RunCell } from '../src/pipeline/experiment.js';

const port = parentPort!;
const { backend } = workerData as { backend: string };
await initBackend(backend as Parameters<typeof initBackend>[0]);
const runners = new Map<string, RunCell>();

port.on('message', async (msg: { type: 'run'; job: number; runFile: string; cell: CellSpec; state?: CellStateFiles }) => {
  const { job, runFile, cell, state } = msg;
  try {
    let run = runners.get(runFile);
    if (!run) runners.set(runFile, (run = await importRun(runFile)));
    let last = 0;
    const started = performance.now();
    const result = await run(cell, {
      backend,
      ...stateContext(cell, state),
      progress: (fraction) => {
        const now = performance.now();
        if (now - last < 250) return;
        last = now;
        port.postMessage({ type: 'progress', job, fraction });
      },
    });
    port.postMessage({ type: 'done', job, result, seconds: (performance.now() - started) / 1000 });
  } catch (err) {
    port.postMessage({ type: 'error', job, message: (err as Error).message, stack: (err as Error).stack });
  }
});
port.postMessage({ type: 'ready' });
