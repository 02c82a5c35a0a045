/**
 * `npm run cluster` on a real one-node Slurm cluster (test/helpers/slurm.ts),
 * in a temporary copy of the project:
 * 1. a 4-task array of a quick-profile experiment stores the same results,
 *    bit for bit, as the local run committed in results/; no cell is computed
 *    twice; the aggregation job runs after the array;
 * 2. a task cancelled mid-run: re-submitting runs only the missing cells.
 * Where Slurm cannot start, the test fails with the reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { env, ProjectCopy } from '../helpers/fixture.js';
import { LocalSlurm } from '../helpers/slurm.js';

const EXPERIMENT = 'zhou2022-fig4';
const PROFILE = 'quick';

let slurm: LocalSlurm | undefined;
let copy: ProjectCopy;

interface Submission {
  array: string;
  aggregate: string;
  tasks: number;
  dir: string;
}

function submit(ids: string[], tasks: number): Submission {
  const r = spawnSync('npm', ['run', '--silent', 'cluster', '--', ...ids, '--profile', PROFILE, '--tasks', String(tasks)], {
    cwd: copy.root,
    env: { ...env, ...slurm!.env, FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run cluster failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** Each task's JSON summary (the last line of its log): the cells it ran. */
function taskSummaries(s: Submission): { shard: string; ran: { cell: string; key: string }[]; adopted: unknown[] }[] {
  const logs = path.join(copy.root, s.dir, 'logs');
  return readdirSync(logs)
    .filter((f) => f.startsWith('task-'))
    .flatMap((f) => {
      const last = readFileSync(path.join(logs, f), 'utf8').trim().split('\n').pop() ?? '';
      return last.startsWith('{') ? [JSON.parse(last)] : [];
    });
}

const cellsDir = (id: string) => path.join(copy.root, 'results', id, 'cells');
const readCells = (id: string) =>
  existsSync(cellsDir(id)) ? Object.fromEntries(readdirSync(cellsDir(id)).map((f) => [f, JSON.parse(readFileSync(path.join(cellsDir(id), f), 'utf8'))])) : {};

beforeAll(() => {
  slurm = LocalSlurm.start(2);
  copy = new ProjectCopy('cc-cluster-');
}, 120_000);

afterAll(() => {
  slurm?.stop();
  copy?.remove();
}, 60_000);

it('runs a quick-profile experiment as a 4-task array: the same results as the local run, each cell once, then the aggregation job', async () => {
  // the committed results of the local run, then an empty store for this experiment
  const local = Object.fromEntries(
    Object.values(readCells(EXPERIMENT))
      .filter((e) => e.inputs.profile === PROFILE)
      .map((e) => [e.key, e.result]),
  );
  expect(Object.keys(local).length).toBeGreaterThan(4);
  rmSync(path.join(copy.root, 'results', EXPERIMENT), { recursive: true, force: true });

  const s = submit([EXPERIMENT], 4);
  expect(s.tasks).toBe(4);
  await slurm!.waitFor([s.array, s.aggregate], 150_000);

  const stored = readCells(EXPERIMENT);
  expect(Object.fromEntries(Object.values(stored).map((e) => [e.key, e.result]))).toEqual(local);
  const summaries = taskSummaries(s);
  expect(summaries.map((t) => t.shard).sort()).toEqual(['0/4', '1/4', '2/4', '3/4']);
  const ran = summaries.flatMap((t) => t.ran.map((c) => c.key));
  expect(ran.length).toBe(new Set(ran).size);
  expect(new Set(ran)).toEqual(new Set(Object.keys(local)));
  // the aggregation job ran after the array and stored the aggregate
  const aggLog = readFileSync(path.join(copy.root, s.dir, 'logs', 'aggregate.out'), 'utf8');
  expect(aggLog).toMatch(new RegExp(`${EXPERIMENT} \\[${PROFILE}\\]: \\d+ cells, 0 run, aggregated`));
  expect(readdirSync(path.join(copy.root, 'results', EXPERIMENT, 'aggregates')).length).toBe(1);
}, 170_000);

it('after a task is cancelled mid-run, re-submitting runs only the missing cells', async () => {
  // eight cells of 3 s each (sleeping, not computing), two per task
  copy.run('node', [
    '-e',
    `const fs = require('fs');
fs.mkdirSync('experiments/slow-test', { recursive: true });
fs.writeFileSync('experiments/slow-test/experiment.ts', \`import { z } from 'zod';
export default {
  id: 'slow-test', title: 'Slow', paper: 'test',
  config: z.object({ n: z.number().int() }).strict(),
  profiles: { quick: { n: 8 }, paper: { n: 8 } },
  cells: (c: { n: number }) => Array.from({ length: c.n }, (_, i) => ({ id: 'i=' + i, seed: 10 + i, params: { i } })),
  result: z.object({ value: z.number() }),
  figures: { 'slow-test-fig': { title: 'Slow', row: z.object({ value: z.number() }).strict() } },
};\`);
fs.writeFileSync('experiments/slow-test/run.ts', \`export async function run(cell: { seed: number }) {
  await new Promise((r) => setTimeout(r, 3000));
  return { value: cell.seed * 3 };
}\`);
fs.writeFileSync('experiments/slow-test/aggregate.ts', \`export function aggregate({ cells }: { cells: { result: { value: number } }[] }) {
  return { 'slow-test-fig': { rows: cells.map(({ result }) => ({ value: result.value })) } };
}\`);`,
  ]);
  const first = submit(['slow-test'], 4);
  // cancel task 0 once it runs and the array has stored a first cell
  const end = Date.now() + 90_000;
  while (!(slurm!.queue([first.array]).some((l) => l.startsWith(`${first.array}_0 RUNNING`)) && Object.keys(readCells('slow-test')).length > 0)) {
    if (Date.now() > end) throw new Error(`task 0 never ran beside a stored cell\n${slurm!.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  slurm!.scancel(`${first.array}_0`);
  await slurm!.waitFor([first.array, first.aggregate], 120_000);
  const afterFirst = readCells('slow-test');
  const missing = 8 - Object.keys(afterFirst).length;
  expect(missing).toBeGreaterThan(0);
  // the aggregation job ran and named what is missing
  expect(readFileSync(path.join(copy.root, first.dir, 'logs', 'aggregate.out'), 'utf8')).toMatch(/--aggregate: \d+ result\(s\) missing/);

  const second = submit(['slow-test'], 4);
  expect(second.tasks).toBe(Math.min(4, missing)); // no more tasks than missing cells
  await slurm!.waitFor([second.array, second.aggregate], 120_000);
  const final = readCells('slow-test');
  expect(Object.keys(final)).toHaveLength(8);
  // the cells stored before were not computed again
  for (const [file, entry] of Object.entries(afterFirst)) expect(final[file].provenance.computedAt).toBe(entry.provenance.computedAt);
  const ranAgain = taskSummaries(second).flatMap((t) => t.ran.map((c) => c.key));
  expect(ranAgain.sort()).toEqual(
    Object.keys(final)
      .filter((f) => !(f in afterFirst))
      .map((f) => f.replace(/\.json$/, ''))
      .sort(),
  );
  expect(readFileSync(path.join(copy.root, second.dir, 'logs', 'aggregate.out'), 'utf8')).toMatch(/slow-test \[quick\]: 8 cells, 0 run, aggregated/);
}, 240_000);
