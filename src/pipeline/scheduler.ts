/**
 * Plan and run experiments: compute every cell's key, reuse what the store
 * holds, run what is missing or stale, then aggregate (its own cached step).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inProcessExecutor, type CellExecutor } from './executors.js';
import { explainChange, previousEntry } from './explain.js';
import type { Aggregate, CellSpec } from './experiment.js';
import { hashFile, importGraph, type SourceHash } from './hashing.js';
import { aggregateKey, cellKey, hashDataFiles, type AggregateInputs, type CellInputs } from './keys.js';
import type { FigureProvenance, Manifest } from './manifest.js';
import { cellProgress, type Progress } from './progress.js';
import { gitState, repositoryUrl, tensorflowVersions, type GitState } from './provenance.js';
import { resolveProfile, type LoadedExperiment } from './registry.js';
import { describeIssues, figuresSchema, type AggregateEntry, type CellEntry, type ResultsStore } from './store.js';

export interface PlannedCell {
  spec: CellSpec;
  inputs: CellInputs;
  key: string;
  state: 'fresh' | 'missing' | 'corrupt';
  /** Why it is corrupt, or (with explain) which inputs changed. */
  reasons: string[];
  entry?: CellEntry;
}

export interface PlannedExperiment {
  exp: LoadedExperiment;
  profile: string;
  config: unknown;
  cells: PlannedCell[];
  aggregateCode: SourceHash[];
  aggregatePackages: Record<string, string>;
}

export interface PlanOptions {
  root: string;
  store: ResultsStore;
  profile: string;
  backend: string;
  /** Compare stale cells with earlier results to name the changed inputs. */
  explain?: boolean;
}

/** Validate every profile first, so that a bad config touches nothing. */
export function resolveAll(exps: LoadedExperiment[], profile: string) {
  return exps.map((exp) => ({ exp, ...resolveProfile(exp, profile) }));
}

export async function planExperiments(exps: LoadedExperiment[], opts: PlanOptions): Promise<PlannedExperiment[]> {
  const { root, store, profile, backend } = opts;
  const resolved = resolveAll(exps, profile);
  const tensorflow = tensorflowVersions(root, backend);
  const plans: PlannedExperiment[] = [];
  const dataHashes = new Map<string, SourceHash[]>();
  for (const { exp, config, cells } of resolved) {
    const run = await importGraph(root, exp.runFile);
    const aggregate = await importGraph(root, exp.aggregateFile);
    const runCode = run.files;
    const aggregateCode = aggregate.files;
    // what the code imports, and every @tensorflow/* package by the rule of tensorflowVersions
    // (a backend is loaded by name at run time; tfjs-node counts only when it is the backend)
    const imported = Object.entries(run.packages).filter(([name]) => !name.startsWith('@tensorflow/'));
    const packages = { ...Object.fromEntries(imported), ...tensorflow };
    const history = opts.explain ? store.cellEntries(exp.def.id) : [];
    const planned = cells.map((spec): PlannedCell => {
      const where = `experiment "${exp.def.id}" (${exp.definitionFile}), profile "${profile}", cell "${spec.id}"`;
      const specs = exp.def.dataFiles?.(spec.params) ?? [];
      const memo = specs.join('\n');
      let data = dataHashes.get(memo);
      if (!data) dataHashes.set(memo, (data = hashDataFiles(root, specs, where)));
      const inputs: CellInputs = { experiment: exp.def.id, profile, cell: spec, code: runCode, packages, backend, data };
      const key = cellKey(inputs);
      const read = store.readCell(exp.def.id, key, exp.def.result);
      if (read.status === 'ok') return { spec, inputs, key, state: 'fresh', reasons: [], entry: read.entry };
      if (read.status === 'corrupt') return { spec, inputs, key, state: 'corrupt', reasons: [read.reason] };
      const previous = opts.explain ? previousEntry(history, inputs) : undefined;
      const reasons = opts.explain ? (previous ? explainChange(inputs, previous.inputs) : ['no earlier result for this cell']) : [];
      return { spec, inputs, key, state: 'missing', reasons };
    });
    plans.push({ exp, profile, config, cells: planned, aggregateCode, aggregatePackages: aggregate.packages });
  }
  return plans;
}

export interface RunOptions {
  root: string;
  store: ResultsStore;
  backend: string;
  /** Run nothing; fail on anything missing or stale. */
  frozen?: boolean;
  log?: (line: string) => void;
  /** Show a progress bar (default: true). */
  progress?: boolean;
  /** Where cells run (default: in this process, one at a time). */
  executor?: CellExecutor;
}

export interface RunSummary {
  ran: { experiment: string; cell: string; key: string; seconds: number }[];
  reused: number;
  aggregated: { experiment: string; key: string }[];
  failed: { experiment: string; cell?: string; error: string }[];
  /** For --frozen: what is missing or stale, one line each. */
  stale: string[];
  manifest: Manifest;
}

