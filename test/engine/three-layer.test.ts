/**
 * The three-layer network (and the two-layer one with several outputs):
 * hand-written gradients, initialisation, and zhou2022's normalised model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../src/engine/backend.js';
import { activations, type ActivationName } from '../../src/engine/activations.js';
import { toy1d } from '../../src/engine/data/toy1d.js';
import { augment } from '../../src/engine/augment.js';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { initThreeLayer, type ThreeLayerParams } from '../../src/engine/threeLayer/params.js';
import { zhou2022Table2, zhou2022Table2Scales } from '../../src/engine/threeLayer/table2.js';
import { threeLayerPredict, ThreeLayerTf } from '../../src/engine/threeLayer/tf.js';
import { initTwoLayer } from '../../src/engine/twoLayer/params.js';
import { twoLayerPredict, TwoLayerTf } from '../../src/engine/twoLayer/tf.js';

beforeAll(async () => {
  await initBackend();
});

const ACTS = Object.keys(activations) as ActivationName[];

const sigma64: Record<ActivationName, (z: number) => number> = {
  relu: (z) => Math.max(z, 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  softplus: (z) => Math.log1p(Math.exp(z)),
  sigmoid0: (z) => 1 / (1 + Math.exp(-z)) - 0.5,
  softplus0: (z) => Math.log1p(Math.exp(z)) - Math.LN2,
  xtanh: (z) => z * Math.tanh(z),
};

/** A small random regression problem: x (n, d), y (n, dOut). */
function randomData(n: number, d: number, dOut: number, seed: number) {
  const next = normalSource(seed);
  return { x: normalArray(next, n * d, 1), y: normalArray(next, n * dOut, 0.5), n, d, dOut };
}

/** L = (1/n) Σ_i Σ_o (f_o(x_i) − y_io)² of the three-layer net, in float64, straight from the definition. */
function threeLoss64(
  w1: ArrayLike<number>, // (d+1, m)
  w2: ArrayLike<number>, // (m+1, m)
  a: ArrayLike<number>, // (m, dOut)
  m: number,
  dOut: number,
  alpha: number,
  act: ActivationName,
  x: Float32Array,
  y: Float32Array,
  n: number,
  d: number,
  bias2 = true,
): number {
  const s = sigma64[act];
  let L = 0;
  for (let i = 0; i < n; i++) {
    const z1 = new Float64Array(m + 1);
    for (let k = 0; k < m; k++) {
      let h = w1[d * m + k]; // b¹_k
      for (let j = 0; j < d; j++) h += w1[j * m + k] * x[i * d + j];
      z1[k] = s(h);
    }
    z1[m] = bias2 ? 1 : 0;
    const z2 = new Float64Array(m);
    for (let l = 0; l < m; l++) {
      let h = 0;
      for (let k = 0; k <= m; k++) h += z1[k] * w2[k * m + l];
      z2[l] = s(h);
    }
    for (let o = 0; o < dOut; o++) {
      let f = 0;
      for (let l = 0; l < m; l++) f += a[l * dOut + o] * z2[l];
      L += (f / alpha - y[i * dOut + o]) ** 2;
    }
  }
  return L / n;
}

/** L of the two-layer net with dOut outputs, in float64. */
function twoLoss64(
  w: ArrayLike<number>,
  a: ArrayLike<number>,
  m: number,
  dOut: number,
  alpha: number,
  act: ActivationName,
  x: Float32Array,
  y: Float32Array,
  n: number,
  d: number,
): number {
  const s = sigma64[act];
  let L = 0;
  for (let i = 0; i < n; i++) {
    const z = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      let h = w[d * m + k];
      for (let j = 0; j < d; j++) h += w[j * m + k] * x[i * d + j];
      z[k] = s(h);
    }
    for (let o = 0; o < dOut; o++) {
      let f = 0;
      for (let k = 0; k < m; k++) f += a[k * dOut + o] * z[k];
      L += (f / alpha - y[i * dOut + o]) ** 2;
    }
  }
  return L / n;
}

/** Central finite differences of `loss` with respect to every entry of each array (float64). */
function finiteDifferences(arrays: Float64Array[], loss: () => number, h = 1e-6): number[][] {
  return arrays.map((arr) =>
    Array.from(arr, (_, i) => {
      const keep = arr[i];
      arr[i] = keep + h;
      const up = loss();
      arr[i] = keep - h;
      const down = loss();
      arr[i] = keep;
      return (up - down) / (2 * h);
    }),
  );
}

/** Every hand-written entry within tol·scale of autograd and of finite differences. */
function expectClose(hand: number[][], auto: number[][], fd: number[][], tol = 2e-3) {
  const scale = Math.max(...fd.flat().map(Math.abs));
  expect(scale).toBeGreaterThan(1e-4);
  for (let p = 0; p < hand.length; p++) {
    expect(hand[p].length).toBe(fd[p].length);
    for (let i = 0; i < hand[p].length; i++) {
      expect(Math.abs(hand[p][i] - auto[p][i])).toBeLessThan(tol * scale);
      expect(Math.abs(hand[p][i] - fd[p][i])).toBeLessThan(tol * scale);
    }
  }
}

