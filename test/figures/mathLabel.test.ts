/** src/figures/shared/mathLabel.ts: the $…$ math of the charts' labels as runs (italic variables, sub- and superscripts, upright commands), as plain text, HTML and SVG. */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderLegend, renderPanel } from '../../src/figures/render.js';
import { mathHtml, mathPlain, mathRuns } from '../../src/figures/shared/mathLabel.js';

describe('mathLabel', () => {
  it('splits a label into plain text, italic variables and subscripts', () => {
    expect(mathRuns('loss $R_S$')).toEqual([{ text: 'loss ' }, { text: 'R', italic: true }, { text: 'S', italic: true, sub: true }]);
    expect(mathRuns('$|\\cos(w_k, z)|$')).toEqual([
      { text: '|cos(' },
      { text: 'w', italic: true },
      { text: 'k', italic: true, sub: true },
      { text: ', ' },
      { text: 'z', italic: true },
      { text: ')|' },
    ]);
    expect(mathRuns('$W_{12}$ and $a_{k}x$')).toEqual([
      { text: 'W', italic: true },
      { text: '12', sub: true },
      { text: ' and ' },
      { text: 'a', italic: true },
      { text: 'k', italic: true, sub: true },
      { text: 'x', italic: true },
    ]);
    expect(mathRuns('step')).toEqual([{ text: 'step' }]);
  });

  it('gives the plain text of a label, and names an unbalanced one', () => {
    expect(mathPlain('Loss $R_S$ over the steps')).toBe('Loss R_S over the steps');
    expect(mathPlain('$|\\cos(w_k, z)|$')).toBe('|cos(w_k, z)|');
    expect(mathPlain('$W_{12}$')).toBe('W_{12}');
    expect(() => mathRuns('loss $R_S')).toThrow(/unbalanced \$ in "loss \$R_S"/);
  });

  it('sets superscripts, and lowercase Greek in italic as TeX does', () => {
    expect(mathRuns('$D(W^{[1]}_k, x)$')).toEqual([
      { text: 'D', italic: true },
      { text: '(' },
      { text: 'W', italic: true },
      { text: '[1]', sup: true },
      { text: 'k', italic: true, sub: true },
      { text: ', ' },
      { text: 'x', italic: true },
      { text: ')' },
    ]);
    expect(mathRuns('$α$ and α')).toEqual([{ text: 'α', italic: true }, { text: ' and α' }]);
    expect(mathRuns('$200^{2α}$')).toEqual([{ text: '200' }, { text: '2', sup: true }, { text: 'α', italic: true, sup: true }]);
    expect(mathPlain('$D(W^{[1]}_k, W^{[1]}_l)$ at initialisation')).toBe('D(W^{[1]}_k, W^{[1]}_l) at initialisation');
    expect(() => mathRuns('$x^{2$')).toThrow(/unclosed \{ in "\$x\^\{2\$"/);
  });

  it('writes a label as HTML, escaping its text', () => {
    expect(mathHtml('$R_S$ < 1 & $W^{[1]}$')).toBe('<i>R</i><sub><i>S</i></sub> &lt; 1 &amp; <i>W</i><sup>[1]</sup>');
    expect(mathHtml('plain')).toBe('plain');
  });

  it('sets the math of the charts the build draws as tspans: axis labels and legends, accessible name in plain text', () => {
    const svg = renderPanel(
      {
        title: 'loss $R_S$',
        options: { x: { label: '$W^{[1]}_k$' }, y: { label: 'loss $R_S$' }, marks: [Plot.dot([{ a: 1, b: 2 }], { x: 'a', y: 'b' })] },
      },
      'Figure 1 (loss R_S)',
    );
    expect(svg).not.toContain('$');
    expect(svg).toContain('aria-label="Figure 1 (loss R_S)"');
    const { document } = parseHTML(`<html><body>${svg}</body></html>`);
    const runs = (label: string) =>
      [...([...document.querySelectorAll('text')].find((t) => t.textContent === label)?.querySelectorAll('tspan') ?? [])].map((t) =>
        [t.textContent, t.getAttribute('data-math'), t.getAttribute('font-style'), t.getAttribute('font-size'), t.getAttribute('dy')].join(' '),
      );
    expect(document.querySelector('text:has(tspan)')?.getAttribute('xml:space')).toBe('preserve');
    expect(runs('loss RS')).toEqual(['loss  text   ', 'R var italic  ', 'S sub italic 90% 3']);
    // a superscript is raised by 4 from the baseline, the subscript after it lowered 3 below it: dy 7
    expect(runs('W[1]k')).toEqual(['W var italic  ', '[1] sup  90% -4', 'k sub italic 90% 7']);
    const legend = renderLegend({ color: { type: 'linear', domain: [0, 1], label: '$ζ$ of $W_2$' }, legend: 'ramp' });
    expect(legend).toMatch(/data-math="sub"[^>]*>2<\/tspan>/);
    expect(legend).not.toContain('$');
  });
});
