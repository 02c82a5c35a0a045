/**
 * The re-run worker (started by ./rerun.ts): runs one stored cell of a
 * re-runnable experiment (../rerunnable.ts) with the experiment's own run.ts
 * (the same engine code and the same compiled WebAssembly kernel as
 * `npm run experiments`), off the page's thread, and posts back
 * - { type: 'sources', code, packages }: the import graph it was built from
 *   (hashed at build time, ../rerunSources.ts), for the island to recompute the key;
 * - { type: 'progress', fraction } while training (at most every 100 ms);
 * - { type: 'done', result, seconds } or { type: 'error', message }.
 */
import sources from 'virtual:rerun-sources';
import type { CellSpec, RunCell } from '../../pipeline/experiment';
import type { RerunnableExperiment } from '../rerunnable';

const runners: Record<RerunnableExperiment, () => Promise<{ run: RunCell }>> = {
  'luo2021-fig2': () => import('../../../experiments/luo2021-fig2/run'),
  'zhou2022-table2': () => import('../../../experiments/zhou2022-table2/run'),
};

export interface RerunRequest {
  experiment: string;
  cell: CellSpec;
}

self.onmessage = async (event: MessageEvent<RerunRequest>) => {
  const { experiment, cell } = event.data;
  try {
    const load = runners[experiment as RerunnableExperiment];
    const graph = sources[experiment];
    if (!load || !graph) throw new Error(`experiment ${experiment} cannot be re-run in the browser`);
    postMessage({ type: 'sources', code: graph.code, packages: graph.packages });
    const { run } = await load();
    let last = 0;
    const progress = (fraction: number) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      postMessage({ type: 'progress', fraction });
    };
    const t0 = performance.now();
    const result = await run(cell, { progress, backend: 'none' });
    const seconds = (performance.now() - t0) / 1000;
    postMessage({ type: 'done', result: JSON.parse(JSON.stringify(result)), seconds });
  } catch (error) {
    postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
