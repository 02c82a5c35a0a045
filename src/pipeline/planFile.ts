/**
 * A plan written to a file: the cells still to run when it was made, with
 * their estimated costs and the environment fingerprint. Cluster tasks read
 * it so that every task computes the same shares (`--shard i/n`), whatever
 * the store holds when each task starts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type CostedCell, estimateCosts } from './cost.js';
import type { Fingerprint } from './fingerprint.js';
import { pendingCells, type PlannedExperiment } from './plan.js';
import { ExperimentError } from './registry.js';
import { describeIssues, type ResultsStore, writeFileAtomic } from './store.js';

export interface PlanCell extends CostedCell {
  key: string;
}

export interface PlanFile {
  format: 1;
  createdAt: string;
  profile: string;
  /** the experiments planned (all selected ids) */
  experiments: string[];
  fingerprint: Fingerprint;
  /** pending cells, in plan order */
  cells: PlanCell[];
}

const planFileSchema = z
  .object({
    format: z.literal(1),
    createdAt: z.string(),
    profile: z.string(),
    experiments: z.array(z.string()),
    fingerprint: z.object({
      node: z.string(),
      platform: z.string(),
      arch: z.string(),
      lockfile: z.string().nullable(),
      kernels: z.record(z.string(), z.string()),
      backend: z.string(),
    }),
    cells: z.array(
      z.object({
        experiment: z.string(),
        cell: z.string(),
        key: z.string().regex(/^[0-9a-f]{64}$/),
        cost: z.number().nonnegative(),
        basis: z.enum(['measured', 'estimated', 'relative']),
      }),
    ),
  })
  .strict();

export function writePlanFile(file: string, plan: PlanFile): void {
  writeFileAtomic(file, `${JSON.stringify(plan, null, 1)}\n`);
}

export function readPlanFile(file: string): PlanFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ExperimentError(`plan file ${file}: cannot be read as JSON (${(err as Error).message})`);
  }
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) throw new ExperimentError(`plan file ${file}: ${describeIssues(parsed.error)}`);
  return parsed.data as PlanFile;
}

/** The pending cells of `plans`, costed from the store's history (cost.ts). */
export function makePlanFile(plans: PlannedExperiment[], store: ResultsStore, fingerprint: Fingerprint, profile: string): PlanFile {
  const todo = pendingCells(plans);
  const costs = estimateCosts(
    todo.map(({ p, c }) => ({ experiment: p.exp.def.id, profile, cell: c.spec, estimate: p.exp.def.cost })),
    (experiment) => store.cellEntries(experiment),
  );
  return {
    format: 1,
    createdAt: new Date().toISOString(),
    profile,
    experiments: plans.map((p) => p.exp.def.id),
    fingerprint,
    cells: todo.map(({ c }, i) => ({ ...costs[i], key: c.key })),
  };
}
