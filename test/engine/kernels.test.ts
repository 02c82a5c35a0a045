/**
 * The fused WebAssembly kernels against references:
 *   two-layer:   TwoLayerKernel vs TwoLayerTf (tfjs), 200 GD steps;
 *   two-layer, smooth activations: TwoLayerSmoothKernel vs TwoLayerTf for
 *                each of tanh, sigmoid, softplus, x·tanh x, sigmoid0,
 *                softplus0, 200 steps at unit scale and 2000 steps at the
 *                small initialisation of chen2023;
 *   three-layer: ThreeLayerKernel vs a plain float64 forward/backward written
 *                out below (itself checked against finite differences), one
 *                step vs finite differences, and vs ThreeLayerTf;
 *   both:        the forward pass folded into update() or not gives the same
 *                bits, and the same seed gives the same bits.
 * trainTwoLayer with either injected model (twoLayerKernel, twoLayerTf) on one cell.
 * Run `npm run kernels` first (npm test does it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/engine/backend.js';
import { toy1d, type Dataset } from '../../src/engine/data/toy1d.js';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { ThreeLayerKernel } from '../../src/engine/threeLayer/kernel.js';
import type { ThreeLayerParams } from '../../src/engine/threeLayer/params.js';
import { ThreeLayerTf } from '../../src/engine/threeLayer/tf.js';
import { fullBatchGD, type GdModel } from '../../src/engine/train/gd.js';
import { points1d } from '../../src/engine/data/points1d.js';
import { TwoLayerKernel, twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { type SmoothActivationName, smoothActivationCodes, TwoLayerSmoothKernel, twoLayerSmoothKernel } from '../../src/engine/twoLayer/kernelSmooth.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { initTwoLayer, type TwoLayerParams } from '../../src/engine/twoLayer/params.js';
import { TwoLayerTf, twoLayerTf } from '../../src/engine/twoLayer/tf.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';

beforeAll(async () => {
  await initBackend();
});

/** n points in R^d with x ~ N(0, 1/4) and y = sin(x_1) + x_d²/2 (one output). */
function randomData(n: number, d: number, seed: number): Dataset {
  const next = normalSource(seed);
  const x = normalArray(next, n * d, 0.5);
  const y = Float32Array.from({ length: n }, (_, i) => Math.sin(x[i * d]) + x[i * d + d - 1] ** 2 / 2);
  return { x, y, n, d, dOut: 1 };
}

/** Largest |p − q| over the entries, and the largest |q|. */
function maxDiff(p: ArrayLike<number>, q: ArrayLike<number>): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < p.length; i++) {
    diff = Math.max(diff, Math.abs(p[i] - q[i]));
    scale = Math.max(scale, Math.abs(q[i]));
  }
  return { diff, scale };
}

/** Run `steps` GD steps; the loss before each step, and the final parameters. */
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

function expectTrajectoriesClose(kernel: number[], reference: number[], rtol: number): void {
  expect(kernel.length).toBe(reference.length);
  for (let s = 0; s < kernel.length; s++) expect(Math.abs(kernel[s] - reference[s])).toBeLessThanOrEqual(rtol * Math.abs(reference[s]));
}

