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

export function renderPanel(panel: Panel): string {
  const chart = Plot.plot({ ...panel.options, document: documentWithCanvas() } as Plot.PlotOptions);
  return (chart as unknown as { outerHTML: string }).outerHTML;
}

export function renderLegend(options: LegendOptions): string {
  const legend = Plot.legend({ ...options, document: documentWithCanvas() } as LegendOptions);
  return legend ? (legend as unknown as { outerHTML: string }).outerHTML : '';
}
