/**
 * Plans, shards and leases: `--plan`, `--shard i/n` (with and without a plan
 * file), `--aggregate`, and two concurrent runs on one store splitting the
 * work. On the fixture project (test/helpers/fixture.ts) with one slow
 * experiment whose cells sleep, so that runs overlap.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CostedCell } from '../../src/pipeline/cost.js';
import { estimateCosts, sizeOf } from '../../src/pipeline/cost.js';
import { Leases, type LeaseOwner } from '../../src/pipeline/lease.js';
import { parseShard, shardCells, shareCosts } from '../../src/pipeline/shard.js';
import { env, Fixture, repoRoot } from '../helpers/fixture.js';

const cells = (costs: number[]): CostedCell[] => costs.map((cost, i) => ({ experiment: 'e', cell: `c${i}`, cost, basis: 'measured' }));

describe('shards', () => {
  it('parses i/n and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['4/4', '1', '-1/2', 'a/b', '0/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('cuts every plan into disjoint shares whose union is the plan, the same way every time', () => {
    const plan = cells([5, 1, 1, 1, 9, 2, 2, 3, 8, 1, 1, 4]);
    for (const strategy of ['balanced', 'round-robin'] as const) {
      for (const n of [1, 2, 3, 5, 20]) {
        const shares = shardCells(plan, n, strategy);
        expect(shares).toHaveLength(n);
        const all = shares.flat().map((c) => c.cell);
        expect(new Set(all).size).toBe(plan.length);
        expect(all.sort()).toEqual(plan.map((c) => c.cell).sort());
        expect(shardCells(plan, n, strategy)).toEqual(shares);
      }
    }
  });

  it('balances by cost: the largest share is within 4/3 of the optimum, where round-robin is not', () => {
    // eight costly cells first, then eight cheap ones: round-robin over 2 shares puts all costly ones in one
    const plan = cells([8, 1, 8, 1, 8, 1, 8, 1, 8, 1, 8, 1, 8, 1, 8, 1]);
    const balanced = Math.max(...shareCosts(shardCells(plan, 2)));
    const roundRobin = Math.max(...shareCosts(shardCells(plan, 2, 'round-robin')));
    const optimum = plan.reduce((t, c) => t + c.cost, 0) / 2;
    expect(balanced).toBeLessThanOrEqual((4 / 3) * optimum);
    expect(roundRobin).toBe(64);
    expect(balanced).toBe(36);
  });

  it('estimates costs from earlier runs of the same cell, and scales size estimates by them', () => {
    expect(sizeOf({ m: 100, protocol: { maxSteps: 20, lr0: 1 }, gamma: 3 })).toBe(2000);
    const entry = (profile: string, id: string, m: number, seconds: number) =>
      ({ inputs: { profile, cell: { id, params: { m } } }, provenance: { computeSeconds: seconds, computedAt: '2026-01-01T00:00:00Z' } }) as never;
    const costs = estimateCosts(
      [
        { experiment: 'e', profile: 'paper', cell: { id: 'm=10', params: { m: 10 } } },
        { experiment: 'e', profile: 'paper', cell: { id: 'm=40', params: { m: 40 } } },
      ],
      () => [entry('paper', 'm=10', 10, 3)],
    );
    expect(costs).toEqual([
      { experiment: 'e', cell: 'm=10', cost: 3, basis: 'measured' },
      { experiment: 'e', cell: 'm=40', cost: 12, basis: 'estimated' },
    ]);
    // a first plan of another profile (full) is timed by the paper runs; no stored run at all: relative units
    const full = estimateCosts([{ experiment: 'e', profile: 'full', cell: { id: 'm=10', params: { m: 1000 } } }], () => [entry('paper', 'm=10', 10, 3)]);
    expect(full).toEqual([{ experiment: 'e', cell: 'm=10', cost: 300, basis: 'estimated' }]);
    const none = estimateCosts([{ experiment: 'e', profile: 'paper', cell: { id: 'm=5', params: { m: 5, steps: 2 } } }], () => []);
    expect(none).toEqual([{ experiment: 'e', cell: 'm=5', cost: 10, basis: 'relative' }]);
  });
});

describe('leases', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.remove());

  const key = 'a'.repeat(64);

  it('one holder at a time; released leases can be claimed again', () => {
    const a = new Leases(fx.root);
    const b = new Leases(fx.root, { host: 'other-node' });
    expect(a.acquire('alpha', key, 'width=1')).toEqual({ held: true });
    const claim = b.acquire('alpha', key, 'width=1');
    expect(claim.held).toBe(false);
    if (!claim.held) expect(claim.owner).toMatchObject({ host: hostname(), pid: process.pid, cell: 'alpha width=1' });
    a.release('alpha', key);
    expect(b.acquire('alpha', key, 'width=1')).toEqual({ held: true });
    b.releaseAll();
  });

  it('takes over the lease of a dead process on this host, and of a silent host after the stale time', async () => {
    const file = new Leases(fx.root).file('alpha', key);
    mkdirSync(path.dirname(file), { recursive: true });
    // a process that has exited
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    const now = new Date().toISOString();
    const dead: LeaseOwner = { host: hostname(), pid: deadPid, startedAt: now, heartbeatAt: now, token: 'dead', cell: 'alpha width=1' };
    writeFileSync(file, JSON.stringify(dead));
    const leases = new Leases(fx.root);
    expect(leases.acquire('alpha', key, 'width=1')).toEqual({ held: true });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    leases.releaseAll();

    // another host, heartbeat 10 s old: live with the default stale time, stale with 5 s
    const old = new Date(Date.now() - 10_000).toISOString();
    writeFileSync(file, JSON.stringify({ ...dead, host: 'node-7', pid: 1, token: 'far', heartbeatAt: old }));
    expect(new Leases(fx.root).acquire('alpha', key, 'width=1').held).toBe(false);
    const impatient = new Leases(fx.root, { staleMs: 5_000 });
    expect(impatient.acquire('alpha', key, 'width=1')).toEqual({ held: true });
    impatient.releaseAll();
  });

  it('renews held leases', async () => {
    const leases = new Leases(fx.root, { heartbeatMs: 50 });
    leases.acquire('alpha', key, 'width=1');
    const first = JSON.parse(readFileSync(leases.file('alpha', key), 'utf8')).heartbeatAt;
    await new Promise((r) => setTimeout(r, 200));
    const later = JSON.parse(readFileSync(leases.file('alpha', key), 'utf8')).heartbeatAt;
    expect(Date.parse(later)).toBeGreaterThan(Date.parse(first));
    leases.releaseAll();
  });
});

/** An experiment whose cells each sleep `ms` (wall time, no CPU) and return a value of their seed. */
function addSlowExperiment(fx: Fixture, n: number, ms: number): void {
  fx.write(
    'experiments/slow/experiment.ts',
    `import { z } from 'zod';
export default {
  id: 'slow',
  title: 'Slow',
  paper: 'test',
  config: z.object({ n: z.number().int(), ms: z.number() }).strict(),
  profiles: { quick: { n: ${n}, ms: ${ms} }, paper: { n: ${n}, ms: ${ms} } },
  cells: (c: { n: number; ms: number }) => Array.from({ length: c.n }, (_, i) => ({ id: 'i=' + i, seed: 100 + i, params: { i, ms: c.ms, steps: i + 1 } })),
  result: z.object({ value: z.number() }),
  figures: { 'slow-fig': { title: 'Slow', row: z.object({ value: z.number() }).strict() } },
};
`,
  );
  fx.write(
    'experiments/slow/run.ts',
    `export async function run(cell: { seed: number; params: { ms: number } }) {
  await new Promise((r) => setTimeout(r, cell.params.ms));
  return { value: cell.seed * 2 };
}
`,
  );
  fx.write(
    'experiments/slow/aggregate.ts',
    `export function aggregate({ cells }: { cells: { result: { value: number } }[] }) {
  return { 'slow-fig': { rows: cells.map(({ result }) => ({ value: result.value })) } };
}
`,
  );
}