describe('three-layer gradients', () => {
  const m = 6;
  const d = 2;
  const n = 5;
  const alpha = 2;
  const lr = 1e-2;

  for (const dOut of [1, 3]) {
    for (const act of ACTS) {
      it(`${act}, dOut = ${dOut}: the update equals −lr ∇L from tfjs autograd and from float64 finite differences`, () => {
        const data = randomData(n, d, dOut, 1 + dOut);
        const p0 = initThreeLayer(m, d, { beta1: 1, beta2: 0.6, beta3: 1 }, 42, false, dOut);
        const model = new ThreeLayerTf(p0, data.x, data.y, n, alpha, act);
        const L = model.loss();
        model.update(lr);
        const p1 = model.read();
        model.dispose();
        const hand = [
          Array.from(p1.w1, (v, i) => (p0.w1[i] - v) / lr),
          Array.from(p1.w2, (v, i) => (p0.w2[i] - v) / lr),
          Array.from(p1.a, (v, i) => (p0.a[i] - v) / lr),
        ];

        // autograd through a forward pass written here, row-wise
        const X = tf.tensor2d(augment(data.x, n, d), [n, d + 1]);
        const Y = tf.tensor2d(data.y, [n, dOut]);
        const ones = tf.ones([n, 1]);
        const sigma = activations[act].sigma;
        const lossFn = (W1: tf.Tensor, W2: tf.Tensor, a: tf.Tensor) => {
          const Z1t = tf.concat([sigma(tf.matMul(X, W1)), ones], 1);
          const F = tf.div(tf.matMul(sigma(tf.matMul(Z1t, W2)), a), alpha);
          return tf.div(tf.sum(tf.square(tf.sub(F, Y))), n) as tf.Scalar;
        };
        const params = [tf.tensor2d(p0.w1, [d + 1, m]), tf.tensor2d(p0.w2, [m + 1, m]), tf.tensor2d(p0.a, [m, dOut])];
        const grads = tf.grads(lossFn)(params);
        const auto = grads.map((g) => Array.from(g.dataSync()));
        tf.dispose([X, Y, ones, ...params, ...grads]);

        const w1 = Float64Array.from(p0.w1);
        const w2 = Float64Array.from(p0.w2);
        const a = Float64Array.from(p0.a);
        const loss64 = () => threeLoss64(w1, w2, a, m, dOut, alpha, act, data.x, data.y, n, d);
        expect(Math.abs(L - loss64()) / loss64()).toBeLessThan(1e-5);
        const fd = finiteDifferences([w1, w2, a], loss64);
        expectClose(hand, auto, fd);
      });
    }
  }

  it('without b² (bias2: false) the bias row has no effect and no gradient', () => {
    const dOut = 3;
    const data = randomData(n, d, dOut, 9);
    const p0 = initThreeLayer(m, d, { beta1: 1, beta2: 0.6, beta3: 1 }, 43, false, dOut);
    const model = new ThreeLayerTf(p0, data.x, data.y, n, alpha, 'tanh', { bias2: false });
    const L = model.loss();
    model.update(lr);
    const p1 = model.read();
    model.dispose();
    const w1 = Float64Array.from(p0.w1);
    const w2 = Float64Array.from(p0.w2);
    const a = Float64Array.from(p0.a);
    const loss64 = () => threeLoss64(w1, w2, a, m, dOut, alpha, 'tanh', data.x, data.y, n, d, false);
    expect(Math.abs(L - loss64()) / loss64()).toBeLessThan(1e-5);
    const fd = finiteDifferences([w1, w2, a], loss64);
    const hand = [
      Array.from(p1.w1, (v, i) => (p0.w1[i] - v) / lr),
      Array.from(p1.w2, (v, i) => (p0.w2[i] - v) / lr),
      Array.from(p1.a, (v, i) => (p0.a[i] - v) / lr),
    ];
    expectClose(hand, fd, fd);
    for (let l = 0; l < m; l++) expect(p1.w2[m * m + l]).toBe(p0.w2[m * m + l]);
    const f = threeLayerPredict(p0, alpha, 'tanh', data.x, n, { bias2: false });
    const f2 = threeLayerPredict({ ...p0, w2: p0.w2.map((v, i) => (i >= m * m ? 0 : v)) }, alpha, 'tanh', data.x, n);
    for (let i = 0; i < f.length; i++) expect(f[i]).toBeCloseTo(f2[i], 6);
  });
});

