/**
 * The drawing half of the introduction's slider (../DemoSlider.astro), loaded the first time the reader
 * points at, focuses or moves the slider: Observable Plot and the demo's drawing code
 * (`demoPanels` of src/figures/introduction-demo.ts) stay out of the page's load.
 */
import * as Plot from '@observablehq/plot';
import { asStatic } from './asStatic';
import { mathHtml } from '../../figures/shared/mathLabel';
import { type CompactDemo, demoPanels, expandDemo } from '../../figures/introduction-demo';

export const stepText = (step: number) => `step ${step.toLocaleString('en-US')}`;

/** A function that redraws `figure`'s panels at snapshot `index` of the embedded snapshots (`json`, compact). */
export function demoDrawer(figure: HTMLElement, json: string, output: HTMLOutputElement, input: HTMLInputElement): (index: number) => void {
  const compact = JSON.parse(json) as CompactDemo;
  const data = expandDemo(compact);
  const panels = [...figure.querySelectorAll<HTMLElement>('.panel')];
  return (index: number) => {
    const step = compact.steps[index];
    demoPanels(data, step).forEach((panel, k) => {
      const el = panels[k];
      if (!el) return;
      const title = el.querySelector('.panel-title');
      if (title && panel.title) title.innerHTML = mathHtml(panel.title);
      const old = el.querySelector('svg');
      const chart = Plot.plot(panel.options) as unknown as Element;
      asStatic(chart, (old?.getAttribute('aria-label') ?? '').replace(/step [\d,]+/g, stepText(step)));
      if (old) old.replaceWith(chart);
      else el.append(chart);
    });
    output.textContent = stepText(step);
    input.setAttribute('aria-valuetext', stepText(step));
    figure.dataset.demoStep = String(step);
  };
}
