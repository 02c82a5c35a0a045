/**
 * Build-time side of "Train your own" (./TrainOwn.astro): for a page of
 * ./trainOwnSpec.ts, the catalog the island reads when opened
 * (/train-own/<page>.json, src/pages/train-own/[page].json.ts): the stored
 * cells of the page's phase diagram and of the figure with stored neuron
 * scatters (their points, widths, seeds, scalar results and keys), the S
 * values of the phase diagram, and the parameters the trained experiment's
 * cells share (its protocol, …), so that a reader's point is a cell of that
 * experiment. Each listed cell's stored entry is served as
 * /train-own/cells/<key>.json for the island to compare against and to draw.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedFigure } from '../pipeline/manifest';
import { href } from './links';
import type { StoredCell } from './rerun';
import { choiceKey, TRAIN_OWN, type TrainOwnSpec } from './trainOwnSpec';

export interface CatalogCell {
  /** the figure whose provenance lists the cell, and its experiment */
  figure: string;
  experiment: string;
  profile: string;
  id: string;
  key: string;
  seed: number;
  m: number;
  /** the cell's coordinates on the page's axes (TrainOwnSpec.axes) */
  point: Record<string, number>;
  /** its values of the page's choices (TrainOwnSpec.choices: chen2024's network), as choiceKey writes them; '' without choices */
  choice: string;
  /** the result's scalar fields */
  fields: Record<string, number | string | boolean | null>;
  /** the stored result has a neuron scatter and an output curve (chen2024: its first layer's rows at the exit) */
  drawn: boolean;
  computeSeconds: number;
  /** the stored entry (key, digest, inputs, result) */
  entry: string;
}

export interface PhasePoint {
  point: Record<string, number>;
  /** S values (label → value, null when not fitted) */
  s: Record<string, number | null>;
}

export interface TrainOwnCatalog {
  page: string;
  experiment: string;
  profile: string;
  /** parameters of the trained experiment's cells other than the axes and m (those of the form's starting choice) */
  template: Record<string, unknown>;
  /** the same for each choice offered (choiceKey → parameters, the choice's own among them); one entry '' without choices */
  templates: Record<string, Record<string, unknown>>;
  phase: { figure: string; title: string; anchor: string; runs: string; points: PhasePoint[] };
  stored: { figure: string; anchor: string };
  cells: CatalogCell[];
}

function readEntry(figure: LoadedFigure, file: string, root: string): StoredCell {
  const full = path.join(root, file);
  if (!existsSync(full)) throw new Error(`figure "${figure.provenance.figure}": its cell ${file} is gone from the results store: run \`npm run experiments\``);
  const { key, digest, inputs, result } = JSON.parse(readFileSync(full, 'utf8'));
  return { key, digest, inputs, result };
}

/** S values at the points of a page's phase diagram, from the figure's rows. */
function phasePoints(spec: TrainOwnSpec, figure: LoadedFigure): PhasePoint[] {
  const rows = figure.data.rows as Record<string, number | string | null>[];
  if (spec.page === 'luo2021') {
    return rows
      .filter((r) => r.mark === 'cell')
      .map((r) => ({ point: { gamma: r.gamma as number, gammaPrime: r.gamma_prime as number }, s: { 'S(w)': r.s_w as number | null } }));
  }
  if (spec.page === 'zhou2022') {
    return rows
      .filter((r) => r.mark === 'point')
      .map((r) => ({
        point: { gamma2: r.gamma2 as number, gamma3: r.gamma3 as number },
        s: { 'S(W¹)': r.s_w1 as number | null, 'S(W²)': r.s_w2 as number | null },
      }));
  }
  // chen2024: no phase diagram (one axis, ε); the exit times are the cells' own fields
  if (spec.page === 'chen2024') return [];
  throw new Error(`train your own: no phase-diagram reader for page ${spec.page} (src/components/trainOwn.ts)`);
}

