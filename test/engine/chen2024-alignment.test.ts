/** chen2024-alignment's measure: row norms and cosines with z, the top half by norm, the aligned fraction. */
import { describe, expect, it } from 'vitest';
import { alignedFraction, rowAlignment, topHalfByNorm } from '../../src/engine/chen2024/alignment.js';

describe('chen2024 alignment', () => {
  // z = (1, 0, 1): two input coordinates and the bias coordinate last
  const z = [1, 0, 1];
  const rows = [
    [2, 0, 2], // along z: cos 1
    [0, 3, 0], // orthogonal to z
    [-1, 0.1, -1], // nearly −z
    [0, 0, 0], // a zero row
    [0.1, 0, 0], // small, half aligned (cos 1/√2); without the bias: cos 1
  ];
  const W = rows.flat();

  it('norms and cosines with and without the bias coordinate', () => {
    const r = rowAlignment(W, 5, z);
    expect(r.norm[0]).toBeCloseTo(Math.sqrt(8), 12);
    expect(r.cos[0]).toBeCloseTo(1, 12);
    expect(r.cos[1]).toBe(0);
    expect(r.cos[2]).toBeCloseTo(-2 / Math.sqrt(2 * 2.01), 12);
    expect(r.cos[3]).toBe(0);
    expect(r.cos[4]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(r.cosNoBias[4]).toBeCloseTo(1, 12);
    expect(r.cosNoBias[1]).toBe(0);
    expect(() => rowAlignment(W, 4, z)).toThrow(/entries/);
  });

  it('the top half by norm (⌈m/2⌉ rows, ties to the lower index) and its aligned fraction', () => {
    const r = rowAlignment(W, 5, z);
    expect(topHalfByNorm(r.norm)).toEqual([1, 0, 2]);
    expect(topHalfByNorm([1, 1, 1, 1])).toEqual([0, 1]);
    expect(alignedFraction(r.norm, r.cos)).toEqual({ frac: 2 / 3, counted: 3 });
    expect(alignedFraction(r.norm, r.cos, 0.999).frac).toBeCloseTo(1 / 3, 12);
  });
});
