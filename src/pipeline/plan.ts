/**
 * Planning: every cell's key from its inputs, and whether the store holds a
 * fresh result for it. Nothing runs here.
 *
 * A cell's inputs cover the import graph of its experiment's run.ts, the
 * installed versions of the packages that graph imports, its configuration
 * and seed, and the data files it reads. The TensorFlow.js backend and the
 * versions of every @tensorflow/* package enter only when that graph imports
 * TensorFlow.js: a run trained by the WebAssembly kernels alone has the same
 * key (and result) on every backend.
 */
import type { CellSpec } from './experiment.js';
import { explainChange, previousEntry } from './explain.js';
import { importGraph, type SourceHash } from './hashing.js';
import { cellKey, hashDataFiles, type CellInputs } from './keys.js';
import { tensorflowVersions } from './provenance.js';
import { resolveProfile, type LoadedExperiment } from './registry.js';
import type { CellEntry, ResultsStore } from './store.js';

export interface PlannedCell {
  spec: CellSpec;
  inputs: CellInputs;
  key: string;
  /** rejected: the stored entry fails an integrity check (integrity.ts); nothing may overwrite it. */
  state: 'fresh' | 'missing' | 'corrupt' | 'rejected';
  /** Why it is corrupt or rejected, or (with explain) which inputs changed. */
  reasons: string[];
  entry?: CellEntry;
  /** The cell whose final state this one continues from (CellSpec.parent). */
  parent?: PlannedCell;
}

export interface PlannedExperiment {
  exp: LoadedExperiment;
  profile: string;
  config: unknown;
  cells: PlannedCell[];
  /** Whether run.ts imports TensorFlow.js (then its keys cover the backend). */
  usesTensorflow: boolean;
  aggregateCode: SourceHash[];
  aggregatePackages: Record<string, string>;
}

export interface PlanOptions {
  root: string;
  store: ResultsStore;
  profile: string;
  /** The TensorFlow.js backend of this process (keys of runs that import TensorFlow.js cover it). */
  backend: string;
  /** Compare stale cells with earlier results to name the changed inputs. */
  explain?: boolean;
}

/** Validate every profile first, so that a bad config touches nothing. */
export function resolveAll(exps: LoadedExperiment[], profile: string) {
  return exps.map((exp) => ({ exp, ...resolveProfile(exp, profile) }));
}

const isTensorflow = (name: string) => name.startsWith('@tensorflow/');

export async function planExperiments(exps: LoadedExperiment[], opts: PlanOptions): Promise<PlannedExperiment[]> {
  const { root, store, profile } = opts;
  const resolved = resolveAll(exps, profile);
  const plans: PlannedExperiment[] = [];
  const dataHashes = new Map<string, SourceHash[]>();
  for (const { exp, config, cells } of resolved) {
    const run = await importGraph(root, exp.runFile);
    const aggregate = await importGraph(root, exp.aggregateFile);
    const usesTensorflow = Object.keys(run.packages).some(isTensorflow);
    // what the code imports; with TensorFlow.js, every @tensorflow/* package by the rule of tensorflowVersions
    // (a backend is loaded by name at run time; tfjs-node counts only when it is the backend)
    const imported = Object.fromEntries(Object.entries(run.packages).filter(([name]) => !isTensorflow(name)));
    const packages = usesTensorflow ? { ...imported, ...tensorflowVersions(root, opts.backend) } : imported;
    const backend = usesTensorflow ? opts.backend : null;
    const history = opts.explain ? store.cellEntries(exp.def.id) : [];
    const byId = new Map<string, PlannedCell>();
    const planned = cells.map((spec): PlannedCell => {
      const where = `experiment "${exp.def.id}" (${exp.definitionFile}), profile "${profile}", cell "${spec.id}"`;
      const specs = exp.def.dataFiles?.(spec.params) ?? [];
      const memo = specs.join('\n');
      let data = dataHashes.get(memo);
      if (!data) dataHashes.set(memo, (data = hashDataFiles(root, specs, where)));
      // a continuation's key covers its parent's key (resolveProfile checked that the parent comes earlier)
      const parent = spec.parent === undefined ? undefined : byId.get(spec.parent);
      const inputs: CellInputs = {
        experiment: exp.def.id,
        profile,
        cell: spec,
        code: run.files,
        packages,
        backend,
        data,
        ...(parent && { parent: parent.key }),
      };
      const key = cellKey(inputs);
      const read = store.readCell(exp.def.id, key, exp.def.result, inputs);
      let c: PlannedCell;
      if (read.status === 'ok') c = { spec, inputs, key, state: 'fresh', reasons: [], entry: read.entry, parent };
      else if (read.status === 'corrupt' || read.status === 'rejected') c = { spec, inputs, key, state: read.status, reasons: [read.reason], parent };
      else {
        const previous = opts.explain ? previousEntry(history, inputs) : undefined;
        const reasons = opts.explain ? (previous ? explainChange(inputs, previous.inputs) : ['no earlier result for this cell']) : [];
        c = { spec, inputs, key, state: 'missing', reasons, parent };
      }
      byId.set(spec.id, c);
      return c;
    });
    plans.push({ exp, profile, config, cells: planned, usesTensorflow, aggregateCode: aggregate.files, aggregatePackages: aggregate.packages });
  }
  return plans;
}

/** One line naming a cell that is not fresh, and why. */
export function describeCell(p: PlannedExperiment, c: PlannedCell): string {
  const why = c.reasons.length ? ` (${c.reasons.join('; ')})` : '';
  const state = c.state === 'missing' ? 'missing or stale' : c.state === 'rejected' ? 'rejected by the integrity check' : c.state;
  return `${p.exp.def.id} [${p.profile}] cell ${c.spec.id}: ${state}${why}`;
}

/** The cells of the plans that have no fresh result and may be computed (not rejected ones), in plan order. */
export function pendingCells(plans: PlannedExperiment[]): { p: PlannedExperiment; c: PlannedCell }[] {
  return plans.flatMap((p) => p.cells.filter((c) => c.state !== 'fresh' && c.state !== 'rejected').map((c) => ({ p, c })));
}
