/**
 * The fast normal generator (src/engine/ziggurat.ts) and the initialisation
 * generators of initThreeLayer: determinism, the distribution (moments,
 * Kolmogorov–Smirnov against Φ, the tail beyond the ziggurat's base R and the
 * wedges), and that the default 'd3' initialisation still draws
 * d3-random's values. About a second.
 */
import { describe, expect, it } from 'vitest';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { initThreeLayer } from '../../src/engine/threeLayer/params.js';
import { ZigguratNormal } from '../../src/engine/ziggurat.js';

const bits = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** Φ(x), from erfc by the Chebyshev fit of Numerical Recipes' erfcc (|error| < 1.2e-7). */
const ERFCC = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
function Phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let k = ERFCC.length - 1; k >= 0; k--) poly = ERFCC[k]! + t * poly;
  const erfc = t * Math.exp(-z * z + poly);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe('ZigguratNormal', () => {
  it('is deterministic, and different seeds give different streams', () => {
    const a = new ZigguratNormal(5).fill(new Float32Array(100_000));
    const b = new ZigguratNormal(5).fill(new Float32Array(100_000));
    expect(bits(a)).toEqual(bits(b));
    const c = new ZigguratNormal(6).fill(new Float32Array(100_000));
    expect(bits(c)).not.toEqual(bits(a));
    // one stream: a second fill continues it (the words a fill uses depend on its length: see fill())
    const z = new ZigguratNormal(5);
    const first = z.fill(new Float32Array(1000));
    const second = z.fill(new Float32Array(1000));
    expect(bits(second)).not.toEqual(bits(first));
    // std scales the same draws (one rounding to float32 each)
    const scaled = new ZigguratNormal(5).fill(new Float32Array(1000), 0.25);
    for (let i = 0; i < 1000; i++) expect(scaled[i]).toBe(Math.fround(first[i]! * 0.25));
  });

  it('draws N(0, 1): moments, Kolmogorov–Smirnov, the tail beyond R = 3.44 and the wedges', () => {
    const n = 1_000_000;
    const v = new ZigguratNormal(11).fill(new Float32Array(n));
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let tail = 0;
    for (const x of v) {
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
      if (Math.abs(x) > 3.442619855899) tail++;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // P(|x| > R) = 2 (1 − Φ(R)) = 5.76e-4: about 576 ± 24 of 10^6
    const pTail = 2 * (1 - Phi(3.442619855899));
    expect(Math.abs(tail - n * pTail)).toBeLessThan(5 * Math.sqrt(n * pTail));
    // KS over 10^6 draws: D < 1.95/√n at the 0.1 % level
    const sorted = Float64Array.from(v).sort();
    let D = 0;
    for (let i = 0; i < n; i++) {
      const F = Phi(sorted[i]!);
      D = Math.max(D, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    expect(D).toBeLessThan(1.95 / Math.sqrt(n));
    // the sign is independent of the magnitude: as many positive as negative beyond each layer edge tested
    for (const edge of [0.5, 1.5, 2.5]) {
      let pos = 0;
      let neg = 0;
      for (const x of v) {
        if (x > edge) pos++;
        else if (x < -edge) neg++;
      }
      expect(Math.abs(pos - neg)).toBeLessThan(5 * Math.sqrt(pos + neg));
    }
  });
});

describe('initThreeLayer generators', () => {
  const s = { beta1: 1, beta2: 0.3, beta3: 0.1 };
  it("'d3' (the default) draws d3-random's values in the documented order", () => {
    const p = initThreeLayer(20, 3, s, 4, false, 2);
    const next = normalSource(4);
    expect(bits(p.a)).toEqual(bits(normalArray(next, 40, 0.1)));
    expect(bits(p.w2)).toEqual(bits(normalArray(next, 21 * 20, 0.3)));
    expect(bits(p.w1)).toEqual(bits(normalArray(next, 4 * 20, 1)));
    expect(bits(initThreeLayer(20, 3, s, 4, false, 2, 'd3').w2)).toEqual(bits(p.w2));
  });

  it("'ziggurat' draws the same shapes and scales from its own stream, in the same order", () => {
    const p = initThreeLayer(20, 3, s, 4, false, 2, 'ziggurat');
    const z = new ZigguratNormal(4);
    expect(bits(p.a)).toEqual(bits(z.fill(new Float32Array(40), 0.1)));
    expect(bits(p.w2)).toEqual(bits(z.fill(new Float32Array(21 * 20), 0.3)));
    expect(bits(p.w1)).toEqual(bits(z.fill(new Float32Array(4 * 20), 1)));
    const anti = initThreeLayer(20, 3, s, 4, true, 2, 'ziggurat');
    for (let k = 0; k < 10; k++) expect(anti.a[(k + 10) * 2]).toBe(-anti.a[k * 2]!);
  });
});
