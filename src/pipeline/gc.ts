/**
 * Garbage collection of the results store: keep the entries that a current
 * cell or aggregate of any profile uses, and the results this machine cannot
 * judge (computed with a TensorFlow.js backend other than this process's,
 * e.g. tensorflow where tfjs-node installs, and the aggregates built on them).
 */
import { aggregateKey } from './keys.js';
import { aggregateInputs } from './aggregation.js';
import { INTEGRITY_ADVICE, integrityFailures } from './audit.js';
import { planExperiments, type PlannedExperiment } from './plan.js';
import { ExperimentError, type LoadedExperiment } from './registry.js';
import type { ResultsStore } from './store.js';

/** The store files that a plan's current keys name. */
export function currentFiles(p: PlannedExperiment, store: ResultsStore): string[] {
  return [...p.cells.map((c) => store.cellFile(p.exp.def.id, c.key)), store.aggregateFile(p.exp.def.id, aggregateKey(aggregateInputs(p)))];
}

/**
 * Remove what no current cell of any profile uses; returns the removed files.
 * Removes nothing while an entry in use fails its integrity check (its
 * aggregate's key, which covers the cells' digests, would be unknown).
 */
export async function collectGarbage(root: string, experiments: LoadedExperiment[], store: ResultsStore, backend: string): Promise<string[]> {
  const keep = new Set<string>();
  const rejected: string[] = [];
  for (const profile of new Set(experiments.flatMap((e) => Object.keys(e.def.profiles)))) {
    const exps = experiments.filter((e) => Object.hasOwn(e.def.profiles, profile));
    const plans = await planExperiments(exps, { root, store, profile, backend });
    rejected.push(...integrityFailures(plans, store));
    for (const plan of plans) {
      for (const file of currentFiles(plan, store)) keep.add(file);
    }
  }
  if (rejected.length) throw new ExperimentError(`gc: ${rejected.length} entries fail the integrity check; ${INTEGRITY_ADVICE}\n  ${rejected.join('\n  ')}`);
  const otherBackend = (file: string): boolean => {
    const entry = store.peek(file);
    if (entry?.kind === 'cell') return entry.backend !== null && entry.backend !== backend;
    if (entry?.kind === 'aggregate') return entry.cells.some((key) => otherBackend(store.cellFile(entry.experiment, key)));
    return false;
  };
  return store.gc(keep, otherBackend);
}
