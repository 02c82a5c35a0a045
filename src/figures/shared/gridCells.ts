/** Helpers for heatmaps over a (possibly non-uniform) grid of the (γ2, γ3) plane: cell extents, hatching, number formats. */
import type * as Plot from '@observablehq/plot';
import { coordinate as coord } from './format.js';
import { sortedDistinct } from './rows.js';

export { coord };

/**
 * The extent [lo, hi] of each grid value's cell: from the midpoint to its lower
 * neighbour to the midpoint to its upper one; the end cells extend by half the
 * neighbouring gap (a lone value by ±`lone`).
 */
export function cellExtents(values: Iterable<number>, lone = 0.25): Map<number, [number, number]> {
  const v = sortedDistinct(values);
  const out = new Map<number, [number, number]>();
  v.forEach((x, i) => {
    const lo = i > 0 ? (v[i - 1] + x) / 2 : v.length > 1 ? x - (v[1] - x) / 2 : x - lone;
    const hi = i < v.length - 1 ? (x + v[i + 1]) / 2 : v.length > 1 ? x + (x - v[i - 1]) / 2 : x + lone;
    out.set(x, [lo, hi]);
  });
  return out;
}

/** The outer bounds of a set of cell extents. */
export function extentDomain(extents: Map<number, [number, number]>): [number, number] {
  const all = [...extents.values()];
  return [Math.min(...all.map((e) => e[0])), Math.max(...all.map((e) => e[1]))];
}

/**
 * A mark that defines a grey diagonal hatch pattern; fill a rect with
 * `url(#id)`. The id must be unique on the page (one per panel).
 */
export function hatchPattern(id: string): Plot.RenderFunction {
  return (_index, _scales, _values, _dimensions, context) => {
    const ns = 'http://www.w3.org/2000/svg';
    const el = (name: string, attrs: Record<string, string | number>) => {
      const e = context.document.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      return e;
    };
    const defs = el('defs', {});
    const pattern = el('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pattern.append(el('rect', { width: 6, height: 6, fill: '#ededed' }), el('line', { x1: 3, y1: 0, x2: 3, y2: 6, stroke: '#a0a0a0', 'stroke-width': 1.5 }));
    defs.append(pattern);
    return defs as SVGElement;
  };
}

/** A number with a true minus sign, or '–' when undefined. */
export const num = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits).replace('-', '−'));

/** Where a crossing is: the fixed coordinate as on the grid, the interpolated one to 3 decimals. */
export const crossingAt = (c: { along: 'gamma2' | 'gamma3'; gamma2: number; gamma3: number }) =>
  c.along === 'gamma3' ? `γ₂ = ${coord(c.gamma2)}, γ₃ ≈ ${num(c.gamma3)}` : `γ₂ ≈ ${num(c.gamma2)}, γ₃ = ${coord(c.gamma3)}`;