describe('two-layer kernel vs TwoLayerTf', () => {
  const cases = [
    { name: 'toy 1-d data, n = 4, d = 1, m = 102', data: toy1d(), m: 102, alpha: 10, lr: 2 },
    { name: 'n = 5, d = 3, m = 37', data: randomData(5, 3, 11), m: 37, alpha: 6, lr: 1 },
    // d + 1 > 16: no lookahead by default, H kept from the forward pass
    { name: 'n = 7, d = 20, m = 26', data: randomData(7, 20, 12), m: 26, alpha: 6, lr: 1 },
  ];
  for (const { name, data, m, alpha, lr } of cases) {
    it(`${name}: 200 steps, same losses and parameters`, () => {
      const p0 = initTwoLayer(m, data.d, { beta1: 1, beta2: 1 }, 3);
      const ker = trajectory(new TwoLayerKernel(p0, data.x, data.y, data.n, alpha), lr, 200);
      const ref = trajectory(new TwoLayerTf(p0, data.x, data.y, data.n, alpha, 'relu'), lr, 200);
      expect(ref.losses[200]).toBeLessThan(0.5 * ref.losses[0]); // it trains
      expectTrajectoriesClose(ker.losses, ref.losses, 1e-4);
      for (const key of ['a', 'w'] as const) {
        const { diff, scale } = maxDiff(ker.final[key], ref.final[key]);
        expect(diff).toBeLessThan(1e-4 * scale);
      }
    });
  }

  for (const { name, data, m } of [
    { name: 'toy 1-d data, n = 4, d = 1', data: toy1d(), m: 30 },
    { name: 'n = 5, d = 3', data: randomData(5, 3, 13), m: 37 },
  ]) {
    it(`${name}: the forward pass folded into update() gives the same bits as a separate one`, () => {
      const p0 = initTwoLayer(m, data.d, { beta1: 1, beta2: 1 }, 4);
      const on = trajectory(new TwoLayerKernel(p0, data.x, data.y, data.n, 5, 'relu', { lookahead: true }), 1, 50);
      const off = trajectory(new TwoLayerKernel(p0, data.x, data.y, data.n, 5, 'relu', { lookahead: false }), 1, 50);
      expect(on.losses).toEqual(off.losses);
      expect(on.final).toEqual(off.final);
    });
  }

  it('the input is not modified, and read() returns the layout of TwoLayerParams', () => {
    const data = toy1d();
    const p0 = initTwoLayer(10, 1, { beta1: 1, beta2: 1 }, 1);
    const copy = structuredClone(p0);
    const k = new TwoLayerKernel(p0, data.x, data.y, data.n, 1);
    expect(k.read()).toEqual(copy);
    k.loss();
    k.update(0.1);
    expect(p0).toEqual(copy);
    expect(() => k.update(0.1)).toThrow(/before loss/);
    k.dispose();
    expect(() => k.loss()).toThrow(/dispose/);
  });
});

/**
 * |L_kernel − L_ref| ≤ rtol L_ref + atol L_ref(0) at every step: once a smooth net fits the
 * data the loss is a difference of float32 outputs and targets, so near a fit it agrees to
 * float32 rounding of the residuals (relative to the initial loss), not of the loss itself.
 */
function expectLossesClose(kernel: number[], reference: number[], rtol: number, atol: number): void {
  expect(kernel.length).toBe(reference.length);
  for (let s = 0; s < kernel.length; s++) expect(Math.abs(kernel[s] - reference[s])).toBeLessThanOrEqual(rtol * reference[s] + atol * reference[0]);
}

