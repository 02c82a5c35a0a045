/**
 * Slurm job scripts for a plan: one array job whose task i runs share i of
 * the plan (`--shard i/n --plan-file`), and an aggregation job that starts
 * when the array has ended (afterany) and aggregates what is stored. Nothing
 * here submits: scripts/cluster.ts calls sbatch.
 */

export interface SlurmOptions {
  /** project root, on the file system that every node shares */
  root: string;
  /** where the plan, scripts and logs of this submission live */
  dir: string;
  planFile: string;
  profile: string;
  experiments: string[];
  tasks: number;
  cpusPerTask: number;
  partition?: string;
  time?: string;
  mem?: string;
  /** extra `#SBATCH` lines (e.g. --account=…), verbatim */
  extra?: string[];
}

/** Quote a word for bash. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

function header(o: SlurmOptions, name: string, output: string, cpus: number): string[] {
  const lines = ['#!/bin/bash', `#SBATCH --job-name=${name}`, `#SBATCH --output=${output}`, `#SBATCH --cpus-per-task=${cpus}`, '#SBATCH --ntasks=1'];
  if (o.partition) lines.push(`#SBATCH --partition=${o.partition}`);
  if (o.time) lines.push(`#SBATCH --time=${o.time}`);
  if (o.mem) lines.push(`#SBATCH --mem=${o.mem}`);
  for (const e of o.extra ?? []) lines.push(`#SBATCH ${e}`);
  return lines;
}

/**
 * The node's environment is the project's: its pinned Node (node_modules/.bin
 * first on PATH, as `npm run` does) and its packages. The task compares its
 * environment fingerprint with the plan's before running anything.
 */
function prelude(o: SlurmOptions): string[] {
  return [
    'set -euo pipefail',
    `cd ${shellQuote(o.root)}`,
    'export PATH="$PWD/node_modules/.bin:$PATH"',
    'echo "$(date -u +%FT%TZ) ${SLURM_JOB_ID:-?} on $(hostname): $(node --version)"',
  ];
}

export function arrayScript(o: SlurmOptions): string {
  const name = `cc-${o.profile}`;
  return [
    ...header(o, name, `${o.dir}/logs/task-%a.out`, o.cpusPerTask),
    `#SBATCH --array=0-${o.tasks - 1}`,
    '',
    `# ${o.tasks} share(s) of the plan ${o.planFile}: each task runs its share,`,
    '# claiming each cell with a lease in the store, so that no cell runs twice.',
    ...prelude(o),
    [
      'exec tsx scripts/experiments.ts',
      `--plan-file ${shellQuote(o.planFile)}`,
      `--shard "$SLURM_ARRAY_TASK_ID/${o.tasks}"`,
      '--jobs "${SLURM_CPUS_PER_TASK:-1}"',
      '--no-progress --json',
    ].join(' '),
    '',
  ].join('\n');
}

export function aggregateScript(o: SlurmOptions): string {
  return [
    ...header(o, `cc-${o.profile}-aggregate`, `${o.dir}/logs/aggregate.out`, 1),
    '',
    '# After the array job (afterany): aggregate every experiment whose cells are',
    '# all stored; name the missing cells otherwise (re-submit to run them).',
    ...prelude(o),
    `exec tsx scripts/experiments.ts ${o.experiments.map(shellQuote).join(' ')} --profile ${shellQuote(o.profile)} --aggregate --jobs 1 --no-progress`,
    '',
  ].join('\n');
}
