/**
 * Build-time rendering of Plot charts to SVG markup, with linkedom standing
 * in for the browser's document. The same Plot options render in the browser.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { svgMath } from './shared/mathLabel.js';
import type { LegendOptions, Panel } from './types.js';

/**
 * linkedom has no canvas. Plot draws continuous colour ramps pixel by pixel
 * on a 1-pixel-high canvas (fillStyle, fillRect(i, 0, 1, 1)) and embeds
 * canvas.toDataURL() as an image: give it a canvas that records those pixels
 * and returns them as an SVG data URL (a gradient through every RAMP_STEP-th
 * pixel for long ramps).
 */
/** Pixels between the stops of a colour ramp's gradient (see documentWithCanvas). */
const RAMP_STEP = 4;

function documentWithCanvas(): Document {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const create = document.createElement.bind(document);
  document.createElement = ((name: string, options?: ElementCreationOptions) => {
    const element = create(name, options) as HTMLElement & Record<string, unknown>;
    if (name.toLowerCase() !== 'canvas') return element;
    const pixels: string[] = [];
    let fillStyle = '#000';
    const context = {
      get fillStyle() {
        return fillStyle;
      },
      set fillStyle(v: string) {
        fillStyle = v;
      },
      fillRect: (x: number) => {
        pixels[x] = fillStyle;
      },
    };
    element.getContext = () => context;
    element.toDataURL = () => {
      // a ramp of many pixels is drawn as a gradient through every RAMP_STEP-th pixel (and the last): the colour
      // schemes are smooth, so this looks the same at a few percent of the bytes; short ramps stay pixel by pixel
      if (pixels.length > 4 * RAMP_STEP) {
        const at = pixels.flatMap((fill, x) => (x % RAMP_STEP === 0 || x === pixels.length - 1 ? [[x, fill] as const] : []));
        const stops = at.map(([x, fill]) => `<stop offset="${((x + 0.5) / pixels.length).toFixed(4)}" stop-color="${fill}"/>`).join('');
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${pixels.length} 1" preserveAspectRatio="none"><linearGradient id="r">${stops}</linearGradient><rect width="${pixels.length}" height="1" fill="url(#r)"/></svg>`;
        return `data:image/svg+xml;base64,${btoa(svg)}`;
      }
      const rects = pixels.map((fill, x) => `<rect x="${x}" width="1.5" height="1" fill="${fill}"/>`).join('');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${pixels.length} 1" preserveAspectRatio="none">${rects}</svg>`;
      return `data:image/svg+xml;base64,${btoa(svg)}`;
    };
    return element;
  }) as Document['createElement'];
  return document as unknown as Document;
}

/** Geometry attributes: their numbers are rounded to 0.1 px (charts are drawn at 1:1 or smaller), which shrinks the inline SVG and changes nothing visible. */
const GEOMETRY = /\s(d|x|y|cx|cy|x1|x2|y1|y2|width|height|transform|points|r)="([^"]*)"/g;
const roundNumbers = (value: string) => value.replace(/-?\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10));

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Markup of a chart for a static page:
 * - each <svg> is one image for assistive technology (role="img", named by
 *   `label`); the aria-label/aria-description that Plot puts on its <g>
 *   groups are removed (not allowed on a <g> without a role, and meaningless
 *   once the chart is one image). Values stay reachable as SVG <title>
 *   tooltips (set through `title` channels; Plot's `tip` needs a script and
 *   suppresses <title>, so views do not use it) and in the figure's data table.
 * - geometry rounded as above.
 */
export function staticSvg(markup: string, label: string): string {
  return dedupePatterns(stripMarkAria(markup))
    .replace(/<svg\b(?![^>]*\brole=)/g, `<svg role="img" aria-label="${escapeAttribute(label)}"`)
    .replace(GEOMETRY, (_, name: string, value: string) => ` ${name}="${roundNumbers(value)}"`);
}

/**
 * The aria-label/aria-description that Plot puts on its marks' elements (a <g>, or the <rect> of a
 * frame) become data-mark: ARIA names are not allowed on elements without a role.
 */
function stripMarkAria(markup: string): string {
  return markup
    .replace(/(<(?!svg\b)[a-z]+\b[^>]*?)\s+aria-description="[^"]*"/g, '$1')
    .replace(/(<(?!svg\b)[a-z]+\b[^>]*?)\s+aria-label="([^"]*)"/g, '$1 data-mark="$2"');
}

