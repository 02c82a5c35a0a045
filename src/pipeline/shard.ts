/**
 * Deterministic shares of a plan: `--shard i/n` runs share i of n. Every
 * cell belongs to exactly one share; the shares together are the plan.
 *
 * `balanced` (the default) is longest-processing-time-first: cells in order
 * of decreasing cost (ties by experiment and cell id), each to the share with
 * the least cost so far (ties to the lowest index). Its makespan is at most
 * 4/3 of the optimum (Graham 1969). `round-robin` deals cells in plan order,
 * for comparison (npm run bench).
 */
import type { CostedCell } from './cost.js';

export type ShardStrategy = 'balanced' | 'round-robin';

export interface ShardSpec {
  /** 0-based index of this share */
  index: number;
  /** number of shares */
  count: number;
}

/** Parse `i/n` (0 ≤ i < n). */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard must be i/n with 0 ≤ i < n (e.g. 0/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new Error(`--shard ${text}: need 0 ≤ i < n and n ≥ 1`);
  return { index, count };
}

const cellId = (c: CostedCell) => `${c.experiment}\u0000${c.cell}`;

/** The shares of `cells`: `count` lists, the costliest cells first within each (balanced) or in plan order (round-robin). */
export function shardCells<C extends CostedCell>(cells: C[], count: number, strategy: ShardStrategy = 'balanced'): C[][] {
  const shares: C[][] = Array.from({ length: count }, () => []);
  if (strategy === 'round-robin') {
    for (const [i, c] of cells.entries()) shares[i % count].push(c);
    return shares;
  }
  const sorted = [...cells].sort((a, b) => b.cost - a.cost || (cellId(a) < cellId(b) ? -1 : cellId(a) > cellId(b) ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  for (const c of sorted) {
    let best = 0;
    for (let i = 1; i < count; i++) if (load[i] < load[best]) best = i;
    shares[best].push(c);
    load[best] += c.cost;
  }
  return shares;
}

/** Total cost of each share. */
export function shareCosts(shares: CostedCell[][]): number[] {
  return shares.map((s) => s.reduce((t, c) => t + c.cost, 0));
}