describe('two-layer smooth-activation kernel vs TwoLayerTf', () => {
  const smooth = Object.keys(smoothActivationCodes) as SmoothActivationName[];
  /** σ(0) ≠ 0: the kernel needs m to be a multiple of 4 (no padded neurons) */
  const widthFor = (act: SmoothActivationName, m: number) => (act === 'sigmoid' || act === 'softplus' ? 4 * Math.ceil(m / 4) : m);
  const cases = [
    { name: 'toy 1-d data, n = 4, d = 1, m = 102', data: toy1d(), m: 102, alpha: 10, lr: 0.5 },
    { name: 'n = 5, d = 3, m = 37', data: randomData(5, 3, 11), m: 37, alpha: 6, lr: 0.5 },
    // d + 1 > 16: no lookahead by default, H kept from the forward pass
    { name: 'n = 7, d = 20, m = 26', data: randomData(7, 20, 12), m: 26, alpha: 6, lr: 0.5 },
  ];
  for (const act of smooth) {
    for (const { name, data, m: m0, alpha, lr } of cases) {
      const m = widthFor(act, m0);
      // Unit scale (β1 = β2 = 1): σ, σ' are evaluated to a few float32 ulp on both paths, so
      // losses and parameters agree to float32 rounding, accumulated over 200 steps: 1e-4 relative
      // (losses: plus 1e-6 of the initial loss, see expectLossesClose).
      it(`${act}, ${name}: 200 steps at unit scale, same losses and parameters (rtol 1e-4)`, () => {
        const p0 = initTwoLayer(m, data.d, { beta1: 1, beta2: 1 }, 3);
        const ker = trajectory(new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, alpha, act), lr, 200);
        const ref = trajectory(new TwoLayerTf(p0, data.x, data.y, data.n, alpha, act), lr, 200);
        expect(ref.losses[200]).toBeLessThan(0.95 * ref.losses[0]); // it trains
        expectLossesClose(ker.losses, ref.losses, 1e-4, 1e-6);
        for (const key of ['a', 'w'] as const) {
          const { diff, scale } = maxDiff(ker.final[key], ref.final[key]);
          expect(diff).toBeLessThan(1e-4 * scale);
        }
      });
    }
  }
  // chen2023's setting and activations (σ(0) = 0): points1d data, β1 = β2 = 1/m, α = 1, through the
  // initial plateau and, for tanh, on to a fit. Near h = 0, TensorFlow.js's sigmoid(h) − 1/2 and
  // softplus(h) − log 2 carry an absolute error of ~3e-8 (half an ulp of 1/2, log 2) on values of
  // order |h| ~ 1e-3, which the kernel avoids (assembly/smooth.ts): parameters agree to 1e-4
  // relative, losses to 1e-5 relative plus 1e-6 of the initial loss.
  for (const act of ['tanh', 'sigmoid0', 'softplus0', 'xtanh'] as const) {
    it(`${act}, chen2023 small initialisation (m = 300, β = 1/m): 2000 steps, same losses (rtol 1e-5) and parameters (rtol 1e-4)`, () => {
      const data = points1d('linear');
      const m = 300;
      const p0 = initTwoLayer(m, 1, { beta1: 1 / m, beta2: 1 / m }, 7);
      const ker = trajectory(new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, 1, act), 0.05, 2000);
      const ref = trajectory(new TwoLayerTf(p0, data.x, data.y, data.n, 1, act), 0.05, 2000);
      expectLossesClose(ker.losses, ref.losses, 1e-5, 1e-6);
      for (const key of ['a', 'w'] as const) {
        const { diff, scale } = maxDiff(ker.final[key], ref.final[key]);
        expect(diff).toBeLessThan(1e-4 * scale);
      }
      // the parameters moved: the comparison is not of the initialisation with itself
      expect(maxDiff(ker.final.a, p0.a).diff).toBeGreaterThan(
        0.1 *
          maxDiff(
            p0.a,
            p0.a.map(() => 0),
          ).scale,
      );
    });
  }

  for (const act of ['tanh', 'softplus0'] as const) {
    it(`${act}: the forward pass folded into update() gives the same bits as a separate one`, () => {
      const data = randomData(5, 3, 13);
      const p0 = initTwoLayer(37, data.d, { beta1: 1, beta2: 1 }, 4);
      const on = trajectory(new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, 5, act, { lookahead: true }), 0.5, 50);
      const off = trajectory(new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, 5, act, { lookahead: false }), 0.5, 50);
      expect(on.losses).toEqual(off.losses);
      expect(on.final).toEqual(off.final);
    });
  }

  it('rejects what it does not implement', () => {
    const data = toy1d();
    const p0 = initTwoLayer(10, 1, { beta1: 1, beta2: 1 }, 1);
    expect(() => new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, 1, 'relu')).toThrow(/smooth kernel implements/);
    expect(() => new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, 1, 'sigmoid')).toThrow(/multiple of 4/);
    expect(() => new TwoLayerSmoothKernel(p0, data.x, data.y, data.n, 1, 'tanh')).not.toThrow();
  });
});

// ---------------------------------------------------------------------------
// Three-layer float64 reference: f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]), one output.

interface Params64 {
  m: number;
  d: number;
  w1: Float64Array; // (d+1, m)
  w2: Float64Array; // (m+1, m)
  a: Float64Array; // (m)
}

