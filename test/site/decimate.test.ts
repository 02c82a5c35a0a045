import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { DECIMATE_FROM, LAYER_FROM, layeredPanel, renderPanel, staticSvg } from '../../src/figures/render.js';

const circles = (svg: string) => [...svg.matchAll(/<circle\b[^>]*>/g)].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Points on a 0..100 grid drawn 1:1 (x and y ranges are the pixels 0..100). */
const panel = (points: { x: number; y: number; c: string; t: string }[]) => ({
  options: {
    width: 100,
    height: 100,
    margin: 0,
    x: { domain: [0, 100], axis: null },
    y: { domain: [0, 100], axis: null, range: [0, 100] },
    marks: [Plot.dot(points, { x: 'x', y: 'y', fill: 'c', r: 1, title: 't' })],
  } as Plot.PlotOptions,
});

describe('decimation of dense scatters (src/figures/render.ts)', () => {
  it('draws marks of one look in one pixel once, the last (topmost) with its tooltip; other colours and other pixels stay', () => {
    const points = Array.from({ length: DECIMATE_FROM }, (_, i) => ({ x: 10 + (i % 3) * 0.1, y: 10, c: 'red', t: `p${i}` }));
    points.push({ x: 10, y: 10, c: 'blue', t: 'blue one' }, { x: 50, y: 50, c: 'red', t: 'far' });
    const svg = renderPanel(panel(points));
    const drawn = circles(svg);
    expect(drawn).toHaveLength(3);
    expect(svg).toContain(`<title>p${DECIMATE_FROM - 1}</title>`);
    expect(svg).toContain('<title>blue one</title>');
    expect(svg).toContain('<title>far</title>');
    expect(attr(svg, 'data-marks-drawn')).toBe('3');
    expect(attr(svg, 'data-marks-total')).toBe(String(DECIMATE_FROM + 2));
  });

  it('keeps every mark of a scatter whose marks are a pixel or more apart, and of small scatters', () => {
    const spread = Array.from({ length: DECIMATE_FROM }, (_, i) => ({ x: i % 90, y: Math.floor(i / 90) * 2, c: 'red', t: `${i}` }));
    expect(circles(renderPanel(panel(spread)))).toHaveLength(DECIMATE_FROM);
    const few = Array.from({ length: 20 }, (_, i) => ({ x: 10, y: 10, c: 'red', t: `${i}` }));
    const svg = renderPanel(panel(few));
    expect(circles(svg)).toHaveLength(20);
    expect(svg).not.toContain('data-marks-total');
  });

  it('is deterministic', () => {
    const points = Array.from({ length: 500 }, (_, i) => ({ x: (i * 37) % 100, y: (i * 53) % 100, c: i % 2 ? 'red' : 'blue', t: `${i}` }));
    expect(renderPanel(panel(points))).toBe(renderPanel(panel(points)));
  });

  it('moves a dense mark without tooltips into a layer file drawn by a lazy <img> in its place; marks with tooltips stay inline', () => {
    const n = LAYER_FROM + 10;
    const points = Array.from({ length: n }, (_, i) => ({ x: (i * 7) % 100, y: Math.floor((i * 7) / 100) * 1.5, c: 'red', t: `${i}` }));
    const plain = {
      options: {
        ...panel(points).options,
        marks: [Plot.frame(), Plot.dot(points, { x: 'x', y: 'y', fill: 'c', r: 1 }), Plot.text(['on top'], { frameAnchor: 'top' })],
      } as Plot.PlotOptions,
    };
    const { markup, layers } = layeredPanel(plain, (j) => `/layers/test-${j}.svg`);
    expect(layers).toHaveLength(1);
    expect(circles(layers[0]!)).toHaveLength(n);
    expect(layers[0]).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="100" viewBox="0 0 100 100">/);
    expect(circles(markup)).toHaveLength(0);
    // the image takes the mark's place: after the frame, before the text
    expect(markup).toMatch(
      /aria-label="frame"[\s\S]*<foreignObject x="0" y="0" width="100" height="100"><img src="\/layers\/test-0.svg" alt="" loading="lazy"[\s\S]*on top/,
    );
    expect(staticSvg(markup, 'chart')).toMatch(new RegExp(`<g data-layer-marks="${n}"[^>]* data-mark="dot" data-layer="0"><foreignObject`));
    const titled = layeredPanel(panel(points), (j) => `/layers/test-${j}.svg`);
    expect(titled.layers).toHaveLength(0);
    expect(circles(titled.markup)).toHaveLength(n);
  });
});

describe('staticSvg: ARIA and ids valid in a page', () => {
  it('moves the aria-label of a frame <rect> to data-mark, and keeps one <pattern> per id (a pattern drawn in every facet)', () => {
    const pattern = '<pattern id="hatch" width="4" height="4"><path d="M0 4L4 0"></path></pattern>';
    const markup = `<svg width="10" height="10"><rect aria-label="frame" width="10" height="10"></rect><g aria-label="dot"><defs>${pattern}</defs></g><g><defs>${pattern}</defs></g><pattern id="other"></pattern></svg>`;
    const out = staticSvg(markup, 'chart');
    expect(out).toContain('<rect data-mark="frame"');
    expect(out).not.toMatch(/<(?!svg)[a-z]+\b[^>]*aria-label=/);
    expect(out.match(/<pattern id="hatch"/g)).toHaveLength(1);
    expect(out).toContain('<pattern id="other">');
    expect(out).toMatch(/^<svg role="img" aria-label="chart"/);
  });
});
