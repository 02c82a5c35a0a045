/**
 * The three-layer kernel with several outputs (ThreeLayerMultiKernel) against
 * a plain float64 forward/backward written out below (itself checked against
 * central finite differences): the loss, one GD step of every parameter and
 * the loss after it, for dOut = 1, 3, 10, d = 1 (lookahead) and d = 20 (none),
 * n = 5 with m = 7 and 16, and n = 21 with m = 10 (rows of W2 with more than 8
 * active samples, an odd number of 4-float vectors); the lookahead on or off
 * gives the same bits; and with dOut = 1 it follows the one-output
 * ThreeLayerKernel over 20 steps (to float32 rounding; in fact bit for bit).
 * Run `npm run kernels` first. Nothing is written to disk.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/engine/data/toy1d.js';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { ThreeLayerKernel } from '../../src/engine/threeLayer/kernel.js';
import { ThreeLayerMultiKernel } from '../../src/engine/threeLayer/kernelMulti.js';
import type { ThreeLayerParams } from '../../src/engine/threeLayer/params.js';
import type { GdModel } from '../../src/engine/train/gd.js';

/** n points in R^d with x ~ N(0, 1/4); targets y_io = sin(x_i1 + o) + x_id²/2 − o/10 (n, dOut). */
function randomData(n: number, d: number, dOut: number, seed: number): Dataset {
  const next = normalSource(seed);
  const x = normalArray(next, n * d, 0.5);
  const y = new Float32Array(n * dOut);
  for (let i = 0; i < n; i++) for (let o = 0; o < dOut; o++) y[i * dOut + o] = Math.sin(x[i * d]! + o) + x[i * d + d - 1]! ** 2 / 2 - o / 10;
  return { x, y, n, d, dOut };
}

function initThree(m: number, d: number, dOut: number, beta: readonly [number, number, number], seed: number): ThreeLayerParams {
  const next = normalSource(seed);
  return {
    m,
    d,
    dOut,
    w1: normalArray(next, (d + 1) * m, beta[0]),
    w2: normalArray(next, (m + 1) * m, beta[1]),
    a: normalArray(next, m * dOut, beta[2]),
  };
}

// ---------------------------------------------------------------------------
// float64 reference: f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]) ∈ R^dOut, L = (1/n) Σ_i Σ_o E_io²

interface Params64 {
  m: number;
  d: number;
  dOut: number;
  w1: Float64Array; // (d+1, m)
  w2: Float64Array; // (m+1, m)
  a: Float64Array; // (m, dOut)
}

const relu = (h: number) => Math.max(h, 0);
const dRelu = (h: number) => (h > 0 ? 1 : 0);
const keys = ['a', 'w1', 'w2'] as const;

function to64(p: ThreeLayerParams): Params64 {
  return { m: p.m, d: p.d, dOut: p.dOut, w1: Float64Array.from(p.w1), w2: Float64Array.from(p.w2), a: Float64Array.from(p.a) };
}

/** The forward pass: H1, H2 (n, m), E (n, dOut), L. Without bias2 the appended 1 of Z̃1 is a 0. */
function forward64(p: Params64, data: Dataset, alpha: number, bias2 = true) {
  const { m, d, dOut } = p;
  const { n, x, y } = data;
  const xt = (i: number, l: number) => (l < d ? x[i * d + l]! : 1); // X̃[i,l]
  const H1 = new Float64Array(n * m);
  const H2 = new Float64Array(n * m);
  const E = new Float64Array(n * dOut);
  let L = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      let h = 0;
      for (let l = 0; l <= d; l++) h += xt(i, l) * p.w1[l * m + k]!;
      H1[i * m + k] = h;
    }
    for (let k = 0; k < m; k++) {
      let h = bias2 ? p.w2[m * m + k]! : 0;
      for (let j = 0; j < m; j++) h += relu(H1[i * m + j]!) * p.w2[j * m + k]!;
      H2[i * m + k] = h;
    }
    for (let o = 0; o < dOut; o++) {
      let f = 0;
      for (let k = 0; k < m; k++) f += relu(H2[i * m + k]!) * p.a[k * dOut + o]!;
      const e = f / alpha - y[i * dOut + o]!;
      E[i * dOut + o] = e;
      L += e * e;
    }
  }
  return { H1, H2, E, L: L / n };
}

