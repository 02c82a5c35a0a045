/**
 * Build-time rendering of Plot charts to SVG markup, with linkedom standing
 * in for the browser's document. The same Plot options render in the browser.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { LegendOptions, Panel } from './types.js';

/**
 * linkedom has no canvas. Plot draws continuous colour ramps pixel by pixel
 * on a 1-pixel-high canvas (fillStyle, fillRect(i, 0, 1, 1)) and embeds
 * canvas.toDataURL() as an image: give it a canvas that records those pixels
 * and returns them as an SVG data URL.
 */
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
  return markup
    .replace(/(<g\b[^>]*?)\s+aria-description="[^"]*"/g, '$1')
    .replace(/(<g\b[^>]*?)\s+aria-label="([^"]*)"/g, '$1 data-mark="$2"')
    .replace(/<svg\b(?![^>]*\brole=)/g, `<svg role="img" aria-label="${escapeAttribute(label)}"`)
    .replace(GEOMETRY, (_, name: string, value: string) => ` ${name}="${roundNumbers(value)}"`);
}

export function renderPanel(panel: Panel, label = panel.title ?? 'chart'): string {
  const chart = Plot.plot({ ...panel.options, document: documentWithCanvas() } as Plot.PlotOptions);
  return staticSvg((chart as unknown as { outerHTML: string }).outerHTML, label);
}

export function renderLegend(options: LegendOptions): string {
  const legend = Plot.legend({ ...options, document: documentWithCanvas() } as LegendOptions);
  return legend ? staticSvg((legend as unknown as { outerHTML: string }).outerHTML, 'colour legend') : '';
}
