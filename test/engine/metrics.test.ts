/** Metrics: growth exponent S, zero crossings, cosine similarity D, ζ, projections, orientation counts. */
import { describe, expect, it } from 'vitest';
import { growthExponent, linearFit, zeroCrossings } from '../../src/engine/metrics/growthExponent.js';
import {
  cosineSimilarity,
  downsampleMatrix,
  leadingEigenvector,
  orderForBlocks,
  permuteMatrix,
  similarityMatrix,
  topByNorm,
  transpose,
} from '../../src/engine/metrics/cosineSimilarity.js';
import { alignmentWith, amplitudes, targetDirection } from '../../src/engine/metrics/alignment.js';
import { countOrientations } from '../../src/engine/metrics/orientations.js';
import { projectionI } from '../../src/engine/metrics/projection.js';
import { condensationDegree, zetaFromSimilarity } from '../../src/engine/metrics/zeta.js';
import { normalSource } from '../../src/engine/random.js';
import { toy1d } from '../../src/engine/data/toy1d.js';

/** Seeded permutation of 0..n−1 (Fisher–Yates driven by a 32-bit LCG). */
function shuffled(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = Math.floor((state / 2 ** 32) * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Number of times the label changes along an order. */
function labelChanges(labels: number[], order: number[]): number {
  let c = 0;
  for (let i = 1; i < order.length; i++) if (labels[order[i]] !== labels[order[i - 1]]) c++;
  return c;
}

describe('growth exponent S (luo2021 eq. 19)', () => {
  const ms = [1000, 5000, 10000, 20000, 40000];

  it('an exact power law gives the exponent, zero standard error and r² = 1', () => {
    for (const s of [-0.41, 0, 0.37]) {
      const rd = ms.map((m) => 2.5 * m ** s);
      const fit = growthExponent(ms, rd);
      expect(fit.slope).toBeCloseTo(s, 12);
      expect(fit.intercept).toBeCloseTo(Math.log(2.5), 10);
      expect(fit.stderr).toBeLessThan(1e-12);
      if (s !== 0) expect(fit.r2).toBeCloseTo(1, 12);
      expect(fit.n).toBe(5);
    }
  });

  it('matches a hand-computed least-squares fit (slope, intercept, stderr with n − 2 dof, r²)', () => {
    // (0,1), (1,3), (2,2): b = 0.5, c = 1.5, SS_res = 1.5, Sxx = 2, SS_tot = 2
    const fit = linearFit([0, 1, 2], [1, 3, 2]);
    expect(fit.slope).toBeCloseTo(0.5, 14);
    expect(fit.intercept).toBeCloseTo(1.5, 14);
    expect(fit.stderr).toBeCloseTo(Math.sqrt(1.5 / 1 / 2), 14);
    expect(fit.r2).toBeCloseTo(0.25, 14);
  });

  it('two points: exact line, stderr NaN; undefined logs are dropped and listed', () => {
    const two = growthExponent([10, 100], [1, 10]);
    expect(two.slope).toBeCloseTo(1, 14);
    expect(Number.isNaN(two.stderr)).toBe(true);
    const withBad = growthExponent([10, 100, 1000, 10000], [1, 0, 100, NaN]);
    expect(withBad.dropped).toEqual([1, 3]);
    expect(withBad.n).toBe(2);
    expect(withBad.slope).toBeCloseTo(1, 14);
    expect(Number.isNaN(growthExponent([10], [1]).slope)).toBe(true);
  });

  it('recovers a known exponent from noisy data RD = C m^s (1 + noise) within its standard error', () => {
    const s = 0.27;
    const C = 0.8;
    const sigma = 0.05;
    // one fixed seed: within 3 stderr (t_{0.975, 3 dof} = 3.18)
    const next = normalSource(2024);
    const fit = growthExponent(
      ms,
      ms.map((m) => C * m ** s * (1 + sigma * next())),
    );
    expect(fit.stderr).toBeGreaterThan(0);
    expect(Math.abs(fit.slope - s)).toBeLessThan(3 * fit.stderr);
    // calibration over many seeds: with 3 dof, P(|t| < 1) = 0.609 and P(|t| < 3.182) = 0.95
    let within1 = 0;
    let within95 = 0;
    const runs = 400;
    for (let seed = 0; seed < runs; seed++) {
      const g = normalSource(seed);
      const f = growthExponent(
        ms,
        ms.map((m) => C * m ** s * (1 + sigma * g())),
      );
      const t = Math.abs(f.slope - s) / f.stderr;
      if (t < 1) within1++;
      if (t < 3.182) within95++;
    }
    expect(within1 / runs).toBeGreaterThan(0.53);
    expect(within1 / runs).toBeLessThan(0.69);
    expect(within95 / runs).toBeGreaterThan(0.92);
    expect(within95 / runs).toBeLessThan(0.98);
  });
});

describe('zero crossings', () => {
  it('a linear function: the exact root', () => {
    const xs = [0, 0.3, 0.7, 1.1, 2];
    expect(
      zeroCrossings(
        xs,
        xs.map((x) => 2 * x - 1.5),
      ),
    ).toEqual([expect.closeTo(0.75, 14)]);
  });

  it('sin on a grid: every crossing, in order, within the interpolation error', () => {
    const xs = Array.from({ length: 201 }, (_, i) => 0.5 + (i * 10) / 200); // [0.5, 10.5], no grid point at kπ
    const roots = zeroCrossings(xs, xs.map(Math.sin));
    expect(roots).toHaveLength(3);
    roots.forEach((r, i) => {
      expect(Math.abs(r - (i + 1) * Math.PI)).toBeLessThan(1e-3);
    });
  });

  it('exact zeros are counted once; touches count; runs of zeros give each sample', () => {
    expect(zeroCrossings([0, 1, 2, 3, 4], [1, 0, -1, 0, 1])).toEqual([1, 3]);
    expect(zeroCrossings([0, 1, 2, 3, 4], [-1, 1, 0, 0, 2])).toEqual([0.5, 2, 3]);
    expect(zeroCrossings([0, 1, 2], [1, 0, 1])).toEqual([1]);
    expect(zeroCrossings([0, 1, 2], [0, 1, 0])).toEqual([0, 2]);
    expect(zeroCrossings([0, 1, 2], [1, 2, 3])).toEqual([]);
  });

  it('NaN intervals are skipped; unsorted x is an error', () => {
    expect(zeroCrossings([0, 1, 2, 3], [-1, NaN, 1, -1])).toEqual([2.5]);
    expect(() => zeroCrossings([0, 2, 1], [1, -1, 1])).toThrow(/increasing/);
  });
});

describe('cosine similarity D', () => {
  it('D(u, v) from the definition; zero vector gives 0', () => {
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 2, 3], [-2, 0, 1])).toBeCloseTo(1 / (Math.sqrt(14) * Math.sqrt(5)), 15);
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
  });

  it('the similarity matrix is symmetric with unit diagonal and matches D pairwise', () => {
    const count = 12;
    const dim = 5;
    const next = normalSource(3);
    const rows = Float32Array.from({ length: count * dim }, () => next());
    rows.fill(0, 4 * dim, 5 * dim); // a zero row
    const D = similarityMatrix(rows, count, dim);
    for (let k = 0; k < count; k++) {
      expect(D[k * count + k]).toBe(1);
      for (let l = 0; l < count; l++) {
        expect(D[k * count + l]).toBe(D[l * count + k]);
        if (k !== l) {
          const ref = cosineSimilarity(rows.subarray(k * dim, (k + 1) * dim), rows.subarray(l * dim, (l + 1) * dim));
          expect(D[k * count + l]).toBeCloseTo(ref, 12);
          expect(Math.abs(D[k * count + l])).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(D[4 * count + 7]).toBe(0);
  });

  it('topByNorm: the larger-norm half, ranked by decreasing norm', () => {
    const norms = [3, 1, 4, 1.5, 9, 2.6];
    const rows = norms.flatMap((n) => [n * 0.6, n * 0.8]);
    expect(topByNorm(rows, 6, 2)).toEqual([4, 2, 0]);
    expect(topByNorm(rows, 6, 2, 1)).toEqual([4, 2, 0, 5, 3, 1]);
  });

  it('transpose turns the two-layer (d+1, m) layout into neuron rows', () => {
    // W (2, 3): row 0 = w, row 1 = b
    expect(Array.from(transpose([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  /**
   * count rows in `dim` dimensions, row k = scale_k (dirs[label_k] + 0.1 noise),
   * labels planted in a shuffled order.
   */
  function planted(dirs: number[][], sizes: number[], seed: number) {
    const dim = dirs[0].length;
    const count = sizes.reduce((s, x) => s + x, 0);
    const next = normalSource(seed);
    const perm = shuffled(count, seed);
    const labels = perm.map((p) => {
      let b = 0;
      let edge = sizes[0];
      while (p >= edge) edge += sizes[++b];
      return b;
    });
    const rows = new Float64Array(count * dim);
    for (let k = 0; k < count; k++) {
      const scale = 0.5 + Math.abs(next());
      for (let j = 0; j < dim; j++) rows[k * dim + j] = scale * (dirs[labels[k]][j] + 0.1 * next());
    }
    return { rows, labels, count, dim };
  }
  const e = (i: number, sign = 1) => Array.from({ length: 10 }, (_, j) => (j === i ? sign : 0));

  const cases = [
    { name: 'eigenvector, opposite blocks ±u of equal size', method: 'eigenvector', dirs: [e(0), e(0, -1)], sizes: [20, 20] },
    { name: 'eigenvector, orthogonal blocks of unequal size', method: 'eigenvector', dirs: [e(0), e(1)], sizes: [26, 14] },
    { name: 'angular, orthogonal blocks of equal size', method: 'angular', dirs: [e(0), e(1)], sizes: [20, 20] },
    { name: 'angular, four planar orientations ±u, ±v', method: 'angular', dirs: [e(0), e(1), e(0, -1), e(1, -1)], sizes: [10, 10, 10, 10] },
  ] as const;
  for (const c of cases) {
    it(`the ordering makes planted blocks contiguous (${c.name})`, () => {
      for (const seed of [11, 12, 13]) {
        const { rows, labels, count, dim } = planted(
          c.dirs.map((d) => [...d]),
          [...c.sizes],
          seed,
        );
        expect(
          labelChanges(
            labels,
            Array.from({ length: count }, (_, i) => i),
          ),
        ).toBeGreaterThan(5);
        const D = similarityMatrix(rows, count, dim);
        const order = orderForBlocks(D, count, c.method);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(labelChanges(labels, order)).toBe(c.dirs.length - 1);
        expect(orderForBlocks(D, count, c.method)).toEqual(order); // deterministic
        // the reordered matrix starts with a diagonal block of high similarity
        const P = permuteMatrix(D, count, order);
        const h = labels.filter((l) => l === labels[order[0]]).length;
        let inBlock = 0;
        for (let i = 0; i < h; i++) for (let j = 0; j < h; j++) inBlock += P[i * count + j];
        expect(inBlock / (h * h)).toBeGreaterThan(0.9);
      }
    });
  }

  it('leadingEigenvector: the largest eigenvalue of a known matrix, positive sign convention', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 (1, 1)/√2 and 1
    const { vector, eigenvalue } = leadingEigenvector([2, 1, 1, 2], 2);
    expect(eigenvalue).toBeCloseTo(3, 10);
    expect(vector[0]).toBeCloseTo(Math.SQRT1_2, 8);
    expect(vector[1]).toBeCloseTo(Math.SQRT1_2, 8);
    // [[−3, 0], [0, 1]]: the dominant magnitude is negative; the largest eigenvalue is 1
    const neg = leadingEigenvector([-3, 0, 0, 1], 2);
    expect(neg.eigenvalue).toBeCloseTo(1, 8);
    expect(Math.abs(neg.vector[1])).toBeCloseTo(1, 8);
  });

  it('downsampleMatrix: block means, uneven bins, no-op when small enough', () => {
    const D = Array.from({ length: 16 }, (_, i) => i); // 4×4
    const small = downsampleMatrix(D, 4, 2);
    expect(small.size).toBe(2);
    expect(Array.from(small.data)).toEqual([(0 + 1 + 4 + 5) / 4, (2 + 3 + 6 + 7) / 4, (8 + 9 + 12 + 13) / 4, (10 + 11 + 14 + 15) / 4]);
    const same = downsampleMatrix(D, 4, 10);
    expect(same.size).toBe(4);
    expect(Array.from(same.data)).toEqual(D);
    // 5 → 2: bins [0, 2) and [2, 5); the mean of a constant stays the constant
    const uneven = downsampleMatrix(new Float64Array(25).fill(0.3), 5, 2);
    expect(uneven.size).toBe(2);
    for (const x of uneven.data) expect(x).toBeCloseTo(0.3, 15);
    const ones = Float64Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) < 2 ? 1 : 0));
    expect(Array.from(downsampleMatrix(ones, 5, 2).data)).toEqual([1, 1, 0, 0]);
  });
});

describe('condensation degree ζ (zhou2022, proposed default [G])', () => {
  it('ζ = 1 when all rows are parallel or antiparallel, whatever their norms', () => {
    const dim = 7;
    const count = 10;
    const dir = Array.from({ length: dim }, (_, j) => Math.sin(j + 1));
    const rows = new Float64Array(count * dim);
    for (let k = 0; k < count; k++) for (let j = 0; j < dim; j++) rows[k * dim + j] = (k % 3 === 0 ? -1 : 1) * (k + 1) * dir[j];
    expect(condensationDegree(rows, count, dim)).toBeCloseTo(1, 12);
  });

  it('ζ ≈ 0 (≈ √(2/(π n))) for random high-dimensional rows', () => {
    const dim = 2000;
    const count = 100;
    const next = normalSource(9);
    const rows = Float64Array.from({ length: count * dim }, () => next());
    const zeta = condensationDegree(rows, count, dim);
    const expected = Math.sqrt(2 / (Math.PI * dim));
    expect(zeta).toBeLessThan(0.03);
    expect(Math.abs(zeta - expected) / expected).toBeLessThan(0.2);
  });

  it('ζ uses only the larger-norm half: tiny random rows do not lower it', () => {
    const dim = 50;
    const next = normalSource(10);
    const rows: number[] = [];
    for (let k = 0; k < 10; k++) for (let j = 0; j < dim; j++) rows.push(j === 0 ? 5 + k : 0); // large, parallel
    for (let k = 0; k < 10; k++) for (let j = 0; j < dim; j++) rows.push(1e-3 * next()); // small, random
    expect(condensationDegree(rows, 20, dim)).toBeCloseTo(1, 12);
    expect(condensationDegree(rows, 20, dim, 1)).toBeLessThan(0.7);
    expect(Number.isNaN(zetaFromSimilarity([1], 1))).toBe(true);
  });
});

describe('projections, alignment and orientation counts', () => {
  it('projectionI: ŵ·p with p = 1/√pDim on the first pDim components', () => {
    const rows = [2, 2, 2, /* */ 1, -1, 0, /* */ 0, 0, 5, /* */ 0, 0, 0];
    const I = projectionI(rows, 4, 3);
    expect(I[0]).toBeCloseTo(1, 15);
    expect(I[1]).toBeCloseTo(0, 15);
    expect(I[2]).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(I[3]).toBe(0);
    const Iin = projectionI(rows, 4, 3, 2); // input components only, bias excluded
    expect(Iin[0]).toBeCloseTo((2 / Math.sqrt(3) / Math.sqrt(2)) * 1, 14);
    expect(Iin[2]).toBe(0);
  });

  it('amplitudes A_k = |a_k| ‖w_k‖', () => {
    expect(Array.from(amplitudes([-2, 0.5], [3, 4, 0, 1], 2, 2))).toEqual([10, 0.5]);
  });

  it('targetDirection: z = (1/n) Σ y_i x̃_i on the luo2021 4-point data', () => {
    const data = toy1d();
    const z = targetDirection(data.x, data.y, data.n, data.d);
    expect(z[0]).toBeCloseTo(0, 7); // Σ y x = 0 by symmetry
    expect(z[1]).toBeCloseTo((0.25 + 1 / 36 + 1 / 36 + 0.25) / 4, 7);
  });

  it('alignmentWith: |cos| with z, 1 for ±z, 0 for orthogonal rows', () => {
    const z = [1, 2, 2];
    const rows = [2, 4, 4, /* */ -1, -2, -2, /* */ 2, -1, 0, /* */ 0, 0, 0];
    const al = alignmentWith(rows, 4, 3, z);
    expect(al[0]).toBeCloseTo(1, 15);
    expect(al[1]).toBeCloseTo(1, 15);
    expect(al[2]).toBeCloseTo(0, 15);
    expect(al[3]).toBe(0);
  });

  it('p = 1: neurons condensed on ±z give 2 orientations on 1 line; small neurons are ignored', () => {
    const dim = 3;
    const z = [0.6, 0, 0.8];
    const next = normalSource(21);
    const rows: number[] = [];
    const amps: number[] = [];
    for (let k = 0; k < 30; k++) {
      const sign = k % 2 === 0 ? 1 : -1;
      const scale = 1 + Math.abs(next());
      for (let j = 0; j < dim; j++) rows.push(sign * scale * z[j] + 0.02 * next());
      amps.push(scale);
    }
    for (let k = 0; k < 30; k++) {
      for (let j = 0; j < dim; j++) rows.push(next()); // random directions ...
      amps.push(0.01 * Math.abs(next())); // ... but negligible amplitude
    }
    const res = countOrientations({ rows, dim }, amps);
    expect(res.orientations).toBe(2);
    expect(res.lines).toBe(1);
    expect(res.large).toHaveLength(30);
    const dirs = res.clusters.map((c) => c.direction[0] * z[0] + c.direction[2] * z[2]);
    expect(Math.max(...dirs)).toBeGreaterThan(0.99);
    expect(Math.min(...dirs)).toBeLessThan(-0.99);
  });

  it('1-d feature angles: 4 orientations for p = 2, many for an uncondensed scatter', () => {
    const centres = [0.3, 0.3 + Math.PI / 2, 0.3 + Math.PI, -Math.PI / 2 + 0.3];
    const next = normalSource(22);
    const angles: number[] = [];
    const amps: number[] = [];
    for (let k = 0; k < 80; k++) {
      angles.push(centres[k % 4] + 0.01 * next());
      amps.push(1 + Math.abs(next()));
    }
    const four = countOrientations({ angles }, amps);
    expect(four.orientations).toBe(4);
    expect(four.lines).toBe(2);
    // angles wrap: −π + δ and π − δ are the same orientation
    expect(countOrientations({ angles: [Math.PI - 0.01, -Math.PI + 0.01] }, [1, 1]).orientations).toBe(1);
    // uncondensed: uniform angles
    const spread = Array.from({ length: 200 }, (_, k) => -Math.PI + (2 * Math.PI * k) / 200);
    expect(
      countOrientations(
        { angles: spread },
        spread.map(() => 1),
      ).orientations,
    ).toBeGreaterThan(15);
    // minClusterSize drops stragglers
    const withStray = countOrientations({ angles: [...angles, 1.2] }, [...amps, 1.5], { minClusterSize: 2 });
    expect(withStray.orientations).toBe(4);
  });
});
