/**
 * Tooltips for the marks that carry no <title>: the dense scatters (neuron
 * features) and the similarity heatmaps, whose thousands of elements would
 * make the page heavy with a <title> each. Loaded by ./tips.ts the first
 * time a reader points at such a chart: the figure's data download
 * (data/<figure>.json) is fetched, its panels are drawn again in the
 * browser by the same view (src/figures/<id>.ts) with Observable Plot, with
 * Plot's pointer tip on each of those marks (it shows the values of the
 * nearest element: its position, colour and size channels), and the charts
 * replace the static ones, named as they were.
 */
import * as Plot from '@observablehq/plot';
import { svgMath } from '../../figures/shared/mathLabel.js';
import type { FigureView } from '../../figures/types.js';

const views = import.meta.glob<{ figure: FigureView }>(['../../figures/*.ts', '!../../figures/render.ts', '!../../figures/types.ts']);

/** The marks that get a pointer tip when they have no title channel (Plot's aria-label of the mark). */
export const TIP_MARKS = new Set(['dot', 'rect', 'cell', 'bar', 'image']);

interface PlotMark {
  ariaLabel?: string;
  /** a constant fill ('none' for a frame) */
  fill?: unknown;
  channels?: Record<string, unknown>;
  data?: ArrayLike<unknown> | null;
  tip?: unknown;
}

function* flatMarks(marks: unknown): Generator<PlotMark> {
  if (Array.isArray(marks)) for (const m of marks) yield* flatMarks(m);
  else if (marks && typeof marks === 'object') yield marks as PlotMark;
}

/** As the build's staticSvg (src/figures/render.ts): marks named by data-mark, not aria-label (not allowed on a <g> without a role). */
function unlabelGroups(root: Element): void {
  for (const g of root.querySelectorAll('g[aria-label]')) {
    g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
    g.removeAttribute('aria-label');
    g.removeAttribute('aria-description');
  }
}

/** Draws the figure's panels again with pointer tips on its untitled marks; resolves when they are in place. */
export async function redraw(figure: HTMLElement): Promise<void> {
  const id = figure.dataset.figure ?? '';
  const load = views[`../../figures/${id}.ts`];
  const url = figure.dataset.json;
  if (!load || !url) return;
  const [module, json] = await Promise.all([
    load(),
    fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json() as Promise<{ rows: never[]; values?: Record<string, never> }>;
    }),
  ]);
  const panels = module.figure.panels({ rows: json.rows, values: json.values ?? {} });
  const elements = [...figure.querySelectorAll<HTMLElement>('.panels > .panel')];
  panels.forEach((panel, k) => {
    const el = elements[k];
    const old = el?.querySelector(':scope > svg, :scope > figure');
    if (!el || !old) return;
    let tips = 0;
    for (const mark of flatMarks(panel.options.marks)) {
      const frame = mark.ariaLabel !== 'dot' && mark.fill === 'none' && !mark.channels?.fill;
      if (TIP_MARKS.has(mark.ariaLabel ?? '') && !frame && !mark.channels?.title && (mark.data?.length ?? 0) > 0) {
        mark.tip = {};
        tips++;
      }
    }
    if (!tips) return;
    const chart = Plot.plot(panel.options) as unknown as Element;
    const oldSvgs = [...(old.matches('svg') ? [old] : old.querySelectorAll('svg'))];
    const newSvgs = [...(chart.matches('svg') ? [chart] : chart.querySelectorAll('svg'))];
    newSvgs.forEach((svg, i) => {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', oldSvgs[i]?.getAttribute('aria-label') ?? oldSvgs[0]?.getAttribute('aria-label') ?? 'chart');
    });
    const asBuilt = () => {
      unlabelGroups(chart);
      svgMath(chart);
    };
    asBuilt();
    // Plot draws a tip anew on every pointer move, labelled again and with the scales' $…$ labels: keep the charts as the build made them
    new MutationObserver(asBuilt).observe(chart, { childList: true, subtree: true });
    old.replaceWith(chart);
  });
}