function sameHash(root: string, src: SourceHash): boolean {
  try {
    return hashFile(path.join(root, src.file)) === src.sha256;
  } catch {
    return false;
  }
}

function describeCell(p: PlannedExperiment, c: PlannedCell): string {
  const why = c.reasons.length ? ` (${c.reasons.join('; ')})` : '';
  return `${p.exp.def.id} [${p.profile}] cell ${c.spec.id}: ${c.state === 'corrupt' ? 'corrupt' : 'missing or stale'}${why}`;
}

async function runCells(plans: PlannedExperiment[], opts: RunOptions, git: GitState, summary: RunSummary): Promise<void> {
  const todo = plans.flatMap((p) => p.cells.filter((c) => c.state !== 'fresh').map((c) => ({ p, c })));
  const log = opts.log ?? (() => {});
  for (const { p, c } of todo) if (c.state === 'corrupt') log(`recomputing ${describeCell(p, c)}`);
  if (todo.length === 0) return;
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
      if (!checked.success) {
        throw new Error(`result fails the schema of ${p.exp.definitionFile}: ${describeIssues(checked.error, 'result')}`);
      }
      const entry: CellEntry = {
        kind: 'cell',
        key: c.key,
        inputs: c.inputs,
        result: checked.data,
        provenance: {
          computedAt: new Date().toISOString(),
          computeSeconds: Math.round(seconds * 1000) / 1000,
          backend: opts.backend,
          commit: git.commit,
          dirty: git.dirty,
          node: process.version,
        },
      };
      opts.store.writeCell(entry);
      c.entry = entry;
      c.state = 'fresh';
      summary.ran.push({ experiment: p.exp.def.id, cell: c.spec.id, key: c.key, seconds });
    } catch (err) {
      summary.failed.push({ experiment: p.exp.def.id, cell: c.spec.id, error: (err as Error).stack ?? String(err) });
      log(`FAILED ${p.exp.def.id} [${p.profile}] cell ${c.spec.id}: ${(err as Error).message}`);
    } finally {
      inFlight.delete(index);
      finished++;
      report();
    }
  }

  let next = 0;
  const lane = async () => {
    while (next < todo.length) {
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
}

function aggregateInputs(p: PlannedExperiment): AggregateInputs {
  return {
    experiment: p.exp.def.id,
    profile: p.profile,
    config: p.config,
    code: p.aggregateCode,
    packages: p.aggregatePackages,
    cells: p.cells.map((c) => c.key),
  };
}

/** The store files that a plan's current keys name (kept by --gc). */
export function currentFiles(p: PlannedExperiment, store: ResultsStore): string[] {
  return [...p.cells.map((c) => store.cellFile(p.exp.def.id, c.key)), store.aggregateFile(p.exp.def.id, aggregateKey(aggregateInputs(p)))];
}

/** The stored aggregate of an experiment that this run does not touch, if fresh. */
function storedAggregate(p: PlannedExperiment, store: ResultsStore): AggregateEntry | undefined {
  const read = store.readAggregate(p.exp.def.id, aggregateKey(aggregateInputs(p)));
  return read.status === 'ok' && !figureMismatch(p, read.entry.figures) ? read.entry : undefined;
}

/** Why an aggregate's figures differ from those experiment.ts declares, if they do. */
function figureMismatch(p: PlannedExperiment, figures: Record<string, unknown>): string | undefined {
  const provided = Object.keys(figures).sort().join(', ');
  const declared = Object.keys(p.exp.def.figures).sort().join(', ');
  return provided === declared ? undefined : `aggregate returned figures [${provided}], ${p.exp.definitionFile} declares [${declared}]`;
}

async function aggregateExperiment(
  p: PlannedExperiment,
  opts: RunOptions,
  git: GitState,
  summary: RunSummary,
): Promise<AggregateEntry | undefined> {
  const { def } = p.exp;
  const inputs = aggregateInputs(p);
  const key = aggregateKey(inputs);
  const read = opts.store.readAggregate(def.id, key);
  if (read.status === 'ok' && !figureMismatch(p, read.entry.figures)) return read.entry;
  if (opts.frozen) {
    summary.stale.push(`${def.id} [${p.profile}] aggregate: ${read.status === 'corrupt' ? `corrupt (${read.reason})` : 'missing or stale'}`);
    return undefined;
  }
  if (read.status === 'corrupt') opts.log?.(`recomputing ${def.id} [${p.profile}] aggregate: corrupt (${read.reason})`);
  try {
    const mod = await import(pathToFileURL(path.join(opts.root, p.exp.aggregateFile)).href);
    if (typeof mod.aggregate !== 'function') throw new Error(`${p.exp.aggregateFile} does not export a function "aggregate"`);
    const figures = await (mod.aggregate as Aggregate)({
      config: p.config,
      profile: p.profile,
      cells: p.cells.map((c) => ({ cell: c.spec, result: c.entry!.result })),
    });
    const mismatch = figureMismatch(p, figures);
    if (mismatch) throw new Error(mismatch);
    // What is written must read back: JSON turns NaN and ±Infinity into null.
    const checked = figuresSchema.safeParse(JSON.parse(JSON.stringify(figures)));
    if (!checked.success) {
      throw new Error(`aggregate's figure data is not storable (${describeIssues(checked.error)}); non-finite numbers become null in JSON`);
    }
    const changed = p.aggregateCode.filter((src) => !sameHash(opts.root, src)).map((src) => src.file);
    if (changed.length) throw new Error(`source changed while aggregating (${changed.join(', ')}): result discarded, run again`);
    const entry: AggregateEntry = {
      kind: 'aggregate',
      key,
      inputs,
      figures,
      provenance: { computedAt: new Date().toISOString(), commit: git.commit, dirty: git.dirty },
    };
    opts.store.writeAggregate(entry);
    summary.aggregated.push({ experiment: def.id, key });
    return entry;
  } catch (err) {
    summary.failed.push({ experiment: def.id, error: (err as Error).stack ?? String(err) });
    opts.log?.(`FAILED ${def.id} [${p.profile}] aggregate: ${(err as Error).message}`);
    return undefined;
  }
}

/** A result may name the implementation that computed it in a string field `path`. */
function implementationOf(result: unknown): string | null {
  const path = (result as { path?: unknown } | null)?.path;
  return typeof path === 'string' ? path : null;
}

function figureProvenance(p: PlannedExperiment, agg: AggregateEntry, opts: RunOptions): Record<string, FigureProvenance> {
  const { def } = p.exp;
  const cells = p.cells.map((c) => ({
    id: c.spec.id,
    seed: c.spec.seed,
    key: c.key,
    file: opts.store.relative(opts.store.cellFile(def.id, c.key)),
    backend: c.entry!.provenance.backend,
    implementation: implementationOf(c.entry!.result),
    computeSeconds: c.entry!.provenance.computeSeconds,
    computedAt: c.entry!.provenance.computedAt,
    commit: c.entry!.provenance.commit,
    dirty: c.entry!.provenance.dirty,
  }));
  const sources = [...new Set([p.exp.definitionFile, ...(p.cells[0]?.inputs.code.map((s) => s.file) ?? []), ...p.aggregateCode.map((s) => s.file)])].sort();
  const out: Record<string, FigureProvenance> = {};
  for (const [figure, spec] of Object.entries(def.figures)) {
    out[figure] = {
      figure,
      title: spec.title,
      experiment: def.id,
      experimentTitle: def.title,
      paper: def.paper,
      profile: p.profile,
      aggregateFile: opts.store.relative(opts.store.aggregateFile(def.id, agg.key)),
      aggregateKey: agg.key,
      config: p.config,
      cells,
      packages: p.cells[0]?.inputs.packages ?? {},
      backends: [...new Set(cells.map((c) => c.backend))].sort(),
      computeSeconds: Math.round(cells.reduce((s, c) => s + c.computeSeconds, 0) * 1000) / 1000,
      sources,
      definitionFile: p.exp.definitionFile,
    };
  }
  return out;
}

/**
 * Run what is missing or stale (unless frozen), aggregate, and build the
 * site manifest. `selected` limits running to some experiment ids; the
 * others still enter the manifest when the store holds them fresh.
 */
export async function runPlan(plans: PlannedExperiment[], opts: RunOptions, selected?: Set<string>): Promise<RunSummary> {
  const git = gitState(opts.root);
  const summary: RunSummary = {
    ran: [],
    reused: 0,
    aggregated: [],
    failed: [],
    stale: [],
    manifest: {
      format: 1,
      profile: plans[0]?.profile ?? 'paper',
      commit: git.commit,
      dirty: git.dirty,
      repository: repositoryUrl(opts.root) ?? null,
      figures: {},
      missing: {},
    },
  };
  const active = plans.filter((p) => !selected || selected.has(p.exp.def.id));
  summary.reused = active.reduce((s, p) => s + p.cells.filter((c) => c.state === 'fresh').length, 0);
  if (opts.frozen) {
    for (const p of active) for (const c of p.cells) if (c.state !== 'fresh') summary.stale.push(describeCell(p, c));
  } else {
    await runCells(active, opts, git, summary);
  }
  for (const p of plans) {
    const complete = p.cells.every((c) => c.state === 'fresh');
    let agg: AggregateEntry | undefined;
    if (complete) agg = active.includes(p) ? await aggregateExperiment(p, opts, git, summary) : storedAggregate(p, opts.store);
    if (agg) Object.assign(summary.manifest.figures, figureProvenance(p, agg, opts));
    else for (const figure of Object.keys(p.exp.def.figures)) summary.manifest.missing[figure] = `experiment ${p.exp.def.id} has no fresh ${p.profile} result`;
  }
  return summary;
}
