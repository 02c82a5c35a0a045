/**
 * src/engine/chen2024/fdlibm.ts (fdlibm's tanh, expm1, exp, log, sinh, cosh in
 * exactly rounded JavaScript arithmetic) and src/engine/chen2024/normal.ts
 * (d3's polar normal draws with that log): within 1 ulp of this engine's
 * Math.* over a dense sweep of arguments (every power-of-two scale from
 * 2^−60 to 2^10, both signs, and the ranges where fdlibm switches formula:
 * 2^−28, 0.5 ln 2, 1, 1.5 ln 2, 22, 709.78…), and the special values (±0,
 * subnormals, ±∞, NaN, overflow). The same bits in Chromium:
 * test/browser/fdlibm.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cosh, exp, expm1, log, sinh, tanh } from '../../src/engine/chen2024/fdlibm.js';
import { exactNormalSource } from '../../src/engine/chen2024/normal.js';
import { normalSource } from '../../src/engine/random.js';

const f64 = new Float64Array(2);
const i64 = new BigInt64Array(f64.buffer);
/** distance in ulp between two doubles of the same sign (0 for equal values, NaN and NaN, and +0 / −0 only when equal as values and signs) */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (Object.is(a, b)) return 0;
  f64[0] = a;
  f64[1] = b;
  const d = i64[0] - i64[1];
  return Number(d < 0n ? -d : d);
}

/** Arguments: a seeded dense sweep over scales 2^−60 … 2^10 (both signs), and the neighbourhoods of fdlibm's thresholds. */
function sweep(): number[] {
  let s = 20240213;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const xs: number[] = [];
  for (let e = -60; e <= 10; e++) for (let i = 0; i < 4000; i++) xs.push((rnd() < 0.5 ? -1 : 1) * 2 ** e * (1 + rnd()));
  for (const t of [2 ** -55, 2 ** -54, 2 ** -28, 0.5 * Math.LN2, 1, 1.5 * Math.LN2, 22, 56 * Math.LN2, 709.782712893384, 710.4758600739439]) {
    for (let i = -2000; i <= 2000; i++) {
      const x = t * (1 + i * 2 ** -40);
      xs.push(x, -x);
    }
  }
  return xs;
}

const XS = sweep();
const FUNCTIONS: [string, (x: number) => number, (x: number) => number][] = [
  ['tanh', tanh, Math.tanh],
  ['expm1', expm1, Math.expm1],
  ['exp', exp, Math.exp],
  ['sinh', sinh, Math.sinh],
  ['cosh', cosh, Math.cosh],
  ['log', log, Math.log],
];

describe('fdlibm ports (src/engine/chen2024/fdlibm.ts)', () => {
  for (const [name, f, ref] of FUNCTIONS) {
    it(`${name} is within 1 ulp of Math.${name} over ${XS.length} arguments`, () => {
      let worst = 0;
      let same = 0;
      let at = 0;
      for (const x0 of XS) {
        const x = name === 'log' ? Math.abs(x0) : x0;
        const u = ulps(f(x), ref(x));
        if (u === 0) same++;
        if (u > worst) {
          worst = u;
          at = x;
        }
      }
      expect(worst, `${name}(${at}) = ${f(at)}, Math.${name} ${ref(at)}`).toBeLessThanOrEqual(1);
      // most are the very same double (V8's Math functions are fdlibm's too)
      expect(same / XS.length).toBeGreaterThan(0.99);
    });
  }

  it('special values: ±0, subnormals, ±∞, NaN, overflow and the saturation of tanh', () => {
    for (const [name, f, ref] of FUNCTIONS) {
      for (const x of [
        0,
        -0,
        5e-324,
        -5e-324,
        2.2250738585072014e-308,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        Number.NaN,
        1e308,
        -1e308,
        710,
        -710,
        746,
        -746,
      ])
        expect(ulps(f(x), ref(x)), `${name}(${x}) = ${f(x)}, Math.${name} ${ref(x)}`).toBe(0);
    }
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(22)).toBe(1);
    expect(tanh(-1e300)).toBe(-1);
    expect(tanh(21.9)).toBeLessThanOrEqual(1);
    expect(log(1)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(log(-1)).toBeNaN();
  });

  it('tanh is odd and monotone over the sweep, and |tanh| ≤ 1', () => {
    const xs = XS.filter((x) => x > 0).sort((a, b) => a - b);
    let prev = 0;
    const bad: string[] = [];
    for (const x of xs) {
      const t = tanh(x);
      if (!Object.is(tanh(-x), -t) || t < prev || t > 1) bad.push(`tanh(${x}) = ${t}, tanh(−x) = ${tanh(-x)}, previous ${prev}`);
      prev = t;
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('exactNormalSource (src/engine/chen2024/normal.ts)', () => {
  it("draws d3's normal sequence of the same seed to within 1 ulp (the same draws where Math.log is fdlibm's)", () => {
    for (const seed of [0, 1, 7, 123456789]) {
      const a = exactNormalSource(seed);
      const b = normalSource(seed);
      for (let i = 0; i < 20000; i++) {
        const x = a();
        const y = b();
        expect(ulps(x, y), `seed ${seed}, draw ${i}: ${x} vs ${y}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