/** ∇L by the chain rule (the formulas of the kernel's header). */
function gradient64(p: Params64, data: Dataset, alpha: number, bias2 = true) {
  const { m, d, dOut } = p;
  const { n, x } = data;
  const xt = (i: number, l: number) => (l < d ? x[i * d + l]! : 1);
  const { H1, H2, E, L } = forward64(p, data, alpha, bias2);
  const grad = { a: new Float64Array(m * dOut), w2: new Float64Array((m + 1) * m), w1: new Float64Array((d + 1) * m) };
  for (let i = 0; i < n; i++) {
    const g = Array.from({ length: dOut }, (_, o) => (2 * E[i * dOut + o]!) / (n * alpha)); // g_io
    // ∂L/∂a_ko = Σ_i g_io Z2[i,k];  δ2[i,k] = σ'(H2[i,k]) Σ_o g_io a_ko
    const delta2 = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let o = 0; o < dOut; o++) {
        grad.a[k * dOut + o] += g[o]! * relu(H2[i * m + k]!);
        s += g[o]! * p.a[k * dOut + o]!;
      }
      delta2[k] = s * dRelu(H2[i * m + k]!);
    }
    // ∂L/∂W2[j,k] = Σ_i Z̃1[i,j] δ2[i,k];  gZ1[i,j] = Σ_k W2[j,k] δ2[i,k];  ∂L/∂W1[l,j] = Σ_i X̃[i,l] gZ1[i,j] σ'(H1[i,j])
    for (let j = 0; j <= m; j++) {
      const z = j < m ? relu(H1[i * m + j]!) : bias2 ? 1 : 0;
      let gz = 0;
      for (let k = 0; k < m; k++) {
        grad.w2[j * m + k] += z * delta2[k]!;
        gz += p.w2[j * m + k]! * delta2[k]!;
      }
      if (j < m) {
        const delta1 = gz * dRelu(H1[i * m + j]!);
        for (let l = 0; l <= d; l++) grad.w1[l * m + j] += xt(i, l) * delta1;
      }
    }
  }
  return { L, grad, H1, H2 };
}

/** Largest |p − q| over the entries, and the largest |q|. */
function maxDiff(p: ArrayLike<number>, q: ArrayLike<number>): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < p.length; i++) {
    diff = Math.max(diff, Math.abs(p[i]! - q[i]!));
    scale = Math.max(scale, Math.abs(q[i]!));
  }
  return { diff, scale };
}

/** Run `steps` GD steps; the loss before each step and after the last, and the final parameters. */
function trajectory<P>(model: GdModel<P>, lr: number, steps: number): { losses: number[]; final: P } {
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    losses.push(model.loss());
    model.update(lr);
  }
  losses.push(model.loss());
  const final = model.read();
  model.dispose();
  return { losses, final };
}

describe('float64 reference, several outputs', () => {
  it('its gradient equals central finite differences of its loss (with and without b²)', () => {
    for (const bias2 of [true, false]) {
      const data = randomData(5, 3, 3, 4);
      const alpha = 0.7;
      const p = to64(initThree(6, 3, 3, [1, 0.6, 0.6], 9));
      const { grad } = gradient64(p, data, alpha, bias2);
      const h = 1e-6;
      for (const key of keys) {
        const arr = p[key];
        for (let i = 0; i < arr.length; i++) {
          const keep = arr[i]!;
          arr[i] = keep + h;
          const up = forward64(p, data, alpha, bias2).L;
          arr[i] = keep - h;
          const down = forward64(p, data, alpha, bias2).L;
          arr[i] = keep;
          expect(Math.abs((up - down) / (2 * h) - grad[key][i]!)).toBeLessThan(1e-6 * (1 + Math.abs(grad[key][i]!)));
        }
      }
    }
  });
});

