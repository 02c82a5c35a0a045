/** Matrix completion task, deep matrix factorisation (gradients, training) and the largest singular value. */
import { describe, expect, it } from 'vitest';
import { matrixCompletionTask } from '../../src/engine/data/matrixCompletion.js';
import { largestSingularValue, topSingularPair } from '../../src/engine/metrics/singular.js';
import { deepMfGradients, deepMfLoss, deepMfProduct, DeepMf, initDeepMf } from '../../src/engine/models/deepMatrixFactorisation.js';
import { fullBatchGD } from '../../src/engine/train/gd.js';

/** Numerical rank by Gaussian elimination with partial pivoting. */
function rank(A: Float64Array, n: number, tol = 1e-9): number {
  const M = Float64Array.from(A);
  let r = 0;
  for (let c = 0; c < n && r < n; c++) {
    let piv = r;
    for (let i = r + 1; i < n; i++) if (Math.abs(M[i * n + c]) > Math.abs(M[piv * n + c])) piv = i;
    if (Math.abs(M[piv * n + c]) < tol) continue;
    for (let j = 0; j < n; j++) [M[r * n + j], M[piv * n + j]] = [M[piv * n + j], M[r * n + j]];
    for (let i = r + 1; i < n; i++) {
      const f = M[i * n + c] / M[r * n + c];
      for (let j = c; j < n; j++) M[i * n + j] -= f * M[r * n + j];
    }
    r++;
  }
  return r;
}

describe('matrix completion task', () => {
  it('is a seeded rank-r matrix with unit RMS entries and exactly round(p n²) observed entries', () => {
    const t = matrixCompletionTask({ n: 30, rank: 3, p: 0.37, seed: 5 });
    expect(t.target.length).toBe(900);
    expect(rank(t.target, 30)).toBe(3);
    expect(Math.sqrt(t.target.reduce((s, v) => s + v * v, 0) / 900)).toBeCloseTo(1, 12);
    expect(t.observed.length).toBe(Math.round(0.37 * 900));
    expect(t.mask.reduce((s, v) => s + v, 0)).toBe(t.observed.length);
    for (let i = 1; i < t.observed.length; i++) expect(t.observed[i]).toBeGreaterThan(t.observed[i - 1]);
    for (const idx of t.observed) expect(t.mask[idx]).toBe(1);
    const again = matrixCompletionTask({ n: 30, rank: 3, p: 0.37, seed: 5 });
    expect(again.target).toEqual(t.target);
    expect(again.observed).toEqual(t.observed);
    const other = matrixCompletionTask({ n: 30, rank: 3, p: 0.37, seed: 6 });
    expect(other.target).not.toEqual(t.target);
    expect(other.observed).not.toEqual(t.observed);
    expect(() => matrixCompletionTask({ n: 5, rank: 6, p: 0.5, seed: 1 })).toThrow(/rank/);
  });
});

describe('largest singular value (power iteration)', () => {
  it('diagonal, rank one, 2×2 closed form, rectangular', () => {
    expect(largestSingularValue([3, 0, 0, 0, -7, 0, 0, 0, 2], 3, 3)).toBeCloseTo(7, 10);
    // u vᵀ has σ = ‖u‖ ‖v‖
    const u = [1, 2, 2];
    const v = [3, 4];
    const uv = u.flatMap((ui) => v.map((vj) => ui * vj));
    expect(largestSingularValue(uv, 3, 2)).toBeCloseTo(15, 10);
    // [[a, b], [c, d]]: σ² = the larger root of λ² − (a²+b²+c²+d²) λ + (ad − bc)² = 0
    const [a, b, c, d] = [1, 2, -0.5, 3];
    const s2 = a * a + b * b + c * c + d * d;
    const det = a * d - b * c;
    expect(largestSingularValue([a, b, c, d], 2, 2)).toBeCloseTo(Math.sqrt((s2 + Math.sqrt(s2 * s2 - 4 * det * det)) / 2), 10);
    expect(largestSingularValue([0, 0, 0, 0], 2, 2)).toBe(0);
  });

  it('returns a singular pair: A v = σ u and Aᵀ u = σ v', () => {
    const t = matrixCompletionTask({ n: 12, rank: 4, p: 1, seed: 2 });
    const { sigma, u, v } = topSingularPair(t.target, 12, 12);
    for (let i = 0; i < 12; i++) {
      let Av = 0;
      let ATu = 0;
      for (let j = 0; j < 12; j++) {
        Av += t.target[i * 12 + j] * v[j];
        ATu += t.target[j * 12 + i] * u[j];
      }
      expect(Av).toBeCloseTo(sigma * u[i], 8);
      expect(ATu).toBeCloseTo(sigma * v[i], 8);
    }
    // ‖M‖_F / √r ≤ σ_max ≤ ‖M‖_F
    expect(sigma).toBeLessThanOrEqual(12 + 1e-9);
    expect(sigma).toBeGreaterThanOrEqual(12 / 2 - 1e-9);
  });
});

