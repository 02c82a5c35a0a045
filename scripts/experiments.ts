/**
 * npm run experiments [-- ids…] [--profile quick|paper|full] [--frozen] [--explain] [--gc]
 *                     [--plan] [--shard i/n [--plan-file F]] [--aggregate] [--migrate-digests]
 *
 * Runs every missing or stale cell of the selected experiments (all by
 * default), aggregates them into figure data, and writes the site manifest.
 * Each cell is claimed with a lease while it runs (src/pipeline/lease.ts):
 * concurrent runs on one store split the work.
 *   --profile P   configuration profile (default: paper)
 *   --frozen      run nothing; fail naming each missing or stale result
 *   --explain     run nothing; name, for each stale cell, the inputs that changed
 *   --gc          remove store entries that no current cell of any profile uses
 *   --plan        run nothing; list the cells still to run with their estimated
 *                 cost (with --json: the plan as JSON, as --plan-file reads it)
 *   --shard i/n   run share i (0-based) of n of the cells still to run, balanced
 *                 by cost; no aggregation (src/pipeline/shard.ts)
 *   --plan-file F with --shard: take the cells and costs from plan F (written by
 *                 --plan --json or npm run cluster), so that every share is cut
 *                 from the same plan; fails if this environment's fingerprint
 *                 differs from the plan's
 *   --aggregate   run no cell; aggregate every experiment whose cells are all
 *                 stored, fail naming the missing ones (a cluster's last job)
 *   --migrate-digests  add result digests to entries written before integrity
 *                 checks, re-aggregate, write results/index.txt; runs no training
 *   --jobs N      run cells in N worker threads (default: the number of cores)
 *   --json        print a machine-readable summary on stdout
 *   --root DIR    project root (default: the current directory)
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { MANIFEST_FILE } from '../src/pipeline/manifest.js';
import { ExperimentError, loadExperiments } from '../src/pipeline/registry.js';
import { workerPoolExecutor } from '../src/pipeline/executors.js';
import { INTEGRITY_ADVICE, integrityFailures, migrateDigests } from '../src/pipeline/audit.js';
import { MIGRATE_COMMAND } from '../src/pipeline/integrity.js';
import { collectGarbage } from '../src/pipeline/gc.js';
import { formatDegenerate, summarizeDegenerate } from '../src/pipeline/degenerate.js';
import { planExperiments, resolveAll } from '../src/pipeline/plan.js';
import { FULL_PROFILE, hasFullProfile } from '../src/pipeline/profiles.js';
import { describeCost, formatCost } from '../src/pipeline/cost.js';
import { environmentFingerprint, fingerprintDifferences } from '../src/pipeline/fingerprint.js';
import { Leases } from '../src/pipeline/lease.js';
import { makePlanFile, type PlanCell, readPlanFile } from '../src/pipeline/planFile.js';
import { runPlan } from '../src/pipeline/scheduler.js';
import { parseShard, type ShardStrategy, shardCells, shareCosts } from '../src/pipeline/shard.js';
import { ResultsStore, writeFileAtomic } from '../src/pipeline/store.js';

/** Exit status of a task whose environment differs from its plan's. */
const EXIT_FINGERPRINT = 3;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      profile: { type: 'string', default: 'paper' },
      frozen: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      gc: { type: 'boolean', default: false },
      'migrate-digests': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      jobs: { type: 'string', default: String(availableParallelism()) },
      'no-progress': { type: 'boolean', default: false },
      plan: { type: 'boolean', default: false },
      shard: { type: 'string' },
      'plan-file': { type: 'string' },
      'shard-strategy': { type: 'string', default: 'balanced' },
      aggregate: { type: 'boolean', default: false },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const root = path.resolve(values.root);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const experiments = await loadExperiments(root);
  const known = new Set(experiments.map((e) => e.def.id));
  for (const id of positionals) {
    if (!known.has(id)) throw new ExperimentError(`no experiment "${id}" under experiments/ (known: ${[...known].join(', ') || 'none'})`);
  }
  // Validate every profile of every experiment before touching anything.
  for (const exp of experiments) for (const profile of Object.keys(exp.def.profiles)) resolveAll([exp], profile);

  const backend = await initBackend();
  const store = new ResultsStore(root);

  if (values.gc) {
    const removed = await collectGarbage(root, experiments, store, backend);
    log(
      `gc: removed ${removed.length} entr${removed.length === 1 ? 'y' : 'ies'} no current cell uses (backend ${backend}; results of other TensorFlow.js backends are kept)`,
    );
    for (const f of removed) log(`  ${store.relative(f)}`);
    return 0;
  }

  if (values['migrate-digests']) {
    const m = await migrateDigests(root, experiments, store, backend, log);
    if (m.problems.length === 0) return 0;
    log(`migrate: refused, ${m.problems.length} entr${m.problems.length === 1 ? 'y disagrees' : 'ies disagree'} with its key, digest or index line:`);
    for (const p of m.problems) log(`  ${p}`);
    return 1;
  }

  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const strategy = values['shard-strategy'] as ShardStrategy;
  if (strategy !== 'balanced' && strategy !== 'round-robin') throw new ExperimentError(`--shard-strategy must be balanced or round-robin, got "${strategy}"`);
  const planFile = values['plan-file'] ? readPlanFile(path.resolve(values['plan-file'])) : undefined;
  if (planFile && !shard) throw new ExperimentError('--plan-file needs --shard i/n');
  if (planFile) {
    // The plan decides: this task must run in the environment it was made in.
    const differences = fingerprintDifferences(planFile.fingerprint, environmentFingerprint(root, backend));
    if (differences.length) {
      log(`error: this environment differs from the one plan ${values['plan-file']} was made in; results would go under other keys:`);
      for (const d of differences) log(`  ${d}`);
      log('Install the same Node and packages (npm ci) and build the kernels (npm run kernels) on every node, or plan again.');
      return EXIT_FINGERPRINT;
    }
    if (values.profile !== planFile.profile && process.argv.includes('--profile'))
      throw new ExperimentError(`--profile ${values.profile} differs from the plan's profile ${planFile.profile} (${values['plan-file']})`);
  }
  const profile = planFile?.profile ?? values.profile;
  const ids = planFile ? planFile.experiments : positionals;
  const selected = ids.length ? new Set(ids) : undefined;
  // A shard, a plan and an aggregation job need only their own experiments
  // (and write no site manifest); a build plans them all for the manifest.
  const partial = selected !== undefined && (shard !== undefined || values.plan || values.aggregate);
  // A profile that only some experiments declare (`full`) plans those.
  const lacking = experiments.filter((e) => !Object.hasOwn(e.def.profiles, profile));
  // no experiment has it: the error of the first names it
  if (experiments.length && lacking.length === experiments.length) resolveAll([experiments[0]], profile);
  for (const e of lacking)
    if (selected?.has(e.def.id))
      throw new ExperimentError(`experiment "${e.def.id}" (${e.definitionFile}) has no profile "${profile}" (has: ${Object.keys(e.def.profiles).join(', ')})`);
  const planned = experiments.filter((e) => !lacking.includes(e) && (!partial || selected.has(e.def.id)));
  const plans = await planExperiments(planned, {
    root,
    store,
    profile,
    backend,
    explain: values.explain || values.frozen,
  });
  // The paper's exact settings, where an experiment declares them (`full`)
  // and the store holds every cell of them (from a cluster): the site shows those.
  if (!partial && profile === 'paper' && !values.explain && !values.plan) {
    for (const [i, p] of plans.entries()) {
      if (!hasFullProfile(p.exp)) continue;
      const [full] = await planExperiments([p.exp], { root, store, profile: FULL_PROFILE, backend });
      if (full.cells.length && full.cells.every((c) => c.state === 'fresh')) {
        plans[i] = full;
        log(`${p.exp.def.id}: all ${full.cells.length} cells of the ${FULL_PROFILE} profile (the paper's settings) are in the store: the site shows them`);
      }
    }
  }
  const active = plans.filter((p) => !selected || selected.has(p.exp.def.id));

  // Every entry the build would use (of every experiment: all enter the site manifest) must pass its integrity check.
  const rejected = integrityFailures(plans, store);
  if (rejected.length) {
    const old = rejected.filter((r) => r.includes(MIGRATE_COMMAND)).length;
    log(`integrity check: ${rejected.length} entr${rejected.length === 1 ? 'y' : 'ies'} of the results store cannot be trusted; ${INTEGRITY_ADVICE}`);
    if (old) log(`${old} of them were written before integrity checks: run \`${MIGRATE_COMMAND}\` once.`);
    for (const r of rejected.slice(0, 50)) log(`  ${r}`);
    if (rejected.length > 50) log(`  … and ${rejected.length - 50} more`);
    if (values.json) process.stdout.write(`${JSON.stringify({ ran: [], reused: 0, aggregated: [], failed: [], stale: [], rejected })}\n`);
    return 1;
  }

  // The share of this shard: from the plan file, or from the plan made now.
  let only: ((experiment: string, key: string) => boolean) | undefined;
  let share: PlanCell[] | undefined;
  if (shard || values.plan) {
    const cells = planFile?.cells ?? makePlanFile(active, store, environmentFingerprint(root, backend), profile).cells;
    const shares = shard ? shardCells(cells, shard.count, strategy) : [cells];
    share = shares[shard?.index ?? 0];
    const keys = new Set(share.map((c) => `${c.experiment}\u0000${c.key}`));
    only = (experiment, key) => keys.has(`${experiment}\u0000${key}`);
    if (values.plan) {
      if (values.json) {
        const plan = makePlanFile(active, store, environmentFingerprint(root, backend), profile);
        plan.cells = share;
        process.stdout.write(`${JSON.stringify(plan, null, 1)}\n`);
      } else {
        const relative = share.some((c) => c.basis === 'relative');
        for (const c of share) log(`${c.experiment} [${profile}] ${c.cell}  ${formatCost(c.cost, relative)}${c.basis === 'measured' ? '' : ' (estimated)'}`);
        log(`${share.length} cell(s) to run${shard ? ` in share ${shard.index}/${shard.count}` : ''}, ${describeCost(share)}`);
        if (shard)
          log(
            `shares (${strategy}): ${shareCosts(shares)
              .map((c) => formatCost(c, relative))
              .join(', ')}`,
          );
      }
      return 0;
    }
  }

  if (values.explain) {
    let stale = 0;
    for (const p of active) {
      for (const c of p.cells) {
        if (c.state === 'fresh') continue;
        stale++;
        log(`${p.exp.def.id} [${profile}] cell ${c.spec.id} (seed ${c.spec.seed}): ${c.state}`);
        for (const r of c.reasons) log(`    ${r}`);
      }
    }
    log(`${stale} of ${active.reduce((s, p) => s + p.cells.length, 0)} cells would run (TensorFlow.js backend ${backend}, for the experiments that import it)`);
    if (values.json) process.stdout.write(`${JSON.stringify({ stale })}\n`);
    return values.frozen && stale > 0 ? 1 : 0;
  }

  const total = active.reduce((s, p) => s + p.cells.length, 0);
  const todo = active.reduce((s, p) => s + p.cells.filter((c) => c.state !== 'fresh' && (!only || only(p.exp.def.id, c.key))).length, 0);
  const running = values.frozen || values.aggregate ? 0 : todo;
  log(
    `profile ${profile}, TensorFlow.js backend ${backend}: ${active.length} experiment(s), ${total} cells, ${active.reduce((s, p) => s + p.cells.filter((c) => c.state === 'fresh').length, 0)} in the store, ${running} to run${shard ? ` (share ${shard.index}/${shard.count} of the plan${planFile ? ` ${values['plan-file']}` : ''})` : ''}`,
  );

  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new ExperimentError(`--jobs must be a positive integer, got "${values.jobs}"`);
  // One cell needs no thread of its own; more run in a pool of worker threads.
  const executor =
    jobs > 1 && running > 1 ? workerPoolExecutor(Math.min(jobs, running), path.join(import.meta.dirname, 'cell-worker.ts'), { backend }) : undefined;
  // Leases: other runs on this store skip the cells this one computes. A
  // cancelled run (SIGTERM from scancel or Ctrl-C) gives its leases back.
  const leases = running > 0 ? new Leases(root) : undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    leases?.releaseAll();
    log(`${signal}: stopped; the cells in flight are not stored (run again to compute them)`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  let summary: Awaited<ReturnType<typeof runPlan>>;
  try {
    summary = await runPlan(
      plans,
      {
        root,
        store,
        backend,
        frozen: values.frozen,
        aggregateOnly: values.aggregate,
        only,
        cellsOnly: shard !== undefined,
        leases,
        log,
        progress: !values['no-progress'],
        executor,
      },
      selected,
    );
  } finally {
    leases?.releaseAll();
    await executor?.close();
  }
  if (shard) {
    log(
      `  share ${shard.index}/${shard.count}: ${summary.ran.length} cell(s) run, ${summary.adopted.length} computed by other runs meanwhile, ${summary.failed.length} failed`,
    );
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ shard: `${shard.index}/${shard.count}`, ran: summary.ran, adopted: summary.adopted, failed: summary.failed })}\n`,
      );
    for (const f of summary.failed) log(`  ${f.experiment}${f.cell ? ` cell ${f.cell}` : ''}: ${f.error}`);
    return summary.failed.length ? 1 : 0;
  }

  for (const p of active) {
    const ran = summary.ran.filter((r) => r.experiment === p.exp.def.id).length;
    const failed = summary.failed.some((f) => f.experiment === p.exp.def.id);
    const agg = summary.aggregated.some((a) => a.experiment === p.exp.def.id)
      ? 'aggregated'
      : summary.manifest.figures[Object.keys(p.exp.def.figures)[0]]
        ? 'aggregate from the store'
        : failed
          ? 'not aggregated (failures above)'
          : 'not aggregated';
    log(`  ${p.exp.def.id} [${profile}]: ${p.cells.length} cells, ${ran} run, ${agg}`);
  }
  // Degenerate runs (src/pipeline/degenerate.ts): stored, shown by the figures, not failures, but named.
  const degenerate = active.map((p) =>
    summarizeDegenerate(
      p.exp.def.id,
      p.profile,
      p.cells.flatMap((c) => (c.state === 'fresh' && c.entry ? [c.entry.result] : [])),
    ),
  );
  const withDegenerate = degenerate.filter((d) => d.degenerate > 0);
  if (withDegenerate.length) {
    log("degenerate runs (stored and shown in the figures; see each experiment's status field):");
    for (const d of withDegenerate) log(formatDegenerate(d));
  }
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        ran: summary.ran,
        adopted: summary.adopted,
        reused: summary.reused,
        aggregated: summary.aggregated,
        failed: summary.failed,
        stale: summary.stale,
        degenerate: Object.fromEntries(degenerate.map(({ experiment, ...d }) => [experiment, d])),
      })}\n`,
    );
  }
  if (summary.stale.length) {
    log(
      `${values.aggregate ? '--aggregate' : '--frozen'}: ${summary.stale.length} result(s) missing or stale in the store (run \`npm run experiments -- --profile ${profile}\` and commit results/):`,
    );
    for (const s of summary.stale) log(`  ${s}`);
    return 1;
  }
  if (!partial) {
    mkdirSync(path.join(root, '.build'), { recursive: true });
    writeFileAtomic(path.join(root, MANIFEST_FILE), `${JSON.stringify(summary.manifest, null, 1)}\n`);
  }
  if (summary.failed.length) {
    log(`${summary.failed.length} failure(s):`);
    for (const f of summary.failed) log(`  ${f.experiment}${f.cell ? ` cell ${f.cell}` : ''}: ${f.error}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ExperimentError) process.stderr.write(`error: ${err.message}\n`);
    else process.stderr.write(`error: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
