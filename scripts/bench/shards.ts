/**
 * Shards against one process, on this machine's cores: the same plan of
 * CPU-bound cells with skewed costs (six of 6 units, six of 1, in
 * alternation; one unit ≈ 1 s of one core) run
 *   - by one process (`--jobs 1`),
 *   - by two processes at once, `--shard 0/2` and `--shard 1/2` of one plan
 *     file, split by cost (the default),
 *   - the same with the naive round-robin split (`--shard-strategy
 *     round-robin`), which puts every costly cell in one share.
 * Wall time of each, from the first process's start to the last one's end,
 * including the processes' start-up. Runs in a temporary project.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
const COSTS = [6, 1, 6, 1, 6, 1, 6, 1, 6, 1, 6, 1];

/** Iterations of the cells' loop per second on this core. */
function loopRate(): number {
  const n = 2e7;
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 1.000001 + i) % 1048576;
  if (x < 0) throw new Error('unreachable');
  return n / ((performance.now() - t) / 1000);
}

function project(unit: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cc-bench-shards-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('package.json', JSON.stringify({ name: 'bench-shards', private: true, type: 'module' }));
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  write(
    'experiments/spin/experiment.ts',
    `import { z } from 'zod';
export default {
  id: 'spin', title: 'Spin', paper: 'bench',
  config: z.object({ costs: z.array(z.number()), unit: z.number() }).strict(),
  profiles: { quick: { costs: ${JSON.stringify(COSTS)}, unit: ${Math.round(unit)} }, paper: { costs: ${JSON.stringify(COSTS)}, unit: ${Math.round(unit)} } },
  cells: (c: { costs: number[]; unit: number }) => c.costs.map((steps, i) => ({ id: 'i=' + i, seed: i, params: { steps, unit: c.unit } })),
  cost: (p: { steps: number }) => p.steps,
  result: z.object({ x: z.number() }),
  figures: { 'spin-fig': { title: 'Spin', row: z.object({ x: z.number() }).strict() } },
};
`,
  );
  write(
    'experiments/spin/run.ts',
    `export function run(cell: { params: { steps: number; unit: number } }) {
  let x = 0;
  const n = cell.params.steps * cell.params.unit;
  for (let i = 0; i < n; i++) x = (x * 1.000001 + i) % 1048576;
  return { x };
}
`,
  );
  write(
    'experiments/spin/aggregate.ts',
    `export function aggregate({ cells }: { cells: { result: { x: number } }[] }) {
  return { 'spin-fig': { rows: cells.map(({ result }) => ({ x: result.x })) } };
}
`,
  );
  return root;
}

function cli(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(repo, 'node_modules', '.bin', 'tsx'),
      [path.join(repo, 'scripts', 'experiments.ts'), '--root', root, '--no-progress', ...args],
      {
        env: { ...process.env, PATH: `${path.join(repo, 'node_modules', '.bin')}:${process.env.PATH}` },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`experiments ${args.join(' ')} exited ${code}:\n${err}`))));
  });
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

export interface ShardBench {
  cells: number;
  units: number;
  secondsPerUnit: number;
  oneProcess: number;
  balanced: number;
  roundRobin: number;
  speedupBalanced: number;
  speedupRoundRobin: number;
}

export async function measureShards(): Promise<ShardBench> {
  const unit = loopRate(); // iterations per second: one unit ≈ 1 s
  const run = async (shards: 'none' | 'balanced' | 'round-robin') => {
    const root = project(unit);
    try {
      if (shards === 'none') return await timed(() => cli(root, ['spin', '--jobs', '1']));
      const plan = path.join(root, 'plan.json');
      writeFileSync(plan, await cli(root, ['spin', '--plan', '--json']));
      return await timed(() =>
        Promise.all([0, 1].map((i) => cli(root, ['--plan-file', plan, '--shard', `${i}/2`, '--shard-strategy', shards, '--jobs', '1']))),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  const oneProcess = await run('none');
  const balanced = await run('balanced');
  const roundRobin = await run('round-robin');
  return {
    cells: COSTS.length,
    units: COSTS.reduce((a, b) => a + b, 0),
    secondsPerUnit: 1,
    oneProcess,
    balanced,
    roundRobin,
    speedupBalanced: oneProcess / balanced,
    speedupRoundRobin: oneProcess / roundRobin,
  };
}
