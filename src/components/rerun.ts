/**
 * Build-time side of "Re-run in your browser": for a figure, which of its
 * cells the reader can re-run and, for the others, why not; and the stored
 * entry of each eligible cell (inputs, result, digest, key), served as
 * /rerun/<figure>/<key>.json for the island to compare against
 * (src/pages/rerun/[...cell].json.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CellInputs } from '../pipeline/keys';
import type { LoadedFigure } from '../pipeline/manifest';
import { isRerunnable, RERUN_MAX_SECONDS } from './rerunnable';

export interface RerunCell {
  id: string;
  key: string;
  seed: number;
  computeSeconds: number;
}

export interface RerunPlan {
  experiment: string;
  profile: string;
  /** cells the reader can re-run, in the figure's cell order */
  eligible: RerunCell[];
  /** the others, each with why */
  ineligible: { id: string; reason: string }[];
  maxSeconds: number;
}

/** A stored cell entry as the island reads it. */
export interface StoredCell {
  key: string;
  digest: string;
  inputs: CellInputs;
  result: unknown;
}

function readEntry(figure: LoadedFigure, file: string, root: string): StoredCell {
  const full = path.join(root, file);
  if (!existsSync(full)) throw new Error(`figure "${figure.provenance.figure}": its cell ${file} is gone from the results store: run \`npm run experiments\``);
  const { key, digest, inputs, result } = JSON.parse(readFileSync(full, 'utf8'));
  return { key, digest, inputs, result };
}

const plans = new Map<string, RerunPlan | null>();

/**
 * The re-run plan of a figure, or null when its experiment is not declared
 * re-runnable (./rerunnable.ts) or none of its cells is eligible. `root`: the
 * project root, where the results store is (Astro builds from it).
 */
export function rerunPlan(figure: LoadedFigure, root = process.cwd()): RerunPlan | null {
  const p = figure.provenance;
  const cacheKey = `${root}\0${p.figure}\0${p.aggregateKey}`;
  const cached = plans.get(cacheKey);
  if (cached !== undefined) return cached;
  let plan: RerunPlan | null = null;
  if (isRerunnable(p.experiment)) {
    plan = { experiment: p.experiment, profile: p.profile, eligible: [], ineligible: [], maxSeconds: RERUN_MAX_SECONDS };
    for (const c of p.cells) {
      const { inputs } = readEntry(figure, c.file, root);
      const reason =
        inputs.data.length > 0
          ? `reads data files (${inputs.data.map((d) => d.file).join(', ')})`
          : inputs.backend !== null
            ? `trains with TensorFlow.js (${inputs.backend} backend)`
            : inputs.parent
              ? 'continues from the saved state of another cell'
              : c.computeSeconds > RERUN_MAX_SECONDS
                ? `took ${c.computeSeconds.toFixed(1)} s to compute (limit ${RERUN_MAX_SECONDS} s)`
                : null;
      if (reason) plan.ineligible.push({ id: c.id, reason });
      else plan.eligible.push({ id: c.id, key: c.key, seed: c.seed, computeSeconds: c.computeSeconds });
    }
    if (plan.eligible.length === 0) plan = null;
  }
  plans.set(cacheKey, plan);
  return plan;
}

/** The stored entries of a figure's eligible cells. */
export function rerunEntries(figure: LoadedFigure, root = process.cwd()): StoredCell[] {
  const plan = rerunPlan(figure, root);
  if (!plan) return [];
  const eligible = new Set(plan.eligible.map((c) => c.key));
  return figure.provenance.cells.filter((c) => eligible.has(c.key)).map((c) => readEntry(figure, c.file, root));
}
