/**
 * The drawing of one chen2024-blowup run in the "Train your own" island
 * (src/figures/shared/plateauRun.ts): the loss with the plateau's end and the
 * exit step marked, and the first-layer rows at (|cos(w_k, z)|, |w_k|).
 */
import { describe, expect, it } from 'vitest';
import { renderPanel } from '../../src/figures/render.js';
import { type PlateauRun, plateauRunPanels, rowDots } from '../../src/figures/shared/plateauRun.js';

const run: PlateauRun = {
  loss: [
    { step: 0, loss: 2 },
    { step: 10, loss: 1.99 },
    { step: 40, loss: 1.7 },
  ],
  threshold: 1.8,
  exitStep: 40,
  rows: { norm: [0.5, 0.02, 0.3], cos: [0.99, -0.2, -0.97] },
  initial: { norm: [0.01, 0.012, 0.009], cos: [0.3, -0.1, 0.5] },
};

describe('plateauRunPanels', () => {
  it('rows are dots at |cos| and norm, the sign of the cosine dropped', () => {
    expect(rowDots(run.rows, 'now')).toEqual([
      { k: 0, abscos: 0.99, norm: 0.5, stage: 'now' },
      { k: 1, abscos: 0.2, norm: 0.02, stage: 'now' },
      { k: 2, abscos: 0.97, norm: 0.3, stage: 'now' },
    ]);
    expect(() => rowDots({ norm: [1], cos: [] }, 'now')).toThrow(/1 norms but 0 cosines/);
  });

  it('draws the loss with the exit step named, and the rows of step 0 and of the exit', () => {
    const panels = plateauRunPanels(run);
    expect(panels).toHaveLength(2);
    expect(panels[0].title).toContain('the plateau ends at step 40');
    expect(panels[1].title).toContain('grey: step 0');
    const loss = renderPanel(panels[0]);
    // three loss dots, their titles, and the plateau-end label
    expect((loss.match(/<circle/g) ?? []).length).toBe(3);
    expect(loss).toContain('step 40: loss 1.7');
    expect(loss).toContain('plateau end');
    const rows = renderPanel(panels[1]);
    expect((rows.match(/<circle/g) ?? []).length).toBe(6);
    expect(rows).toContain('row 2 (now): |cos| 0.9700');
  });

  it('a run still on its plateau has no exit marked and, without initial rows, only the current ones', () => {
    const panels = plateauRunPanels({ ...run, exitStep: null, initial: undefined });
    expect(panels[0].title).toBe('Loss $R_S$ over the steps');
    expect(panels[1].title).not.toContain('step 0');
    expect((renderPanel(panels[1]).match(/<circle/g) ?? []).length).toBe(3);
  });

  it('a stored run (its first and last loss only) is two dots, not joined by a line', () => {
    const two = { ...run, loss: [run.loss[0], run.loss[2]] };
    const svg = renderPanel(plateauRunPanels(two)[0]);
    expect((svg.match(/<circle/g) ?? []).length).toBe(2);
    const line = /<path[^>]*stroke="#333"|<g[^>]*stroke="#333"[^>]*>\s*<path/;
    expect(svg).not.toMatch(line);
    expect(renderPanel(plateauRunPanels(run)[0])).toMatch(line);
  });
});