const relu = (h: number) => Math.max(h, 0);
const step = (h: number) => (h > 0 ? 1 : 0);

function to64(p: ThreeLayerParams): Params64 {
  return { m: p.m, d: p.d, w1: Float64Array.from(p.w1), w2: Float64Array.from(p.w2), a: Float64Array.from(p.a) };
}

/** The forward pass, every intermediate kept: H1, Z1, H2, Z2 (n, m); E (n); L. */
function forward64(p: Params64, data: Dataset, alpha: number) {
  const { m, d } = p;
  const { n, x, y } = data;
  const xt = (i: number, l: number) => (l < d ? x[i * d + l] : 1); // X̃[i,l]
  const H1 = new Float64Array(n * m);
  const H2 = new Float64Array(n * m);
  const E = new Float64Array(n);
  let L = 0;
  for (let i = 0; i < n; i++) {
    // H1[i,k] = Σ_l X̃[i,l] W1[l,k]
    for (let k = 0; k < m; k++) {
      let h = 0;
      for (let l = 0; l <= d; l++) h += xt(i, l) * p.w1[l * m + k];
      H1[i * m + k] = h;
    }
    // H2[i,k] = Σ_j Z1[i,j] W2[j,k] + W2[m,k]
    for (let k = 0; k < m; k++) {
      let h = p.w2[m * m + k];
      for (let j = 0; j < m; j++) h += relu(H1[i * m + j]) * p.w2[j * m + k];
      H2[i * m + k] = h;
    }
    // F_i = (1/α) Σ_k a_k Z2[i,k];  E_i = F_i − y_i
    let f = 0;
    for (let k = 0; k < m; k++) f += p.a[k] * relu(H2[i * m + k]);
    E[i] = f / alpha - y[i];
    L += E[i] ** 2;
  }
  return { H1, H2, E, L: L / n };
}

/** ∇L by the chain rule, from the forward pass (see the kernel's header for the formulas). */
function gradient64(p: Params64, data: Dataset, alpha: number) {
  const { m, d } = p;
  const { n, x } = data;
  const xt = (i: number, l: number) => (l < d ? x[i * d + l] : 1);
  const { H1, H2, E, L } = forward64(p, data, alpha);
  const ga = new Float64Array(m);
  const gw2 = new Float64Array((m + 1) * m);
  const gw1 = new Float64Array((d + 1) * m);
  for (let i = 0; i < n; i++) {
    const g = (2 * E[i]) / (n * alpha); // ∂L/∂F_i · (1/α)
    // ∂L/∂a_k = Σ_i g_i Z2[i,k];  δ2[i,k] = g_i a_k σ'(H2[i,k])
    const delta2 = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      ga[k] += g * relu(H2[i * m + k]);
      delta2[k] = g * p.a[k] * step(H2[i * m + k]);
    }
    // ∂L/∂W2[j,k] = Σ_i Z̃1[i,j] δ2[i,k];  gZ1[i,j] = Σ_k W2[j,k] δ2[i,k];  δ1 = gZ1 σ'(H1)
    for (let j = 0; j <= m; j++) {
      const z = j < m ? relu(H1[i * m + j]) : 1;
      let gz = 0;
      for (let k = 0; k < m; k++) {
        gw2[j * m + k] += z * delta2[k];
        gz += p.w2[j * m + k] * delta2[k];
      }
      if (j < m) {
        const delta1 = gz * step(H1[i * m + j]);
        // ∂L/∂W1[l,j] = Σ_i X̃[i,l] δ1[i,j]
        for (let l = 0; l <= d; l++) gw1[l * m + j] += xt(i, l) * delta1;
      }
    }
  }
  return { L, ga, gw1, gw2, H1 };
}

function step64(p: Params64, data: Dataset, alpha: number, lr: number) {
  const { L, ga, gw1, gw2, H1 } = gradient64(p, data, alpha);
  const next: Params64 = {
    m: p.m,
    d: p.d,
    w1: p.w1.map((v, i) => v - lr * gw1[i]),
    w2: p.w2.map((v, i) => v - lr * gw2[i]),
    a: p.a.map((v, i) => v - lr * ga[i]),
  };
  return { L, next, H1 };
}