describe('two-layer network with several outputs', () => {
  const m = 7;
  const d = 2;
  const n = 5;
  const alpha = 3;
  const lr = 1e-2;

  for (const dOut of [1, 3]) {
    for (const act of ACTS) {
      it(`${act}, dOut = ${dOut}: the update equals −lr ∇L from tfjs autograd and from float64 finite differences`, () => {
        const data = randomData(n, d, dOut, 20 + dOut);
        const p0 = initTwoLayer(m, d, { beta1: 1, beta2: 1 }, 42, false, dOut);
        expect(p0.a.length).toBe(m * dOut);
        const model = new TwoLayerTf(p0, data.x, data.y, n, alpha, act);
        const L = model.loss();
        model.update(lr);
        const p1 = model.read();
        model.dispose();
        expect(p1.dOut).toBe(dOut);
        const hand = [Array.from(p1.w, (v, i) => (p0.w[i] - v) / lr), Array.from(p1.a, (v, i) => (p0.a[i] - v) / lr)];

        const X = tf.tensor2d(augment(data.x, n, d), [n, d + 1]);
        const Y = tf.tensor2d(data.y, [n, dOut]);
        const lossFn = (W: tf.Tensor, a: tf.Tensor) =>
          tf.div(tf.sum(tf.square(tf.sub(tf.div(tf.matMul(activations[act].sigma(tf.matMul(X, W)), a), alpha), Y))), n) as tf.Scalar;
        const params = [tf.tensor2d(p0.w, [d + 1, m]), tf.tensor2d(p0.a, [m, dOut])];
        const grads = tf.grads(lossFn)(params);
        const auto = grads.map((g) => Array.from(g.dataSync()));
        tf.dispose([X, Y, ...params, ...grads]);

        const w = Float64Array.from(p0.w);
        const a = Float64Array.from(p0.a);
        const loss64 = () => twoLoss64(w, a, m, dOut, alpha, act, data.x, data.y, n, d);
        expect(Math.abs(L - loss64()) / loss64()).toBeLessThan(1e-5);
        expectClose(hand, auto, finiteDifferences([w, a], loss64));
      });
    }
  }

  it('dOut = 1 draws the same parameters as before (the optional argument only adds outputs)', () => {
    const p = initTwoLayer(10, 1, { beta1: 0.5, beta2: 2 }, 7);
    const q = initTwoLayer(10, 1, { beta1: 0.5, beta2: 2 }, 7, false, 1);
    expect(q.a).toEqual(p.a);
    expect(q.w).toEqual(p.w);
    expect(p.dOut).toBe(1);
  });

  it('antisymmetric initialisation gives F(θ0) = 0 for every output', () => {
    const data = randomData(6, 2, 3, 4);
    const p = initTwoLayer(40, 2, { beta1: 1, beta2: 1 }, 3, true, 3);
    const f = twoLayerPredict(p, 1, 'tanh', data.x, data.n);
    expect(f.length).toBe(6 * 3);
    for (const v of f) expect(Math.abs(v)).toBeLessThan(1e-5);
  });
});

describe('three-layer initialisation and prediction', () => {
  it('draws a ~ N(0, β3²), W2 ~ N(0, β2²), W1 ~ N(0, β1²) in that order, identically for a seed', () => {
    const m = 200;
    const s = { beta1: 0.5, beta2: 2, beta3: 0.1 };
    const p = initThreeLayer(m, 3, s, 7, false, 2);
    const std = (v: Float32Array) => Math.sqrt(v.reduce((acc, x) => acc + x * x, 0) / v.length);
    expect(p.w1.length).toBe(4 * m);
    expect(p.w2.length).toBe((m + 1) * m);
    expect(p.a.length).toBe(m * 2);
    expect(std(p.a)).toBeCloseTo(0.1, 1);
    expect(std(p.w2)).toBeCloseTo(2, 1);
    expect(std(p.w1)).toBeCloseTo(0.5, 1);
    // the documented draw order: one stream, a, then W2, then W1
    const next = normalSource(7);
    const a = normalArray(next, m * 2, 0.1);
    const w2 = normalArray(next, (m + 1) * m, 2);
    const w1 = normalArray(next, 4 * m, 0.5);
    expect(p.a).toEqual(a);
    expect(p.w2).toEqual(w2);
    expect(p.w1).toEqual(w1);
    expect(initThreeLayer(m, 3, s, 8, false, 2).w2).not.toEqual(p.w2);
  });

  it('antisymmetric initialisation (mirrored second-layer pairs) gives F(θ0) = 0; W1 stays fully random', () => {
    for (const dOut of [1, 3]) {
      const data = dOut === 1 ? toy1d() : randomData(5, 1, 3, 5);
      const p = initThreeLayer(100, 1, { beta1: 1, beta2: 1, beta3: 1 }, 3, true, dOut);
      const f = threeLayerPredict(p, 1, 'relu', data.x, data.n);
      expect(f.length).toBe(data.n * dOut);
      for (const v of f) expect(Math.abs(v)).toBeLessThan(1e-4);
      const g = threeLayerPredict(initThreeLayer(100, 1, { beta1: 1, beta2: 1, beta3: 1 }, 3, false, dOut), 1, 'relu', data.x, data.n);
      expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(0.1);
      expect(new Set(p.w1).size).toBe(p.w1.length);
    }
    expect(() => initThreeLayer(5, 1, { beta1: 1, beta2: 1, beta3: 1 }, 1, true)).toThrow(/even/);
  });

  it('threeLayerPredict agrees with the loss of ThreeLayerTf, also after training', () => {
    const data = toy1d();
    const p0 = initThreeLayer(16, 1, { beta1: 1, beta2: 0.5, beta3: 0.5 }, 5);
    const model = new ThreeLayerTf(p0, data.x, data.y, data.n, 4, 'tanh');
    let last = Infinity;
    for (let k = 0; k < 50; k++) {
      const L = model.loss();
      expect(L).toBeLessThan(last);
      last = L;
      model.update(0.5);
    }
    const L = model.loss();
    const p = model.read();
    model.dispose();
    const f = threeLayerPredict(p, 4, 'tanh', data.x, data.n);
    const Lp = f.reduce((acc, v, i) => acc + (v - data.y[i]) ** 2, 0) / data.n;
    expect(Lp).toBeCloseTo(L, 7);
  });

  it('rejects mismatched shapes', () => {
    const data = toy1d();
    const p = initThreeLayer(4, 1, { beta1: 1, beta2: 1, beta3: 1 }, 1);
    expect(() => new ThreeLayerTf({ ...p, dOut: 2 }, data.x, data.y, data.n, 1, 'relu')).toThrow(/shapes/);
  });
});