const betaFor = (d: number): [number, number, number] => (d === 1 ? [1, 0.5, 0.5] : [0.3, 0.5, 0.5]);
const lrFor = (d: number) => (d === 1 ? 0.02 : 0.01);
const alpha = 0.8;

describe('ThreeLayerMultiKernel vs the float64 reference', () => {
  // d = 1: lookahead (row by row); d = 20: none (first layer in blocks). m = 7, 16: mp = 8, 16 (2 and 4 vectors).
  // n = 21, m = 10 (mp = 12, an odd number of vectors): rows of W2 with more than 8 active samples.
  const cases: { n: number; d: number; m: number; dOut: number }[] = [];
  for (const dOut of [1, 3, 10]) {
    for (const d of [1, 20]) {
      for (const m of [7, 16]) cases.push({ n: 5, d, m, dOut });
      if (dOut > 1) cases.push({ n: 21, d, m: 10, dOut });
    }
  }
  for (const { n, d, m, dOut } of cases) {
    const lr = lrFor(d);
    for (const bias2 of m === 7 ? [true, false] : [true]) {
      it(`n = ${n}, d = ${d}, m = ${m}, dOut = ${dOut}${bias2 ? '' : ', without b²'}: loss, one step of every parameter, loss after it`, () => {
        const data = randomData(n, d, dOut, 100 + d + m + dOut);
        const p0 = initThree(m, d, dOut, betaFor(d), 7 * m + dOut + d);
        const k = new ThreeLayerMultiKernel(p0, data.x, data.y, data.n, alpha, 'relu', { bias2 });
        const L0 = k.loss();
        k.update(lr);
        const L1 = k.loss(); // with lookahead (d = 1), the forward pass done inside update()
        const p1 = k.read();
        k.dispose();

        const ref = gradient64(to64(p0), data, alpha, bias2);
        // no pre-activation within float32 reach of a ReLU kink, so the comparison is meaningful (an exact 0,
        // e.g. H2 of a sample with no active first-layer unit and no b², is 0 in float32 too)
        for (const H of [ref.H1, ref.H2]) expect(Math.min(...Array.from(H, Math.abs).filter((h) => h > 0))).toBeGreaterThan(1e-5);
        expect(Math.abs(L0 - ref.L)).toBeLessThanOrEqual(1e-5 * ref.L);

        for (const key of keys) {
          // the step p0 − p1 against lr ∇L; each entry also allows the rounding of p1 to float32
          const step = Array.from(p1[key], (v, i) => p0[key][i]! - v);
          const want = Array.from(ref.grad[key], (g) => lr * g);
          const { scale } = maxDiff(step, want);
          expect(scale).toBeGreaterThan(0);
          for (let i = 0; i < step.length; i++) {
            const ulp = 2 ** -23 * Math.max(Math.abs(p0[key][i]!), Math.abs(p1[key][i]!));
            expect(Math.abs(step[i]! - want[i]!), `${key}[${i}]`).toBeLessThanOrEqual(1e-4 * scale + ulp);
          }
        }
        // the loss at the kernel's new parameters
        const after = forward64(to64(p1), data, alpha, bias2).L;
        expect(Math.abs(L1 - after)).toBeLessThanOrEqual(1e-5 * after);
        expect(L1).toBeLessThan(L0); // a descent step
      });
    }
  }

  for (const { n, d, m, dOut } of [
    { n: 5, d: 1, m: 7, dOut: 3 },
    { n: 5, d: 1, m: 16, dOut: 10 },
    { n: 5, d: 20, m: 7, dOut: 10 },
    { n: 21, d: 20, m: 10, dOut: 10 },
  ]) {
    it(`n = ${n}, d = ${d}, m = ${m}, dOut = ${dOut}: the forward pass folded into update() gives the same bits as a separate one`, () => {
      const data = randomData(n, d, dOut, 3);
      const p0 = initThree(m, d, dOut, betaFor(d), 11);
      const on = trajectory(new ThreeLayerMultiKernel(p0, data.x, data.y, data.n, alpha, 'relu', { lookahead: true }), lrFor(d), 30);
      const off = trajectory(new ThreeLayerMultiKernel(p0, data.x, data.y, data.n, alpha, 'relu', { lookahead: false }), lrFor(d), 30);
      expect(on.losses[30]).toBeLessThan(on.losses[0]!);
      expect(on.losses).toEqual(off.losses);
      expect(on.final).toEqual(off.final);
    });
  }
});