/** The experiments CLI as a child process, resolving with its exit status and JSON summary. */
function cliAsync(fx: Fixture, args: string[]): Promise<{ status: number; stderr: string; json: any }> {
  return new Promise((resolve) => {
    const child = spawn('tsx', [path.join(repoRoot, 'scripts', 'experiments.ts'), '--root', fx.root, '--no-progress', '--json', ...args], {
      cwd: repoRoot,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => {
      const line = stdout.trim().split('\n').filter(Boolean).pop();
      resolve({ status: status ?? -1, stderr, json: line ? JSON.parse(line) : undefined });
    });
  });
}

describe('plans, shards and concurrent runs on one store', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
    addSlowExperiment(fx, 6, 700);
  });
  afterEach(() => fx.remove());

  it('two concurrent runs compute each cell once between them', async () => {
    const [a, b] = await Promise.all([cliAsync(fx, ['slow', '--jobs', '1']), cliAsync(fx, ['slow', '--jobs', '1'])]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const ran = [...a.json.ran, ...b.json.ran].map((r: { cell: string }) => r.cell);
    expect(ran.sort()).toEqual(['i=0', 'i=1', 'i=2', 'i=3', 'i=4', 'i=5']);
    // each run saw the other's cells land (or had none to wait for)
    expect(a.json.ran.length + a.json.adopted.length).toBe(6);
    expect(b.json.ran.length + b.json.adopted.length).toBe(6);
    // both aggregated the same figure data
    expect(a.json.failed).toEqual([]);
    expect(fx.ran(['slow'])).toEqual([]);
  }, 120_000);

  it('--plan lists what is missing; --shard i/n of one plan file cover it once; --aggregate finishes', async () => {
    const plan = fx.cli(['slow', '--plan']);
    expect(plan.status, plan.stderr).toBe(0);
    const planJson = JSON.parse(plan.stdout);
    expect(planJson.cells.map((c: { cell: string }) => c.cell).sort()).toEqual(['i=0', 'i=1', 'i=2', 'i=3', 'i=4', 'i=5']);
    const planFile = path.join(fx.root, 'plan.json');
    writeFileSync(planFile, plan.stdout);

    // aggregation before the cells exist fails, naming them
    const early = fx.cli(['slow', '--aggregate']);
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/--aggregate: 6 result\(s\) missing/);
    expect(early.stderr).toMatch(/slow \[paper\] cell i=0/);

    const shards = await Promise.all([0, 1, 2].map((i) => cliAsync(fx, ['--plan-file', planFile, '--shard', `${i}/3`, '--jobs', '1'])));
    for (const s of shards) expect(s.status, s.stderr).toBe(0);
    const ran = shards.flatMap((s) => s.json.ran.map((r: { cell: string }) => r.cell));
    expect(ran.sort()).toEqual(['i=0', 'i=1', 'i=2', 'i=3', 'i=4', 'i=5']);
    for (const s of shards) expect(s.json.ran.length).toBe(2); // costs 1..6 (steps): LPT gives 7, 7, 7

    const agg = fx.cli(['slow', '--aggregate']);
    expect(agg.status, agg.stderr).toBe(0);
    expect(agg.json?.aggregated.map((a) => a.experiment)).toContain('slow');
    expect(fx.ran(['slow'])).toEqual([]);
  }, 120_000);

  it('a task whose environment differs from its plan fails before running anything', () => {
    const plan = JSON.parse(fx.cli(['slow', '--plan']).stdout);
    plan.fingerprint.node = 'v0.0.1';
    plan.fingerprint.kernels['threeLayer.wasm.ts'] = 'f'.repeat(64);
    const planFile = path.join(fx.root, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const r = fx.cli(['--plan-file', planFile, '--shard', '0/2']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/node: planned v0\.0\.1, here v/);
    expect(r.stderr).toMatch(/kernel src\/engine\/kernels\/build\/threeLayer\.wasm\.ts: planned ffffffffffff, here absent/);
    expect(fx.storeSnapshot()).toEqual({});
  });

  it('a bad plan file is named with the field that is wrong', () => {
    const planFile = path.join(fx.root, 'plan.json');
    writeFileSync(planFile, JSON.stringify({ format: 1, cells: [] }));
    const r = fx.cli(['--plan-file', planFile, '--shard', '0/2']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/plan file .*plan\.json: .*createdAt/);
  });
});
