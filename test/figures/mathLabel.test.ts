/** src/figures/shared/mathLabel.ts: the $…$ math of the islands' chart labels as runs (italic variables, subscripts, upright commands) and as plain text. */
import { describe, expect, it } from 'vitest';
import { mathPlain, mathRuns } from '../../src/figures/shared/mathLabel.js';

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
});
