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

// one chunk per experiment, loaded only when one of its cells is re-run
const runners: Record<RerunnableExperiment, () => Promise<{ run: RunCell }>> = {
  'chen2023-condensation': () => import('../../../experiments/chen2023-condensation/run'),
  'chen2023-phase': () => import('../../../experiments/chen2023-phase/run'),
  'chen2023-stage': () => import('../../../experiments/chen2023-stage/run'),
  'chen2024-blowup': () => import('../../../experiments/chen2024-blowup/run'),
  'chen2024-condensation': () => import('../../../experiments/chen2024-condensation/run'),
  'chen2024-fig3': () => import('../../../experiments/chen2024-fig3/run'),
  'introduction-demo': () => import('../../../experiments/introduction-demo/run'),
  'introduction-regimes': () => import('../../../experiments/introduction-regimes/run'),
  'luo2021-fig2': () => import('../../../experiments/luo2021-fig2/run'),
  'luo2021-fig3': () => import('../../../experiments/luo2021-fig3/run'),
  'luo2021-fig4': () => import('../../../experiments/luo2021-fig4/run'),
  'luo2021-fig4-probe': () => import('../../../experiments/luo2021-fig4-probe/run'),
  'luo2021-fig6': () => import('../../../experiments/luo2021-fig6/run'),
  'luo2021-lr-rule': () => import('../../../experiments/luo2021-lr-rule/run'),
  'luo2021-schemes': () => import('../../../experiments/luo2021-schemes/run'),
  'zhou2022-fig3': () => import('../../../experiments/zhou2022-fig3/run'),
  'zhou2022-fig4': () => import('../../../experiments/zhou2022-fig4/run'),
  'zhou2022-grid': () => import('../../../experiments/zhou2022-grid/run'),
  'zhou2022-schemes': () => import('../../../experiments/zhou2022-schemes/run'),
  'zhou2022-table2': () => import('../../../experiments/zhou2022-table2/run'),
  'zhou2022-table2-variants': () => import('../../../experiments/zhou2022-table2-variants/run'),
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