function initThree(m: number, d: number, beta: [number, number, number], seed: number): ThreeLayerParams {
  const next = normalSource(seed);
  return {
    m,
    d,
    dOut: 1,
    w1: normalArray(next, (d + 1) * m, beta[0]),
    w2: normalArray(next, (m + 1) * m, beta[1]),
    a: normalArray(next, m, beta[2]),
  };
}

describe('three-layer kernel vs float64 reference', () => {
  it('the float64 gradient equals central finite differences of the float64 loss', () => {
    const data = randomData(5, 3, 4);
    const alpha = 0.7;
    const p = to64(initThree(6, 3, [1, 0.6, 0.6], 9));
    const { ga, gw1, gw2 } = gradient64(p, data, alpha);
    const h = 1e-6;
    for (const [key, grad] of [
      ['a', ga],
      ['w1', gw1],
      ['w2', gw2],
    ] as const) {
      const arr = p[key];
      for (let i = 0; i < arr.length; i++) {
        const keep = arr[i];
        arr[i] = keep + h;
        const up = forward64(p, data, alpha).L;
        arr[i] = keep - h;
        const down = forward64(p, data, alpha).L;
        arr[i] = keep;
        expect(Math.abs((up - down) / (2 * h) - grad[i])).toBeLessThan(1e-6 * (1 + Math.abs(grad[i])));
      }
    }
  });

  const cases = [
    { name: 'toy 1-d data, n = 4, d = 1, m = 50', data: toy1d(), m: 50, alpha: 1, lr: 0.05, beta: [1, 0.3, 0.3] as [number, number, number] },
    { name: 'n = 5, d = 3, m = 37', data: randomData(5, 3, 7), m: 37, alpha: 1, lr: 0.02, beta: [1, 0.3, 0.3] as [number, number, number] },
    { name: 'n = 13, d = 2, m = 21', data: randomData(13, 2, 8), m: 21, alpha: 1, lr: 0.05, beta: [1, 0.4, 0.4] as [number, number, number] },
    // d + 1 > 16: by default W1 is updated after the pass over W2 and loss() runs a separate forward pass
    { name: 'n = 9, d = 20, m = 13', data: randomData(9, 20, 9), m: 13, alpha: 1, lr: 0.05, beta: [0.3, 0.4, 0.4] as [number, number, number] },
  ];
  for (const { name, data, m, alpha, lr, beta } of cases) {
    it(`${name}: one step equals −lr ∇L by finite differences`, () => {
      const p0 = initThree(m, data.d, beta, 21);
      const k = new ThreeLayerKernel(p0, data.x, data.y, data.n, alpha);
      const step = 1e-2;
      const L0 = k.loss();
      k.update(step);
      const p1 = k.read();
      k.dispose();
      const p = to64(p0);
      expect(Math.abs(L0 - forward64(p, data, alpha).L)).toBeLessThan(1e-5 * forward64(p, data, alpha).L);
      const h = 1e-6;
      for (const key of ['a', 'w1', 'w2'] as const) {
        const arr = p[key];
        const fd = Array.from(arr, (_, i) => {
          const keep = arr[i];
          arr[i] = keep + h;
          const up = forward64(p, data, alpha).L;
          arr[i] = keep - h;
          const down = forward64(p, data, alpha).L;
          arr[i] = keep;
          return (up - down) / (2 * h);
        });
        const kernelGrad = Array.from(p1[key], (v, i) => (p0[key][i] - v) / step);
        const { diff, scale } = maxDiff(kernelGrad, fd);
        expect(scale).toBeGreaterThan(0);
        expect(diff).toBeLessThan(2e-3 * scale);
      }
    });

    it(`${name}: 200 steps follow the float64 trajectory`, () => {
      const p0 = initThree(m, data.d, beta, 5);
      const ker = trajectory(new ThreeLayerKernel(p0, data.x, data.y, data.n, alpha), lr, 200);
      let p = to64(p0);
      const losses: number[] = [];
      let flips = 0;
      let previous: Float64Array | undefined;
      for (let s = 0; s < 200; s++) {
        const { L, next, H1 } = step64(p, data, alpha, lr);
        losses.push(L);
        if (previous) flips += H1.filter((h, i) => h > 0 !== previous![i] > 0).length;
        previous = H1;
        p = next;
      }
      losses.push(forward64(p, data, alpha).L);
      expect(losses[200]).toBeLessThan(0.01 * losses[0]); // it trains
      expect(losses[200]).toBeLessThan(losses[199]); // and is still training at the end
      expect(flips).toBeGreaterThan(0); // first-layer activation patterns change on the way
      expectTrajectoriesClose(ker.losses, losses, 1e-4);
      for (const key of ['a', 'w1', 'w2'] as const) {
        const { diff, scale } = maxDiff(ker.final[key], p[key]);
        expect(diff).toBeLessThan(1e-4 * scale);
      }
    });

    it(`${name}: the forward pass folded into update() gives the same bits as a separate one`, () => {
      const p0 = initThree(m, data.d, beta, 6);
      const on = trajectory(new ThreeLayerKernel(p0, data.x, data.y, data.n, alpha, 'relu', { lookahead: true }), lr, 50);
      const off = trajectory(new ThreeLayerKernel(p0, data.x, data.y, data.n, alpha, 'relu', { lookahead: false }), lr, 50);
      expect(on.losses).toEqual(off.losses);
      for (const key of ['a', 'w1', 'w2'] as const) expect(on.final[key]).toEqual(off.final[key]);
    });
  }

  it('rejects what it does not implement, and two kernels can be alive at once', () => {
    const data = toy1d();
    const p = initThree(8, 1, [1, 0.5, 0.5], 1);
    expect(() => new ThreeLayerKernel({ ...p, dOut: 2, a: new Float32Array(16) }, data.x, new Float32Array(8), 4, 1)).toThrow(/one output/);
    const k1 = new ThreeLayerKernel(p, data.x, data.y, data.n, 1);
    const k2 = new ThreeLayerKernel(initThree(8, 1, [1, 0.5, 0.5], 2), data.x, data.y, data.n, 1);
    const L1 = k1.loss();
    k2.loss();
    k2.update(0.1);
    k1.dispose();
    k2.loss();
    const k3 = new ThreeLayerKernel(p, data.x, data.y, data.n, 1);
    expect(k3.loss()).toBe(L1);
    expect(k3.read()).toEqual(p);
    k3.dispose();
    k2.dispose();
  });
});