describe('ThreeLayerMultiKernel with dOut = 1 vs ThreeLayerKernel', () => {
  for (const { n, d, m } of [
    { n: 5, d: 1, m: 7 },
    { n: 5, d: 1, m: 16 },
    { n: 5, d: 20, m: 7 },
    { n: 5, d: 20, m: 16 },
    { n: 21, d: 1, m: 10 },
    { n: 21, d: 20, m: 10 },
  ]) {
    it(`n = ${n}, d = ${d}, m = ${m}: the same loss trajectory over 20 steps`, () => {
      const data = randomData(n, d, 1, 21);
      const p0 = initThree(m, d, 1, betaFor(d), 22);
      const multi = trajectory(new ThreeLayerMultiKernel(p0, data.x, data.y, data.n, alpha), lrFor(d), 20);
      const one = trajectory(new ThreeLayerKernel(p0, data.x, data.y, data.n, alpha), lrFor(d), 20);
      expect(one.losses[20]).toBeLessThan(one.losses[0]!); // it trains
      for (let s = 0; s <= 20; s++) expect(Math.abs(multi.losses[s]! - one.losses[s]!)).toBeLessThanOrEqual(1e-6 * one.losses[s]!);
      for (const key of keys) {
        const { diff, scale } = maxDiff(multi.final[key], one.final[key]);
        expect(diff).toBeLessThanOrEqual(1e-6 * scale);
      }
      // in fact the same bits, as the kernel's header says (its sums are the one-output kernel's, in the same order)
      expect(multi.losses).toEqual(one.losses);
    });
  }
});

describe('ThreeLayerMultiKernel: protocol', () => {
  it('leaves its inputs alone, read() returns the ThreeLayerParams layout, rejects misuse, and two kernels can be alive at once', () => {
    const data = randomData(5, 2, 3, 1);
    const p = initThree(7, 2, 3, [1, 0.5, 0.5], 1);
    const copy = structuredClone(p);
    const k1 = new ThreeLayerMultiKernel(p, data.x, data.y, data.n, 1);
    expect(k1.read()).toEqual(copy);
    expect(() => k1.update(0.1)).toThrow(/before loss/);
    const L1 = k1.loss();
    const k2 = new ThreeLayerMultiKernel(initThree(7, 2, 3, [1, 0.5, 0.5], 2), data.x, data.y, data.n, 1);
    k2.loss();
    k2.update(0.1);
    k1.update(0.1);
    expect(p).toEqual(copy);
    k1.dispose();
    expect(() => k1.loss()).toThrow(/dispose/);
    const k3 = new ThreeLayerMultiKernel(p, data.x, data.y, data.n, 1);
    expect(k3.loss()).toBe(L1);
    k3.dispose();
    k2.dispose();
    expect(() => new ThreeLayerMultiKernel(p, data.x, data.y.subarray(0, 5), data.n, 1)).toThrow(/y \(n, dOut\)/);
    expect(() => new ThreeLayerMultiKernel({ ...p, dOut: 2 }, data.x, data.y, data.n, 1)).toThrow(/shapes/);
    expect(() => new ThreeLayerMultiKernel(p, data.x, data.y, data.n, 1, 'tanh')).toThrow(/ReLU/);
  });
});