const scalar = (v: unknown): v is number | string | boolean | null => v === null || ['number', 'string', 'boolean'].includes(typeof v);

/** The catalog's cells and the entries behind them, of a page, from the built figures. */
export function trainOwnCells(spec: TrainOwnSpec, figures: LoadedFigure[], root = process.cwd()): { cell: CatalogCell; entry: StoredCell }[] {
  const out = new Map<string, { cell: CatalogCell; entry: StoredCell }>();
  // the phase diagram's cells first: a cell of both figures is listed as the phase diagram's
  for (const id of [spec.phaseFigure, spec.storedFigure]) {
    const figure = figures.find((f) => f.provenance.figure === id);
    if (!figure) continue;
    for (const c of figure.provenance.cells) {
      if (out.has(c.key)) continue;
      const entry = readEntry(figure, c.file, root);
      const params = entry.inputs.cell.params as Record<string, unknown>;
      const result = entry.result as Record<string, unknown>;
      const point = Object.fromEntries(spec.axes.map((a) => [a.param, params[a.param] as number]));
      if (spec.axes.some((a) => typeof point[a.param] !== 'number') || typeof params.m !== 'number') continue;
      if ((spec.choices ?? []).some((ch) => !ch.options.some((o) => o.value === params[ch.param]))) continue;
      out.set(c.key, {
        entry,
        cell: {
          figure: id,
          experiment: entry.inputs.experiment,
          profile: entry.inputs.profile,
          id: c.id,
          key: c.key,
          seed: c.seed,
          m: params.m,
          point,
          choice: choiceKey(spec, params),
          fields: Object.fromEntries(Object.entries(result).filter(([, v]) => scalar(v))) as CatalogCell['fields'],
          drawn: (!!result.curve && !!(result.scatter || result.final)) || !!result.firstLayer,
          computeSeconds: c.computeSeconds,
          entry: href(`train-own/cells/${c.key}.json`),
        },
      });
    }
  }
  return [...out.values()];
}

/** The catalog of a page, or null when the build has not the page's figures. */
export function trainOwnCatalog(page: string, figures: LoadedFigure[], root = process.cwd()): TrainOwnCatalog | null {
  const spec = TRAIN_OWN[page];
  if (!spec) throw new Error(`train your own: page ${page} is not in TRAIN_OWN (src/components/trainOwnSpec.ts)`);
  const phase = figures.find((f) => f.provenance.figure === spec.phaseFigure);
  if (!phase) return null;
  const cells = trainOwnCells(spec, figures, root);
  const own = cells.filter((c) => c.cell.experiment === spec.experiment);
  if (own.length === 0) return null;
  // per choice, a detail cell (zhou2022-grid: scatter and output recorded) if there is one: the reader's runs record them too
  const templates: Record<string, Record<string, unknown>> = {};
  let profile = '';
  for (const key of [...new Set(own.map((c) => c.cell.choice))]) {
    const mine = own.filter((c) => c.cell.choice === key);
    const model = mine.find((c) => (c.entry.inputs.cell.params as Record<string, unknown>).detail === true) ?? mine[0];
    const params = model.entry.inputs.cell.params as Record<string, unknown>;
    templates[key] = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'm' && !spec.axes.some((a) => a.param === k)));
    profile ||= model.cell.profile;
  }
  const template = templates[choiceKey(spec, spec.start)] ?? Object.values(templates)[0];
  return {
    page,
    experiment: spec.experiment,
    profile,
    template,
    templates,
    phase: {
      figure: spec.phaseFigure,
      title: phase.provenance.title,
      anchor: `#figure-${spec.phaseFigure}`,
      runs: href(`data/runs/${spec.phaseFigure}.csv`),
      points: phasePoints(spec, phase),
    },
    stored: { figure: spec.storedFigure, anchor: `#figure-${spec.storedFigure}` },
    cells: cells.map((c) => c.cell),
  };
}
