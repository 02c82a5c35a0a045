/**
 * npm run experiments [-- ids…] [--profile quick|paper] [--frozen] [--explain] [--gc] [--migrate-digests]
 *
 * Runs every missing or stale cell of the selected experiments (all by
 * default), aggregates them into figure data, and writes the site manifest.
 *   --profile P   configuration profile (default: paper)
 *   --frozen      run nothing; fail naming each missing or stale result
 *   --explain     run nothing; name, for each stale cell, the inputs that changed
 *   --gc          remove store entries that no current cell of any profile uses
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
import { planExperiments, resolveAll } from '../src/pipeline/plan.js';
import { runPlan } from '../src/pipeline/scheduler.js';
import { ResultsStore, writeFileAtomic } from '../src/pipeline/store.js';

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

  const profile = values.profile;
  const plans = await planExperiments(experiments, { root, store, profile, backend, explain: values.explain || values.frozen });
  const selected = positionals.length ? new Set(positionals) : undefined;
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
  const todo = active.reduce((s, p) => s + p.cells.filter((c) => c.state !== 'fresh').length, 0);
  log(
    `profile ${profile}, TensorFlow.js backend ${backend}: ${active.length} experiment(s), ${total} cells, ${total - todo} in the store, ${values.frozen ? 0 : todo} to run`,
  );

  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new ExperimentError(`--jobs must be a positive integer, got "${values.jobs}"`);
  // One cell needs no thread of its own; more run in a pool of worker threads.
  const executor =
    jobs > 1 && todo > 1 && !values.frozen
      ? workerPoolExecutor(Math.min(jobs, todo), path.join(import.meta.dirname, 'cell-worker.ts'), { backend })
      : undefined;
  let summary: Awaited<ReturnType<typeof runPlan>>;
  try {
    summary = await runPlan(plans, { root, store, backend, frozen: values.frozen, log, progress: !values['no-progress'], executor }, selected);
  } finally {
    await executor?.close();
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
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ran: summary.ran, reused: summary.reused, aggregated: summary.aggregated, failed: summary.failed, stale: summary.stale })}\n`,
    );
  }
  if (summary.stale.length) {
    log(`--frozen: ${summary.stale.length} result(s) missing or stale in the store (run \`npm run experiments -- --profile ${profile}\` and commit results/):`);
    for (const s of summary.stale) log(`  ${s}`);
    return 1;
  }
  mkdirSync(path.join(root, '.build'), { recursive: true });
  writeFileAtomic(path.join(root, MANIFEST_FILE), `${JSON.stringify(summary.manifest, null, 1)}\n`);
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
