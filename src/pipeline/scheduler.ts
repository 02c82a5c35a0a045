/**
 * One build step over planned experiments: run what is missing or stale
 * (unless frozen), aggregate complete experiments, and collect the site
 * manifest. Planning (plan.ts), execution (execute.ts) and aggregation
 * (aggregation.ts) are separate steps that other drivers (shards on a
 * cluster) call on their own.
 */
import { aggregateExperiment, storedAggregate } from './aggregation.js';
import { executeCells, type ExecuteOptions } from './execute.js';
import { figureProvenance } from './figureProvenance.js';
import type { Manifest } from './manifest.js';
import type { AggregateEntry } from './store.js';
import { describeCell, pendingCells, type PlannedExperiment } from './plan.js';
import { committedFiles, gitState, repositoryUrl } from './provenance.js';

export interface RunOptions extends ExecuteOptions {
  /** Run nothing; fail on anything missing or stale. */
  frozen?: boolean;
  /** Run no cell, but aggregate every experiment whose cells are all stored (a cluster's aggregation job); the missing cells are listed as stale. */
  aggregateOnly?: boolean;
  /** Run only the pending cells this accepts (a shard's share); the rest are neither run nor reported. */
  only?: (experiment: string, key: string) => boolean;
  /** Run cells only: no aggregation (a shard of a cluster job; the aggregation job follows). */
  cellsOnly?: boolean;
}

export interface RunSummary {
  ran: { experiment: string; cell: string; key: string; seconds: number }[];
  /** Cells another run computed meanwhile (it held their leases). */
  adopted: { experiment: string; cell: string; key: string }[];
  reused: number;
  aggregated: { experiment: string; key: string }[];
  failed: { experiment: string; cell?: string; error: string }[];
  /** For --frozen: what is missing or stale, one line each. */
  stale: string[];
  manifest: Manifest;
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
    adopted: [],
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
  const todo = pendingCells(active).filter(({ p, c }) => !opts.only || opts.only(p.exp.def.id, c.key));
  if (opts.frozen || opts.aggregateOnly) summary.stale.push(...todo.map(({ p, c }) => describeCell(p, c)));
  else {
    const executed = await executeCells(todo, opts);
    summary.ran.push(...executed.ran);
    summary.adopted.push(...executed.adopted);
    summary.failed.push(...executed.failed);
  }
  if (opts.cellsOnly) return summary;
  const atBuildCommit = committedFiles(opts.root, git.commit);
  for (const p of plans) {
    const complete = p.cells.every((c) => c.state === 'fresh');
    let entry: AggregateEntry | undefined;
    if (complete && active.includes(p)) {
      const outcome = await aggregateExperiment(p, opts);
      if (outcome.status === 'stored' || outcome.status === 'computed') entry = outcome.entry;
      if (outcome.status === 'computed') summary.aggregated.push({ experiment: p.exp.def.id, key: outcome.entry.key });
      if (outcome.status === 'stale') summary.stale.push(outcome.reason);
      if (outcome.status === 'failed') {
        summary.failed.push({ experiment: p.exp.def.id, error: outcome.error });
        opts.log?.(`FAILED ${p.exp.def.id} [${p.profile}] aggregate: ${outcome.error.split('\n')[0]}`);
      }
    } else if (complete) {
      entry = storedAggregate(p, opts.store);
    }
    if (entry) Object.assign(summary.manifest.figures, figureProvenance(p, entry, opts.store, atBuildCommit));
    else for (const figure of Object.keys(p.exp.def.figures)) summary.manifest.missing[figure] = `experiment ${p.exp.def.id} has no fresh ${p.profile} result`;
  }
  return summary;
}