/** A <pattern> defined again under the same id (a pattern mark drawn in every facet) is dropped: ids are unique in a page. */
function dedupePatterns(markup: string): string {
  const seen = new Set<string>();
  return markup.replace(/<pattern\b[^>]*\bid="([^"]*)"[^>]*>[\s\S]*?<\/pattern>/g, (whole, id: string) => {
    if (seen.has(id)) return '';
    seen.add(id);
    return whole;
  });
}

/** Dot marks are decimated in groups of at least this many marks (sparse scatters are left as they are). */
export const DECIMATE_FROM = 150;

/** Where a dot mark is drawn, in its group's coordinates: a circle's centre, or a symbol's translate(). */
function markPosition(mark: Element): [number, number] | undefined {
  if (mark.tagName.toLowerCase() === 'circle') {
    const x = Number(mark.getAttribute('cx'));
    const y = Number(mark.getAttribute('cy'));
    return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : undefined;
  }
  const m = /^translate\(\s*(-?[\d.e+-]+)[\s,]+(-?[\d.e+-]+)\s*\)$/.exec(mark.getAttribute('transform') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Deterministic decimation of dense scatters, at build time: in each Plot `dot` mark
 * of at least DECIMATE_FROM marks (over all its facets), marks of one facet
 * whose positions fall in the same `cell`×`cell` pixel square and that look
 * the same (every attribute but the position: radius, fill, stroke, opacity)
 * are drawn once: the last one, which the browser draws on top of the others
 * and whose <title> tooltip is the one a reader could hover. Marks of other
 * colours in the same square are kept. At 1 px (positions move by less than
 * half a pixel) the drawing differs only where semi-transparent marks piled
 * up. The figure's data (table, JSON, CSV) keep every row. Returns the marks
 * drawn and the marks there were; each decimated <svg> says both in
 * data-marks-drawn / data-marks-total.
 */
export function decimateDots(chart: Element, cell = 1): { drawn: number; total: number } {
  let drawn = 0;
  let total = 0;
  for (const svg of [chart, ...chart.querySelectorAll('svg')].filter((e) => e.tagName.toLowerCase() === 'svg')) {
    let svgDrawn = 0;
    let svgTotal = 0;
    for (const group of svg.querySelectorAll('g[aria-label="dot"]')) {
      // the marks of one dot mark, in one parent per facet (positions are in the parent's coordinates)
      const parents = new Set<Element>();
      for (const mark of group.querySelectorAll('circle, path')) if (mark.parentElement) parents.add(mark.parentElement);
      const marksOf = (parent: Element) => [...parent.children].filter((e) => /^(circle|path)$/i.test(e.tagName));
      const before = [...parents].reduce((k, parent) => k + marksOf(parent).length, 0);
      svgTotal += before;
      if (before < DECIMATE_FROM) {
        svgDrawn += before;
        continue;
      }
      for (const parent of parents) {
        const top = new Map<string, Element>();
        for (const mark of marksOf(parent)) {
          const at = markPosition(mark);
          if (!at) continue;
          const looks = [...mark.attributes]
            .filter((a) => !/^(cx|cy|transform)$/.test(a.name))
            .map((a) => `${a.name}=${a.value}`)
            .sort()
            .join(' ');
          const key = `${Math.round(at[0] / cell)}|${Math.round(at[1] / cell)}|${looks}`;
          top.get(key)?.remove();
          top.set(key, mark);
        }
        svgDrawn += marksOf(parent).length;
      }
    }
    if (svgDrawn < svgTotal) {
      svg.setAttribute('data-marks-drawn', String(svgDrawn));
      svg.setAttribute('data-marks-total', String(svgTotal));
    }
    drawn += svgDrawn;
    total += svgTotal;
  }
  return { drawn, total };
}

export function renderPanel(panel: Panel, label = panel.title ?? 'chart'): string {
  const chart = Plot.plot({ ...panel.options, document: documentWithCanvas() } as Plot.PlotOptions);
  svgMath(chart as unknown as Element);
  decimateDots(chart as unknown as Element);
  return staticSvg((chart as unknown as { outerHTML: string }).outerHTML, label);
}

/**
 * A dot, rect or cell mark with at least this many marks (after decimation) and no tooltips is drawn from a file of its own
 * (see layeredPanel). 200: the scatters of zhou2022 Fig. 2 (five groups of 220 to 500 dots after decimation, 2,500 elements in
 * all) and of luo2021 and chen2024 are layers; at 500 they were inline, a ninth of /zhou2022/'s elements.
 */
export const LAYER_FROM = 200;
const LAYERED_MARKS = ['dot', 'rect', 'cell'];

/** A chart whose dense marks are drawn from files of their own: `markup` (before staticSvg) and the files' SVG. */
export interface LayeredPanel {
  markup: string;
  /** Standalone SVG of each dense mark, in the chart's coordinates; markup refers to layer j by `href(j)`. */
  layers: string[];
}

/**
 * A chart for the page, its dense scatters and heatmaps kept out of the
 * page's HTML: each dot, rect or cell mark of at least LAYER_FROM marks
 * (after decimateDots) that carries no <title> tooltips (those stay on the
 * page, for the reader to hover) moves into a standalone SVG file, drawn in its place by an HTML
 * <img loading="lazy"> in a <foreignObject> covering the chart (same viewBox: an SVG <image> would be
 * fetched with the page, competing with it, where a lazy <img> waits until the reader scrolls near
 * it), so it keeps its place among the other marks; axes,
 * text, frames and sparse marks stay inline (vector, with their <title>
 * tooltips). The page then holds a few hundred elements for such a chart
 * instead of thousands, and the browser caches the layer. `href(j)` is the
 * file the <img> draws (the site draws a raster of the SVG: see
 * src/pages/layers/), `source(j)`, when given, the SVG's own file (the
 * group's `data-layer-svg`). Deterministic:
 * the page and the route serving the layers (src/pages/layers/) render the
 * same files.
 */
export function layeredPanel(panel: Panel, href: (layer: number) => string, source?: (layer: number) => string): LayeredPanel {
  const chart = Plot.plot({ ...panel.options, document: documentWithCanvas() } as Plot.PlotOptions) as unknown as Element;
  svgMath(chart);
  decimateDots(chart);
  const svgs = [chart, ...chart.querySelectorAll('svg')].filter((e) => e.tagName.toLowerCase() === 'svg');
  const main = svgs.at(-1);
  const layers: string[] = [];
  if (main) {
    const width = main.getAttribute('width') ?? '640';
    const height = main.getAttribute('height') ?? '400';
    const viewBox = main.getAttribute('viewBox') ?? `0 0 ${width} ${height}`;
    for (const group of [...main.children]) {
      if (group.tagName.toLowerCase() !== 'g' || !LAYERED_MARKS.includes(group.getAttribute('aria-label') ?? '')) continue;
      if (group.querySelectorAll('circle, path, rect').length < LAYER_FROM || group.querySelector('title')) continue;
      const markup = stripMarkAria(group.outerHTML);
      layers.push(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${viewBox}">${markup.replace(GEOMETRY, (_, name: string, value: string) => ` ${name}="${roundNumbers(value)}"`)}</svg>`,
      );
      group.setAttribute('data-layer', String(layers.length - 1));
      group.setAttribute('data-layer-marks', String(group.querySelectorAll('circle, path, rect').length));
      while (group.firstChild) group.firstChild.remove();
    }
  }
  const [x, y, w, h] = (main?.getAttribute('viewBox') ?? `0 0 ${main?.getAttribute('width')} ${main?.getAttribute('height')}`).split(/[\s,]+/);
  const markup = chart.outerHTML.replace(
    /<g\b([^>]*?)\sdata-layer="(\d+)"([^>]*?)\s*(?:\/>|><\/g>)/g,
    (_, before: string, j: string, after: string) =>
      `<g${before}${after} data-layer="${j}"${source ? ` data-layer-svg="${escapeAttribute(source(Number(j)))}"` : ''}><foreignObject x="${x}" y="${y}" width="${w}" height="${h}"><img src="${escapeAttribute(href(Number(j)))}" alt="" loading="lazy" decoding="async" width="${w}" height="${h}" style="display:block;width:100%;height:100%"/></foreignObject></g>`,
  );
  return { markup, layers };
}

export function renderLegend(options: LegendOptions): string {
  const legend = Plot.legend({ ...options, document: documentWithCanvas() } as LegendOptions);
  if (legend) svgMath(legend as unknown as Element);
  return legend ? staticSvg((legend as unknown as { outerHTML: string }).outerHTML, 'colour legend') : '';
}
