import { svgMath } from '../../figures/shared/mathLabel';

/** As the build's staticSvg (src/figures/render.ts), for a chart drawn in the browser: one image for assistive technology, marks named by data-mark, $…$ labels set as math. */
export function asStatic(svg: Element, label: string): void {
  svgMath(svg);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  for (const g of svg.querySelectorAll('g[aria-label]')) {
    g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
    g.removeAttribute('aria-label');
    g.removeAttribute('aria-description');
  }
}