describe('three-layer kernel vs ThreeLayerTf', () => {
  for (const bias2 of [true, false]) {
    it(`toy 1-d data, m = 30${bias2 ? '' : ', without b²'}: 200 steps, same losses and parameters`, () => {
      const data = toy1d();
      const p0 = initThree(30, 1, [1, 0.3, 0.3], 17);
      const ker = trajectory(new ThreeLayerKernel(p0, data.x, data.y, data.n, 1, 'relu', { bias2 }), 0.05, 200);
      const ref = trajectory(new ThreeLayerTf(p0, data.x, data.y, data.n, 1, 'relu', { bias2 }), 0.05, 200);
      expect(ref.losses[200]).toBeLessThan(0.05 * ref.losses[0]);
      expectTrajectoriesClose(ker.losses, ref.losses, 1e-4);
      for (const key of ['a', 'w1', 'w2'] as const) {
        const { diff, scale } = maxDiff(ker.final[key], ref.final[key]);
        expect(diff).toBeLessThan(1e-4 * scale);
      }
      if (!bias2) expect(ker.final.w2.subarray(30 * 30)).toEqual(p0.w2.subarray(30 * 30));
    });
  }
});

describe('determinism', () => {
  it('the same seed gives the same bits (two-layer and three-layer, fullBatchGD)', () => {
    const data = toy1d();
    const runTwo = () =>
      fullBatchGD<TwoLayerParams>({
        init: (a) => new TwoLayerKernel(initTwoLayer(100, 1, { beta1: 1, beta2: 1 }, 5 + a), data.x, data.y, data.n, 10),
        lr0: 4,
        lrScale: 1,
        tol: 1e-6,
        maxSteps: 2000,
        maxRestarts: 5,
      });
    const runThree = () =>
      fullBatchGD<ThreeLayerParams>({
        init: (a) => new ThreeLayerKernel(initThree(64, 1, [1, 0.25, 0.25], 5 + a), data.x, data.y, data.n, 1),
        lr0: 1,
        lrScale: 1,
        tol: 1e-6,
        maxSteps: 2000,
        maxRestarts: 5,
      });
    const bits = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    const [p, q] = [runTwo(), runTwo()];
    expect(p.trajectory).toEqual(q.trajectory);
    expect(bits(p.final.w)).toEqual(bits(q.final.w));
    expect(bits(p.final.a)).toEqual(bits(q.final.a));
    const [r, s] = [runThree(), runThree()];
    expect(r.trajectory).toEqual(s.trajectory);
    for (const key of ['w1', 'w2', 'a'] as const) expect(bits(r.final[key])).toEqual(bits(s.final[key]));
  });
});

