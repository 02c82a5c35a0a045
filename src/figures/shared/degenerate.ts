/**
 * How every figure draws degenerate runs (issue 11; the rows' `degenerate`
 * field, experiments/shared/degenerate.ts): a point is a grey hollow circle
 * crossed by ×, a heatmap cell is hatched grey with a ×; their <title> says
 * why. The caption counts them from the figure's values (degenerateCaption,
 * used by src/components/Figure.astro), with the same mark as its legend entry.
 */
import * as Plot from '@observablehq/plot';
import type { Panel } from '../types.js';
import { hatchPattern } from './gridCells.js';

/** Grey of the degenerate marks. */
export const DEGENERATE_STROKE = '#555';

/** A row of a run (or of a point drawn from runs) that may be degenerate. */
export interface MaybeDegenerate {
  degenerate?: string | null;
}

/** Whether a row is of a degenerate run. */
export const isDegenerate = (row: MaybeDegenerate): boolean => row.degenerate !== undefined && row.degenerate !== null;

/** The rows of clean runs. */
export const cleanRows = <T extends MaybeDegenerate>(rows: readonly T[]): T[] => rows.filter((r) => !isDegenerate(r));

type Channel<T> = string | ((row: T) => unknown);

/** Tooltip of a degenerate row: the row's own text, then why it is degenerate. */
function degenerateTitle<T extends MaybeDegenerate>(title?: (row: T) => string) {
  return (row: T) => `${title ? `${title(row)}\n` : ''}degenerate run: ${row.degenerate}; left out of fits and means`;
}

/**
 * Degenerate points of a scatter or line chart, drawn where the point would be:
 * a white-filled grey circle crossed by ×. Draw them after the clean points.
 * Without `y` (a run with no value to plot, e.g. one that never left its
 * plateau), the points sit at the top of the frame.
 */
export function degenerateDots<T extends MaybeDegenerate>(
  rows: readonly T[],
  opts: { x: Channel<T>; y?: Channel<T>; r?: number; title?: (row: T) => string; fx?: Channel<T>; fy?: Channel<T> },
): Plot.Markish[] {
  const bad = rows.filter(isDegenerate);
  const { r = 5, title, ...channels } = opts;
  const anchor = channels.y === undefined ? { frameAnchor: 'top' as const, dy: r + 1 } : {};
  const common = { ...channels, ...anchor, r, stroke: DEGENERATE_STROKE, strokeWidth: 1.5, title: degenerateTitle(title) };
  return [Plot.dot(bad, { ...common, fill: 'white' }), Plot.dot(bad, { ...common, symbol: 'times' })];
}

/**
 * Degenerate cells of a heatmap on band scales (Plot.cell): hatched grey with a ×.
 * `id` names the hatch pattern and must be unique on the page (one per panel).
 */
export function degenerateCells<T extends MaybeDegenerate>(
  rows: readonly T[],
  id: string,
  opts: { x: Channel<T>; y: Channel<T>; inset?: number; title?: (row: T) => string },
): Plot.Markish[] {
  const bad = rows.filter(isDegenerate);
  const { inset = 0.5, title, x, y } = opts;
  const t = degenerateTitle(title);
  return [
    hatchPattern(id),
    Plot.cell(bad, { x, y, inset, fill: `url(#${id})`, title: t }),
    Plot.text(bad, { x, y, text: () => '×', fill: DEGENERATE_STROKE, fontSize: 14, title: t }),
  ];
}

/**
 * Degenerate cells of a heatmap with continuous extents (Plot.rect): hatched grey with a ×
 * at (x, y). `id` names the hatch pattern and must be unique on the page.
 */
export function degenerateRects<T extends MaybeDegenerate>(
  rows: readonly T[],
  id: string,
  opts: { x1: Channel<T>; x2: Channel<T>; y1: Channel<T>; y2: Channel<T>; x: Channel<T>; y: Channel<T>; title?: (row: T) => string },
): Plot.Markish[] {
  const bad = rows.filter(isDegenerate);
  const { title, x, y, ...extent } = opts;
  const t = degenerateTitle(title);
  return [
    hatchPattern(id),
    Plot.rect(bad, { ...extent, fill: `url(#${id})`, title: t }),
    Plot.text(bad, { x, y, text: () => '×', fill: DEGENERATE_STROKE, fontSize: 14, title: t }),
  ];
}

/**
 * A × at each point or cell that holds degenerate runs but still has a value (fitted from its
 * clean runs): the mark that its value leaves runs out. Draw it over the cell.
 */
