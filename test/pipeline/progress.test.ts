import { describe, expect, it } from 'vitest';
import { formatSeconds, lineProgress } from '../../src/pipeline/progress.js';

describe('progress as lines (a log file, CI)', () => {
  it('writes a line when a cell finishes and at most every everyMs while one runs, with done/total and ETA', () => {
    let t = 0;
    const lines: string[] = [];
    const p = lineProgress(4, { write: (s: string) => lines.push(s) > 0 }, 15_000, () => t);
    expect(lines).toEqual(['cells 0/4 (0.0 %) | elapsed 0 s | ETA ? \n'.replace(' \n', '\n')]);
    t = 5_000;
    p.update(0.2, 'a'); // a fraction of a cell, before everyMs: no line
    expect(lines.length).toBe(1);
    t = 16_000;
    p.update(0.4, 'a'); // everyMs passed: a line
    expect(lines.at(-1)).toBe('cells 0/4 (10.0 %) | elapsed 16 s | ETA 2 min 24 s | a\n');
    t = 20_000;
    p.update(1, 'b'); // a cell finished: a line at once
    expect(lines.at(-1)).toBe('cells 1/4 (25.0 %) | elapsed 20 s | ETA 1 min | b\n');
    t = 21_000;
    p.update(1.1, 'b');
    expect(lines.length).toBe(3);
    p.update(4, '');
    p.stop();
    expect(lines.at(-1)).toBe('cells 4/4 (100.0 %) | elapsed 21 s | ETA 0 s\n');
    expect(lines.length).toBe(4);
  });

  it('says when the run stopped short', () => {
    const lines: string[] = [];
    const p = lineProgress(3, { write: (s: string) => lines.push(s) > 0 }, 15_000, () => 0);
    p.update(1, 'x');
    p.stop();
    expect(lines.at(-1)).toMatch(/^cells 1\/3 .* \| stopped\n$/);
  });

  it('formats durations', () => {
    expect([formatSeconds(0), formatSeconds(59.6), formatSeconds(725), formatSeconds(7380), formatSeconds(Number.NaN)]).toEqual([
      '0 s',
      '1 min',
      '12 min 5 s',
      '2 h 3 min',
      '?',
    ]);
  });
});
