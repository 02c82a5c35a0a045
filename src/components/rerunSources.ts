/**
 * Vite plugin of the virtual module `virtual:rerun-sources`, imported by the
 * re-run worker (./islands/rerun.worker.ts): for each re-runnable experiment
 * (./rerunnable.ts), the source files of its run.ts import graph with their
 * SHA-256 and the versions of the packages they import, computed when the
 * site is built by the pipeline's own code (importGraph in
 * src/pipeline/hashing.ts, which makes the cache keys). The bundle that runs
 * the cells thus carries the hashes of the sources it was built from, and the
 * island recomputes each cell's key from them.
 */
import { importGraph } from '../pipeline/hashing';
import { RERUNNABLE_EXPERIMENTS } from './rerunnable';
import { TRAIN_OWN_EXPERIMENTS } from './trainOwnSpec';

const ID = 'virtual:rerun-sources';
const RESOLVED = `\0${ID}`;

export function rerunSources(root: string) {
  return {
    name: 'rerun-sources',
    resolveId(id: string) {
      return id === ID ? RESOLVED : undefined;
    },
    async load(id: string) {
      if (id !== RESOLVED) return undefined;
      const out: Record<string, unknown> = {};
      // also the experiments whose run.ts trains a reader's own point ("Train your own", ./trainOwnSpec.ts)
      for (const experiment of new Set<string>([...RERUNNABLE_EXPERIMENTS, ...TRAIN_OWN_EXPERIMENTS])) {
        const graph = await importGraph(root, `experiments/${experiment}/run.ts`);
        out[experiment] = { code: graph.files, packages: graph.packages };
      }
      return `export default ${JSON.stringify(out)};`;
    },
  };
}