describe('trainTwoLayer: the kernel and the TensorFlow.js path on the same cell', () => {
  it('agree on the protocol outcome and RD within float32 tolerance', () => {
    for (const gamma of [0.75, 1.75]) {
      const m = 400;
      const protocol = { lr0: 0.5, tol: 1e-5, maxSteps: 100_000, maxRestarts: 10 };
      const spec = { data: toy1d(), m, scales: twoLayerScales(m, gamma, 0), activation: 'relu' as const, seed: 9, antisymmetric: false, protocol };
      const kernel = trainTwoLayer({ ...spec, model: twoLayerKernel });
      const ref = trainTwoLayer({ ...spec, model: twoLayerTf });
      expect(kernel.path).toBe('wasm-kernel');
      expect(ref.path).toBe('tfjs');
      expect(kernel.gd.status).toBe('converged');
      expect(kernel.gd.status).toBe(ref.gd.status);
      expect(kernel.gd.lr0).toBe(ref.gd.lr0);
      expect(Math.abs(kernel.gd.steps - ref.gd.steps)).toBeLessThanOrEqual(Math.max(2, 0.01 * ref.gd.steps));
      expect(Math.abs(kernel.rdW - ref.rdW) / ref.rdW).toBeLessThan(1e-3);
    }
  });

  // chen2023-condensation's quick cell (points1d, m = 300, β = 1/m, until the loss falls to 0.9 L0), per activation
  for (const act of ['tanh', 'sigmoid0', 'softplus0', 'xtanh'] as const) {
    it(`${act}: the smooth kernel and TensorFlow.js agree on the outcome, steps and RD (chen2023 cell)`, () => {
      const data = points1d('linear');
      const m = 300;
      const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n;
      const protocol = { lr0: 0.05, tol: 0.9 * L0, maxSteps: 200_000, maxRestarts: 20 };
      const spec = { data, m, scales: { alpha: 1, beta1: 1 / m, beta2: 1 / m }, activation: act, seed: 5, antisymmetric: false, protocol };
      const kernel = trainTwoLayer({ ...spec, model: twoLayerSmoothKernel });
      const ref = trainTwoLayer({ ...spec, model: twoLayerTf });
      expect(kernel.path).toBe('wasm-kernel');
      expect(kernel.gd.status).toBe('converged');
      expect(kernel.gd.status).toBe(ref.gd.status);
      expect(kernel.gd.lr0).toBe(ref.gd.lr0);
      expect(Math.abs(kernel.gd.steps - ref.gd.steps)).toBeLessThanOrEqual(Math.max(2, 0.01 * ref.gd.steps));
      expect(Math.abs(kernel.rdW - ref.rdW) / ref.rdW).toBeLessThan(1e-3);
      expect(Math.abs(kernel.rdA - ref.rdA) / ref.rdA).toBeLessThan(1e-3);
    });
  }
});
