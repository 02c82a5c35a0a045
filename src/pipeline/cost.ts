/**
 * How long a cell will take, for balancing shards: measured where the store
 * knows, estimated where it does not.
 *
 * 1. A cell whose earlier result (same experiment, profile and cell id, any
 *    key: the code changed since) is in the store costs what that run took
 *    (`provenance.computeSeconds`).
 * 2. Otherwise the experiment's `cost(params)` (relative units) or, without
 *    one, the product of the size-like parameters found in `params`
 *    (width `m`, steps, samples `n`; see `sizeOf`), scaled to seconds by the
 *    median ratio seconds / estimate over every stored run of the experiment
 *    (of any profile: the `paper` runs calibrate a first `full` plan).
 * 3. An experiment with no stored run at all keeps relative units.
 */
import type { CellEntry } from './store.js';

export interface CostedCell {
  experiment: string;
  /** Cell id (unique within the experiment and profile). */
  cell: string;
  /** Estimated compute seconds (relative units when basis is 'relative'). */
  cost: number;
  /** Where the number comes from: an earlier run of this cell; size × seconds per unit of the experiment's stored runs; size alone. */
  basis: 'measured' | 'estimated' | 'relative';
}

const SIZE_FIELDS: Record<string, number> = { m: 1, width: 1, steps: 1, maxSteps: 1, n: 1, epochs: 1, iterations: 1 };

/**
 * The product of the size-like numeric fields of `params`, searched one
 * level deep (e.g. `protocol.maxSteps`); 1 if there are none.
 */
export function sizeOf(params: unknown): number {
  let size = 1;
  const visit = (v: unknown, depth: number) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'number' && Number.isFinite(x) && x > 0 && k in SIZE_FIELDS) size *= x;
      else if (depth < 1) visit(x, depth + 1);
    }
  };
  visit(params, 0);
  return size;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : Number.NaN;
};

export interface CostInput {
  experiment: string;
  profile: string;
  cell: { id: string; params: unknown };
  /** The experiment's own estimate, relative units. */
  estimate?: (params: any) => number;
}

/**
 * Costs of `cells`, from the stored history of their experiments
 * (`history(experiment)` lists its stored cell entries, of every profile).
 */
export function estimateCosts(cells: CostInput[], history: (experiment: string) => CellEntry[]): CostedCell[] {
  const rough = (estimate: CostInput['estimate'], params: unknown) => Math.max(estimate ? estimate(params) : sizeOf(params), 1e-9);
  const known = new Map<string, { measured: Map<string, number>; ratio: number }>();
  const lookup = (c: CostInput) => {
    let k = known.get(c.experiment);
    if (!k) {
      // the latest stored run of each (profile, cell id), and seconds per unit of the rough estimate over all of them
      const latest = new Map<string, CellEntry>();
      for (const e of history(c.experiment)) {
        const id = `${e.inputs.profile}\u0000${e.inputs.cell.id}`;
        const prev = latest.get(id);
        if (!prev || prev.provenance.computedAt < e.provenance.computedAt) latest.set(id, e);
      }
      const measured = new Map([...latest].map(([id, e]) => [id, e.provenance.computeSeconds]));
      const ratio = median([...latest.values()].map((e) => e.provenance.computeSeconds / rough(c.estimate, e.inputs.cell.params)));
      k = { measured, ratio };
      known.set(c.experiment, k);
    }
    return k;
  };
  return cells.map((c) => {
    const { measured, ratio } = lookup(c);
    const s = measured.get(`${c.profile}\u0000${c.cell.id}`);
    if (s !== undefined) return { experiment: c.experiment, cell: c.cell.id, cost: s, basis: 'measured' };
    if (Number.isFinite(ratio)) return { experiment: c.experiment, cell: c.cell.id, cost: rough(c.estimate, c.cell.params) * ratio, basis: 'estimated' };
    return { experiment: c.experiment, cell: c.cell.id, cost: rough(c.estimate, c.cell.params), basis: 'relative' };
  });
}

/** A duration in s, min or h; `units` for relative costs. */
export function formatCost(cost: number, relative = false): string {
  if (relative) return `${cost.toPrecision(3)} units`;
  return cost >= 5400 ? `${(cost / 3600).toFixed(1)} h` : cost >= 90 ? `${(cost / 60).toFixed(1)} min` : `${cost.toFixed(1)} s`;
}

/** The total cost of some cells, in words: seconds where every cell has a time, else relative units. */
export function describeCost(cells: CostedCell[]): string {
  const relative = cells.some((c) => c.basis === 'relative');
  const total = cells.reduce((t, c) => t + c.cost, 0);
  const measured = cells.filter((c) => c.basis === 'measured').length;
  const estimated = cells.filter((c) => c.basis === 'estimated').length;
  if (relative) return `${formatCost(total, true)} of work (no stored run of the experiment to time it by: relative to width × steps)`;
  return `about ${formatCost(total)} of compute (${measured} timed by an earlier run of the same cell, ${estimated} estimated from the experiment's stored runs)`;
}
