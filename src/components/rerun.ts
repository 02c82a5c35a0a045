/**
 * Build-time side of "Re-run in your browser": for a figure, which of its
 * cells the reader can re-run and, for the others, why not (or, when its
 * experiment's code cannot run in a browser, why); which of them the panel
 * offers (./FigureRerun.astro); and the stored entry of each offered cell
 * (inputs, result, digest, key), served as /rerun/<experiment>/<key>.json
 * for the island to compare against (src/pages/rerun/[experiment]/[key].json.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CellInputs } from '../pipeline/keys';
import type { LoadedFigure } from '../pipeline/manifest';
import { isRerunnable, NOT_RERUNNABLE, RERUN_ALL_MAX_SECONDS, RERUN_MAX_LISTED, RERUN_MAX_SECONDS, RERUN_SAMPLE } from './rerunnable';

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
  /** the others, each with why (and, for those too slow, their stored compute time) */
  ineligible: { id: string; reason: string; computeSeconds?: number }[];
  maxSeconds: number;
  /** set when no cell of the experiment can run in a browser: why (its code reads files or trains with TensorFlow.js) */
  unavailable?: string;
}

/** What the panel offers of a plan's eligible cells. */
export interface RerunOffer {
  /** one by one: every eligible cell, or RERUN_MAX_LISTED of them evenly spread over the figure's cell order */
  listed: RerunCell[];
  /** a sample fixed by the store (the RERUN_SAMPLE eligible cells with the smallest keys: SHA-256, as good as random), in cell order; [] when there are no more eligible cells than that */
  sample: RerunCell[];
  /** every eligible cell, when there are several and their stored compute times add up to at most RERUN_ALL_MAX_SECONDS; else [] */
  all: RerunCell[];
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

/** The reason of the cells that took longer than RERUN_MAX_SECONDS. */
const SLOW = `took more than ${RERUN_MAX_SECONDS} s to compute`;

/**
 * The ineligible cells of a plan grouped by reason, in order of first
 * appearance, each cell as its id (with its compute time when too slow): one
 * line per reason keeps the page short where a figure has many.
 */
export function ineligibleGroups(plan: RerunPlan): { reason: string; cells: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const c of plan.ineligible) {
    const cells = groups.get(c.reason) ?? [];
    cells.push(c.computeSeconds === undefined ? c.id : `${c.id} (${c.computeSeconds.toFixed(1)} s)`);
    groups.set(c.reason, cells);
  }
  return [...groups].map(([reason, cells]) => ({ reason, cells }));
}

/**
 * The re-run plan of a figure, or null when its experiment is in neither list
 * of ./rerunnable.ts. An experiment declared not re-runnable gets a plan with
 * no cells and `unavailable` set; a re-runnable one whose cells are all
 * ineligible, a plan with no eligible cell (the panel names them, with why).
 * `root`: the project root, where the results store is (Astro builds from it).
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
              : null;
      if (reason) plan.ineligible.push({ id: c.id, reason });
      else if (c.computeSeconds > RERUN_MAX_SECONDS) plan.ineligible.push({ id: c.id, reason: SLOW, computeSeconds: c.computeSeconds });
      else plan.eligible.push({ id: c.id, key: c.key, seed: c.seed, computeSeconds: c.computeSeconds });
    }
  } else if (Object.hasOwn(NOT_RERUNNABLE, p.experiment)) {
    plan = {
      experiment: p.experiment,
      profile: p.profile,
      eligible: [],
      ineligible: [],
      maxSeconds: RERUN_MAX_SECONDS,
      unavailable: NOT_RERUNNABLE[p.experiment],
    };
  }
  plans.set(cacheKey, plan);
  return plan;
}

/** The cells the panel of a plan offers: listed one by one, as a sample, and all together. */
export function rerunOffer(plan: RerunPlan): RerunOffer {
  const n = plan.eligible.length;
  const listed =
    n <= RERUN_MAX_LISTED ? plan.eligible : Array.from({ length: RERUN_MAX_LISTED }, (_, i) => plan.eligible[Math.floor((i * n) / RERUN_MAX_LISTED)]);
  const sampled = new Set(
    plan.eligible
      .map((c) => c.key)
      .sort()
      .slice(0, RERUN_SAMPLE),
  );
  const sample = n > RERUN_SAMPLE ? plan.eligible.filter((c) => sampled.has(c.key)) : [];
  const total = plan.eligible.reduce((sum, c) => sum + c.computeSeconds, 0);
  const all = n > 1 && total <= RERUN_ALL_MAX_SECONDS ? plan.eligible : [];
  return { listed, sample, all };
}

/** The stored entries of the cells a figure's panel offers (the only ones the island can ask for). */
export function rerunEntries(figure: LoadedFigure, root = process.cwd()): StoredCell[] {
  const plan = rerunPlan(figure, root);
  if (!plan) return [];
  const { listed, sample, all } = rerunOffer(plan);
  const offered = new Set([...listed, ...sample, ...all].map((c) => c.key));
  return figure.provenance.cells.filter((c) => offered.has(c.key)).map((c) => readEntry(figure, c.file, root));
}
