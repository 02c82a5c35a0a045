/**
 * Garbage collection of the results store: keep the entries that a current
 * cell or aggregate of any profile uses, and the results this machine cannot
 * judge (computed with a TensorFlow.js backend other than this process's,
 * e.g. tensorflow where tfjs-node installs, and the aggregates built on them).
 */
import { aggregateKey } from './keys.js';
import { aggregateInputs } from './aggregation.js';
import { planExperiments, type PlannedExperiment } from './plan.js';
import type { LoadedExperiment } from './registry.js';
import type { ResultsStore } from './store.js';

/** The store files that a plan's current keys name. */
export function currentFiles(p: PlannedExperiment, store: ResultsStore): string[] {
  return [...p.cells.map((c) => store.cellFile(p.exp.def.id, c.key)), store.aggregateFile(p.exp.def.id, aggregateKey(aggregateInputs(p)))];
}

/** Remove what no current cell of any profile uses; returns the removed files. */
export async function collectGarbage(root: string, experiments: LoadedExperiment[], store: ResultsStore, backend: string): Promise<string[]> {
  const keep = new Set<string>();
  for (const profile of new Set(experiments.flatMap((e) => Object.keys(e.def.profiles)))) {
    const exps = experiments.filter((e) => Object.hasOwn(e.def.profiles, profile));
    for (const plan of await planExperiments(exps, { root, store, profile, backend })) {
      for (const file of currentFiles(plan, store)) keep.add(file);
    }
  }
  const otherBackend = (file: string): boolean => {
    const entry = store.peek(file);
    if (entry?.kind === 'cell') return entry.backend !== null && entry.backend !== backend;
    if (entry?.kind === 'aggregate') return entry.cells.some((key) => otherBackend(store.cellFile(entry.experiment, key)));
    return false;
  };
  return store.gc(keep, otherBackend);
}
