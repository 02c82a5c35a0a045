/**
 * npm run cluster -- [ids…] --profile P --tasks N [--cpus-per-task C] [--partition Q]
 *                    [--time T] [--mem M] [--sbatch-option OPT]… [--dry-run]
 *
 * Hands the cells still to run to Slurm: writes the plan (cells, costs,
 * environment fingerprint), an sbatch array script with one task per share
 * of the plan and an aggregation job that runs after the array, submits both
 * with sbatch (or, with --dry-run, prints them), and says how to follow them.
 * Everything goes to .build/cluster/<profile>-<time>/ (plan.json, the two
 * scripts, logs/). Run it on a login node, in a clone on a file system the
 * compute nodes share, after `npm ci`. Submitting again after failed or
 * cancelled tasks plans only what is still missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { describeCost, formatCost } from '../src/pipeline/cost.js';
import { environmentFingerprint } from '../src/pipeline/fingerprint.js';
import { planExperiments, resolveAll } from '../src/pipeline/plan.js';
import { makePlanFile, writePlanFile } from '../src/pipeline/planFile.js';
import { ExperimentError, loadExperiments } from '../src/pipeline/registry.js';
import { shardCells, shareCosts } from '../src/pipeline/shard.js';
import { aggregateScript, arrayScript, shellQuote, type SlurmOptions } from '../src/pipeline/slurm.js';
import { ResultsStore } from '../src/pipeline/store.js';

function sbatch(args: string[]): string {
  try {
    return execFileSync('sbatch', ['--parsable', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim()
      .split(';')[0];
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new ExperimentError('sbatch not found: run this on a Slurm login node, or use --dry-run to see the scripts');
    throw new ExperimentError(`sbatch ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      profile: { type: 'string', default: 'paper' },
      tasks: { type: 'string' },
      'cpus-per-task': { type: 'string', default: '1' },
      partition: { type: 'string' },
      time: { type: 'string' },
      mem: { type: 'string' },
      'sbatch-option': { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const root = path.resolve(values.root);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const tasks = Number(values.tasks);
  if (!values.tasks || !Number.isInteger(tasks) || tasks < 1)
    throw new ExperimentError(`--tasks must be a positive integer (the number of array tasks), got "${values.tasks ?? ''}"`);
  const cpusPerTask = Number(values['cpus-per-task']);
  if (!Number.isInteger(cpusPerTask) || cpusPerTask < 1)
    throw new ExperimentError(`--cpus-per-task must be a positive integer, got "${values['cpus-per-task']}"`);

  const experiments = await loadExperiments(root);
  const known = new Set(experiments.map((e) => e.def.id));
  for (const id of positionals) if (!known.has(id)) throw new ExperimentError(`no experiment "${id}" under experiments/ (known: ${[...known].join(', ')})`);
  const profile = values.profile;
  const chosen = positionals.length ? experiments.filter((e) => positionals.includes(e.def.id)) : experiments;
  resolveAll(chosen, profile);
  const backend = await initBackend();
  const store = new ResultsStore(root);
  const plans = await planExperiments(chosen, { root, store, profile, backend });
  const fingerprint = environmentFingerprint(root, backend);
  const plan = makePlanFile(plans, store, fingerprint, profile);
  const ids = chosen.map((e) => e.def.id);
  if (plan.cells.length === 0) {
    log(`nothing to run: every cell of ${ids.join(', ')} [${profile}] is in the store.`);
    log(`Aggregate and build here: npm run experiments -- ${ids.join(' ')} --profile ${profile}`);
    return 0;
  }
  const n = Math.min(tasks, plan.cells.length);
  const shares = shardCells(plan.cells, n);
  const stamp = plan.createdAt.replace(/[:.]/g, '-');
  const dir = path.join(root, '.build', 'cluster', `${profile}-${stamp}`);
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const planFile = path.join(dir, 'plan.json');
  writePlanFile(planFile, plan);
  const o: SlurmOptions = {
    root,
    dir,
    planFile,
    profile,
    experiments: ids,
    tasks: n,
    cpusPerTask,
    partition: values.partition,
    time: values.time,
    mem: values.mem,
    extra: values['sbatch-option'],
  };
  const arrayFile = path.join(dir, 'cells.sbatch');
  const aggregateFile = path.join(dir, 'aggregate.sbatch');
  writeFileSync(arrayFile, arrayScript(o), { mode: 0o755 });
  writeFileSync(aggregateFile, aggregateScript(o), { mode: 0o755 });
  const relative = plan.cells.some((c) => c.basis === 'relative');
  log(`${plan.cells.length} cell(s) of ${ids.length} experiment(s) [${profile}] to run, ${describeCost(plan.cells)}`);
  log(
    `${n} task(s) × ${cpusPerTask} CPU(s); estimated share costs: ${shareCosts(shares)
      .map((c) => formatCost(c, relative))
      .join(', ')}`,
  );
  log(`plan and scripts: ${path.relative(root, dir)}/`);

  if (values['dry-run']) {
    process.stdout.write(`# ${arrayFile}\n${arrayScript(o)}\n# ${aggregateFile}\n${aggregateScript(o)}\n`);
    log('--dry-run: nothing submitted. To submit by hand:');
    log(`  job=$(sbatch --parsable ${shellQuote(arrayFile)}) && sbatch --dependency=afterany:$job ${shellQuote(aggregateFile)}`);
    return 0;
  }
  const arrayJob = sbatch([arrayFile]);
  const aggregateJob = sbatch([`--dependency=afterany:${arrayJob}`, aggregateFile]);
  writeFileSync(path.join(dir, 'jobs.json'), `${JSON.stringify({ array: arrayJob, aggregate: aggregateJob, tasks: n }, null, 1)}\n`);
  process.stdout.write(`${JSON.stringify({ array: arrayJob, aggregate: aggregateJob, tasks: n, dir: path.relative(root, dir) })}\n`);
  log(`submitted array job ${arrayJob} (${n} tasks) and aggregation job ${aggregateJob} (after the array ends)`);
  log(`follow:   squeue -j ${arrayJob},${aggregateJob}    tail -f ${path.relative(root, dir)}/logs/*.out`);
  log('then:     git add results && npm run build   (re-run this command first if a task failed: it submits only what is missing)');
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
