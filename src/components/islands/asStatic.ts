import { svgMath } from '../../figures/shared/mathLabel';

/**
 * A chart drawn in the browser made as the build's staticSvg (src/figures/render.ts) makes it: Plot's
 * mark names (aria-label on a <g>, or on a frame's <rect>: not allowed on an element without a role)
 * become data-mark, and the $…$ labels are set as math. Elements with role="img" keep their names.
 * Calling it again changes nothing (the islands call it on each new Plot tip).
 */
export function asBuilt(root: Element): void {
  for (const mark of root.querySelectorAll('[aria-label]')) {
    if (mark.getAttribute('role') === 'img') continue;
    mark.setAttribute('data-mark', mark.getAttribute('aria-label') ?? '');
    mark.removeAttribute('aria-label');
    mark.removeAttribute('aria-description');
  }
  svgMath(root);
}

/** A chart drawn in the browser as one image for assistive technology, named `label`, made as the build's (asBuilt). */
export function asStatic(svg: Element, label: string): void {
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  asBuilt(svg);
}
