/**
 * npm run verify [-- ids…] [--sample N] [--budget 10m] [--seed S]
 *
 * Checks the integrity of the whole results store, then re-runs a seeded
 * sample of its cells (stratified over experiments and profiles, chosen to
 * fit the budget by their recorded compute times) into a temporary store and
 * compares each with the stored result: bit-identical, else the fields that
 * differ and by how much. Exit 1 on any integrity problem, difference or
 * failed run. Records the outcome in results/verification.json (the site's
 * footer shows it).
 *   --sample N        at most N cells (default: as many as fit the budget)
 *   --budget T        time budget, e.g. 10m, 90s, 2m30s (default: 10m); no cell
 *                     starts after it
 *   --seed S          sample seed (default: from the clock; printed and recorded)
 *   --profile P       profile to sample from, repeatable (default: quick and paper)
 *   --jobs N          worker threads (default: the number of cores)
 *   --integrity-only  re-run nothing
 *   --no-record       do not write results/verification.json
 *   --json            print the record on stdout
 *   --root DIR        project root (default: the current directory)
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { workerPoolExecutor } from '../src/pipeline/executors.js';
import { ExperimentError, loadExperiments } from '../src/pipeline/registry.js';
import { ResultsStore } from '../src/pipeline/store.js';
import { describeVerification, parseDuration, verifyStore, writeVerification } from '../src/pipeline/verify.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sample: { type: 'string' },
      budget: { type: 'string', default: '10m' },
      seed: { type: 'string' },
      profile: { type: 'string', multiple: true },
      jobs: { type: 'string', default: String(availableParallelism()) },
      'integrity-only': { type: 'boolean', default: false },
      'no-record': { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const root = path.resolve(values.root);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const int = (name: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new ExperimentError(`--${name} must be an integer ≥ ${min}, got "${text}"`);
    return n;
  };
  let budgetSeconds: number;
  try {
    budgetSeconds = parseDuration(values.budget);
  } catch (err) {
    throw new ExperimentError(`--budget: ${(err as Error).message}`);
  }
  const sample = int('sample', values.sample, 0);
  const seed = int('seed', values.seed, 0) ?? Math.floor(Date.now() / 1000) % 1_000_000;
  const jobs = int('jobs', values.jobs, 1) as number;

  const experiments = await loadExperiments(root);
  const known = new Set(experiments.map((e) => e.def.id));
  for (const id of positionals) {
    if (!known.has(id)) throw new ExperimentError(`no experiment "${id}" under experiments/ (known: ${[...known].join(', ') || 'none'})`);
  }
  const backend = await initBackend();
  const store = new ResultsStore(root);
  log(`verify: TensorFlow.js backend ${backend} (the keys of runs that import TensorFlow.js cover it: CC_BACKEND=wasm for the committed store)`);
  const record = await verifyStore({
    root,
    store,
    experiments,
    backend,
    ids: positionals,
    profiles: values.profile,
    sample,
    budgetSeconds,
    seed,
    jobs,
    executor: (size) => (size > 1 ? workerPoolExecutor(size, path.join(import.meta.dirname, 'cell-worker.ts'), { backend }) : undefined),
    integrityOnly: values['integrity-only'],
    log,
    progress: !values['no-progress'],
  });
  log(describeVerification(record));
  if (!values['no-record']) log(`recorded in ${store.relative(writeVerification(store, record))}`);
  if (values.json) process.stdout.write(`${JSON.stringify(record)}\n`);
  return record.result === 'pass' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ExperimentError) process.stderr.write(`error: ${err.message}\n`);
    else process.stderr.write(`error: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
