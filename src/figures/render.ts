/**
 * Build-time rendering of Plot charts to SVG markup, with linkedom standing
 * in for the browser's document. The same Plot options render in the browser.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Panel } from './types.js';

export function renderPanel(panel: Panel): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const chart = Plot.plot({ ...panel.options, document } as Plot.PlotOptions);
  return (chart as unknown as { outerHTML: string }).outerHTML;
}
