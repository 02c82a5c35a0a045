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
 *    median ratio seconds / estimate over the experiment's cells of step 1.
 *    Experiments with no measured cell keep relative units, scaled by the
 *    median ratio over all experiments that have one.
 */
import type { CellEntry } from './store.js';

export interface CostedCell {
  experiment: string;
  /** Cell id (unique within the experiment and profile). */
  cell: string;
  /** Estimated compute seconds (or relative units, see above). */
  cost: number;
  /** Where the number comes from. */
  basis: 'measured' | 'estimated';
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
 * (`history(experiment)` lists its stored cell entries).
 */
export function estimateCosts(cells: CostInput[], history: (experiment: string) => CellEntry[]): CostedCell[] {
  const measured = new Map<string, Map<string, number>>();
  const seen = (experiment: string, profile: string) => {
    const id = `${experiment}\u0000${profile}`;
    let m = measured.get(id);
    if (!m) {
      m = new Map();
      // the latest stored run of each cell id
      const latest = new Map<string, CellEntry>();
      for (const e of history(experiment)) {
        if (e.inputs.profile !== profile) continue;
        const prev = latest.get(e.inputs.cell.id);
        if (!prev || prev.provenance.computedAt < e.provenance.computedAt) latest.set(e.inputs.cell.id, e);
      }
      for (const [cell, e] of latest) m.set(cell, e.provenance.computeSeconds);
      measured.set(id, m);
    }
    return m;
  };
  const rough = (c: CostInput) => Math.max(c.estimate ? c.estimate(c.cell.params) : sizeOf(c.cell.params), 1e-9);
  // seconds per unit of the rough estimate, per experiment and overall
  const ratios = new Map<string, number[]>();
  for (const c of cells) {
    const s = seen(c.experiment, c.profile).get(c.cell.id);
    if (s === undefined) continue;
    const list = ratios.get(c.experiment) ?? [];
    list.push(s / rough(c));
    ratios.set(c.experiment, list);
  }
  const overall = median([...ratios.values()].map(median));
  return cells.map((c) => {
    const s = seen(c.experiment, c.profile).get(c.cell.id);
    if (s !== undefined) return { experiment: c.experiment, cell: c.cell.id, cost: s, basis: 'measured' };
    const ratio = ratios.has(c.experiment) ? median(ratios.get(c.experiment)!) : Number.isFinite(overall) ? overall : 1;
    return { experiment: c.experiment, cell: c.cell.id, cost: rough(c) * ratio, basis: 'estimated' };
  });
}