/**
 * zhou2022 §4: for ReLU, θ̄ = (W¹/β1, W²/β2, a/β3) follows a dynamics that only
 * depends on (κ2, κ3, B), in the time t̄ = t/β2² (src/engine/threeLayer/parametrisation.ts). One GD
 * step with learning rate lr advances t̄ by lr/β2². So two rows of Table 2 in
 * the same group, run with lr = η β2², coincide step by step; with lr = 2η β2²
 * for half as many steps, they coincide up to the O(η) discretisation error.
 */
describe('normalised model (zhou2022 eq. (6)): same (γ2, γ3), same trajectory in t̄ = t/β2²', () => {
  const data = toy1d();
  const m = 64;

  function normalisedRun(row: number, eta: number, steps: number, bias2: boolean) {
    const s = zhou2022Table2Scales(zhou2022Table2[row], m);
    const p0 = initThreeLayer(m, 1, s, 11);
    const model = new ThreeLayerTf(p0, data.x, data.y, data.n, s.alpha, 'relu', { bias2 });
    const lr = eta * s.beta2 ** 2;
    const L0 = model.loss();
    for (let k = 0; k < steps; k++) {
      model.update(lr);
      model.loss();
    }
    const L = model.loss();
    const p = model.read();
    model.dispose();
    const bar = (q: ThreeLayerParams) => [
      ...Array.from(q.w1, (v) => v / s.beta1),
      ...Array.from(q.w2, (v) => v / s.beta2),
      ...Array.from(q.a, (v) => v / s.beta3),
    ];
    return { start: bar(p0), end: bar(p), L0, L };
  }
  const dist = (u: number[], v: number[]) => Math.sqrt(u.reduce((acc, x, i) => acc + (x - v[i]) ** 2, 0));

  for (const [group, rowA, rowB, eta] of [
    [1, 0, 2, 1],
    [2, 3, 5, 10],
  ] as const) {
    it(`Table 2 group ${group} (rows ${rowA + 1} and ${rowB + 1}), without b²`, () => {
      const steps = 400;
      const A = normalisedRun(rowA, eta, steps, false);
      const B = normalisedRun(rowB, eta, steps, false);
      const C = normalisedRun(rowB, 2 * eta, steps / 2, false);
      const moved = dist(A.end, A.start);
      expect(moved).toBeGreaterThan(1); // the parameters moved by O(1) in normalised units
      expect(A.L).toBeLessThan(A.L0);
      expect(dist(A.end, B.end) / moved).toBeLessThan(1e-3); // same steps in t̄
      expect(dist(A.end, C.end) / moved).toBeLessThan(2e-2); // same t̄, half as many steps
    });
  }

  it('with b² at scale β2 (the default) the rows of a group do not coincide: the claim needs the bias-free layer', () => {
    const A = normalisedRun(0, 1, 400, true);
    const B = normalisedRun(2, 1, 400, true);
    expect(dist(A.end, B.end) / dist(A.end, A.start)).toBeGreaterThan(0.1);
  });
});