describe('deep matrix factorisation', () => {
  it('the gradients equal central finite differences of the float64 loss', () => {
    const n = 5;
    const task = matrixCompletionTask({ n, rank: 2, p: 0.6, seed: 3 });
    const p = initDeepMf(n, 0.8, 4);
    const { loss, g1, g2, g3 } = deepMfGradients(p, task);
    expect(loss).toBeCloseTo(deepMfLoss(p, task), 12);
    const h = 1e-6;
    let scale = 0;
    const checks: [number, number][] = [];
    for (const [W, g] of [
      [p.w1, g1],
      [p.w2, g2],
      [p.w3, g3],
    ] as const) {
      for (let i = 0; i < n * n; i++) {
        const keep = W[i];
        W[i] = keep + h;
        const up = deepMfLoss(p, task);
        W[i] = keep - h;
        const down = deepMfLoss(p, task);
        W[i] = keep;
        const fd = (up - down) / (2 * h);
        scale = Math.max(scale, Math.abs(fd));
        checks.push([g[i], fd]);
      }
    }
    expect(scale).toBeGreaterThan(1e-3);
    for (const [hand, fd] of checks) expect(Math.abs(hand - fd)).toBeLessThan(1e-7 * scale + 1e-9);
  });

  it('initialisation: W1, W2, W3 ~ N(0, σ²) from the seed; the product is W3 W2 W1', () => {
    const p = initDeepMf(40, 0.1, 9);
    const std = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    for (const W of [p.w1, p.w2, p.w3]) expect(std(W)).toBeCloseTo(0.1, 2);
    expect(initDeepMf(40, 0.1, 9).w3).toEqual(p.w3);
    const I = new Float64Array(4).fill(0);
    I[0] = I[3] = 1;
    const A = Float64Array.from([1, 2, 3, 4]);
    expect(Array.from(deepMfProduct({ n: 2, w1: I, w2: A, w3: I }))).toEqual([1, 2, 3, 4]);
    expect(Array.from(deepMfProduct({ n: 2, w1: A, w2: I, w3: A }))).toEqual([7, 10, 15, 22]);
  });

  it('gradient descent from a small initialisation decreases the loss, and σ_max of W3W2W1 grows towards σ_max(M)', () => {
    const n = 20;
    const task = matrixCompletionTask({ n, rank: 2, p: 0.5, seed: 1 });
    const sigmaM = largestSingularValue(task.target, n, n);
    const p0 = initDeepMf(n, 0.05, 2);
    const r = fullBatchGD({
      init: () => new DeepMf(p0, task),
      lr0: 0.05,
      lrScale: 1,
      tol: 1e-4,
      maxSteps: 4000,
      maxRestarts: 0,
      snapshots: 30,
    });
    expect(r.restarts).toHaveLength(0);
    const losses = r.trajectory.map((s) => s.loss);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1]);
    expect(r.finalLoss).toBeLessThan(losses[0] / 100);
    const s0 = largestSingularValue(deepMfProduct(r.initial), n, n);
    const s1 = largestSingularValue(deepMfProduct(r.final), n, n);
    expect(s0).toBeLessThan(0.01 * sigmaM);
    expect(Math.abs(s1 / sigmaM - 1)).toBeLessThan(0.2);
  });
});