export function degenerateCross<T extends MaybeDegenerate>(
  rows: readonly T[],
  opts: { x: Channel<T>; y: Channel<T>; title?: (row: T) => string },
): Plot.Markish {
  return Plot.text(rows.filter(isDegenerate), {
    x: opts.x,
    y: opts.y,
    text: () => '×',
    fill: DEGENERATE_STROKE,
    fontSize: 14,
    title: degenerateTitle(opts.title),
  });
}

/**
 * A panel that shows one run, marked when the run is degenerate: hatched behind its marks, the
 * reason written at its top and in its title. `id` names the hatch pattern (unique on the page).
 */
export function markDegeneratePanel(panel: Panel, reason: string | null | undefined, id: string): Panel {
  if (reason === null || reason === undefined || reason === '') return panel;
  const marks = panel.options.marks ?? [];
  return {
    title: `${panel.title ? `${panel.title} ` : ''}(degenerate run: ${reason})`,
    options: {
      ...panel.options,
      marks: [
        hatchPattern(id),
        Plot.frame({ fill: `url(#${id})`, stroke: DEGENERATE_STROKE }),
        ...marks,
        Plot.text([`× degenerate: ${reason}`], {
          frameAnchor: 'top',
          dy: 4,
          fill: DEGENERATE_STROKE,
          fontSize: 11,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        }),
      ],
    },
  };
}

/** The values a figure's caption counts (experiments/shared/degenerate.ts degenerateValues). */
export interface DegenerateCounts {
  runs_total: number;
  degenerate_runs: number;
  degenerate_reasons: string;
}

/** Whether a figure's values carry the run counts. */
export function hasDegenerateCounts(values: unknown): values is DegenerateCounts {
  if (typeof values !== 'object' || values === null) return false;
  const v = values as Record<string, unknown>;
  return typeof v.runs_total === 'number' && typeof v.degenerate_runs === 'number' && typeof v.degenerate_reasons === 'string';
}

/**
 * How a figure draws its degenerate runs: as points (degenerateDots), as heatmap cells (degenerateCells,
 * degenerateRects, degenerateCross), as the panels that show them (markDegeneratePanel), or named in a table's column.
 */
export type DegenerateMark = 'point' | 'cell' | 'panel' | 'table';

/** An inline SVG of the degenerate mark, the caption's legend entry. */
export function degenerateSwatch(mark: Exclude<DegenerateMark, 'table'>): string {
  const cross = `<path d="M5 5L11 11M11 5L5 11" stroke="${DEGENERATE_STROKE}" stroke-width="1.5"/>`;
  const body =
    mark === 'point'
      ? `<circle cx="8" cy="8" r="5" fill="white" stroke="${DEGENERATE_STROKE}" stroke-width="1.5"/>${cross}`
      : `<rect x="1" y="1" width="14" height="14" fill="#ededed" stroke="#a0a0a0"/><path d="M1 6L6 1M1 11L11 1M1 15L15 1M5 15L15 5M10 15L15 10" stroke="#a0a0a0" stroke-width="1.2"/>${cross}`;
  return `<svg class="degenerate-swatch" width="16" height="16" viewBox="0 0 16 16" role="img" aria-label="degenerate run mark" style="vertical-align: -3px">${body}</svg>`;
}

const runsWord = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

/**
 * The caption's sentence on degenerate runs, as HTML, from the figure's values; undefined for a figure
 * not drawn from runs. With none: "All N runs clean (none stopped at step 0, …)." With some: the mark,
 * "k of N runs degenerate (reasons): drawn so, left out of fits and means."
 */
export function degenerateCaption(values: unknown, mark: DegenerateMark = 'point'): string | undefined {
  if (!hasDegenerateCounts(values)) return undefined;
  const { runs_total: n, degenerate_runs: k, degenerate_reasons: reasons } = values;
  if (k === 0) {
    return `${n === 1 ? 'The run is' : `All ${runsWord(n)} are`} clean: none stopped at step 0, diverged, stalled at the step cap or moved below float32 resolution.`;
  }
  const drawn = {
    point: 'drawn as crossed circles',
    cell: 'marked × in their cells (hatched where no value is left)',
    panel: 'their panels hatched',
    table: 'named in the table',
  }[mark];
  return `${mark === 'table' ? '' : `${degenerateSwatch(mark)} `}${k} of ${runsWord(n)} degenerate (${reasons}): ${drawn} and left out of fits and means.`;
}
