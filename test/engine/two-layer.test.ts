/** The two-layer network: hand-written gradients, initialisation, training protocol. */
import { beforeAll, describe, expect, it } from 'vitest';
import { currentBackend, initBackend, tf } from '../../src/engine/backend.js';
import { activations, type ActivationName } from '../../src/engine/activations.js';
import { toy1d } from '../../src/engine/data/toy1d.js';
import { orientationAmplitude } from '../../src/engine/metrics/features.js';
import { relativeDistance } from '../../src/engine/metrics/relativeDistance.js';
import { augment } from '../../src/engine/augment.js';
import { twoLayerCoordinates, twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { initTwoLayer, type TwoLayerParams } from '../../src/engine/twoLayer/params.js';
import { predictTwoLayer } from '../../src/engine/twoLayer/predict.js';
import { twoLayerPredict, TwoLayerTf } from '../../src/engine/twoLayer/tf.js';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { fullBatchGD, logSpacedSteps, type GdModel } from '../../src/engine/train/gd.js';

beforeAll(async () => {
  await initBackend();
});

/** L(θ) = (1/n) Σ (f(x_i) − y_i)² in float64, straight from the definition. */
function lossF64(a: ArrayLike<number>, w: ArrayLike<number>, m: number, alpha: number, act: ActivationName, x: Float32Array, y: Float32Array): number {
  const sigma: Record<ActivationName, (z: number) => number> = {
    relu: (z) => Math.max(z, 0),
    tanh: Math.tanh,
    sigmoid: (z) => 1 / (1 + Math.exp(-z)),
    softplus: (z) => Math.log1p(Math.exp(z)),
    sigmoid0: (z) => 1 / (1 + Math.exp(-z)) - 0.5,
    softplus0: (z) => Math.log1p(Math.exp(z)) - Math.LN2,
    xtanh: (z) => z * Math.tanh(z),
  };
  let L = 0;
  for (let i = 0; i < x.length; i++) {
    let f = 0;
    for (let k = 0; k < m; k++) f += a[k] * sigma[act](w[k] * x[i] + w[m + k]);
    L += (f / alpha - y[i]) ** 2;
  }
  return L / x.length;
}

describe('two-layer gradients', () => {
  const data = toy1d();
  const m = 7;
  const alpha = 3;

  for (const act of Object.keys(activations) as ActivationName[]) {
    it(`${act}: the update equals −lr ∇L from tfjs autograd and from float64 finite differences`, () => {
      const p0 = initTwoLayer(m, 1, { beta1: 1, beta2: 1 }, 42);
      const lr = 1e-3;
      const model = new TwoLayerTf(p0, data.x, data.y, data.n, alpha, act);
      model.loss();
      model.update(lr);
      const p1 = model.read();
      model.dispose();
      const handGradA = Array.from(p1.a, (v, k) => (p0.a[k] - v) / lr);
      const handGradW = Array.from(p1.w, (v, j) => (p0.w[j] - v) / lr);

      // autograd through the forward pass only
      const X = tf.tensor2d(augment(data.x, data.n, 1), [data.n, 2]);
      const Y = tf.tensor2d(data.y, [data.n, 1]);
      const lossFn = (a: tf.Tensor, W: tf.Tensor) =>
        tf.mean(tf.square(tf.sub(tf.div(tf.matMul(activations[act].sigma(tf.matMul(X, W)), a), alpha), Y))) as tf.Scalar;
      const [ga, gW] = tf.grads(lossFn)([tf.tensor2d(p0.a, [m, 1]), tf.tensor2d(p0.w, [2, m])]);
      const autoA = Array.from(ga.dataSync());
      const autoW = Array.from(gW.dataSync());

      // central finite differences in float64
      const a64 = Float64Array.from(p0.a);
      const w64 = Float64Array.from(p0.w);
      const h = 1e-6;
      const fd = (arr: Float64Array, i: number) => {
        const keep = arr[i];
        arr[i] = keep + h;
        const up = lossF64(a64, w64, m, alpha, act, data.x, data.y);
        arr[i] = keep - h;
        const down = lossF64(a64, w64, m, alpha, act, data.x, data.y);
        arr[i] = keep;
        return (up - down) / (2 * h);
      };
      const fdA = Array.from(a64, (_, i) => fd(a64, i));
      const fdW = Array.from(w64, (_, i) => fd(w64, i));

      const scale = Math.max(...fdA.map(Math.abs), ...fdW.map(Math.abs));
      for (let i = 0; i < m; i++) {
        expect(Math.abs(handGradA[i] - autoA[i])).toBeLessThan(2e-3 * scale);
        expect(Math.abs(handGradA[i] - fdA[i])).toBeLessThan(2e-3 * scale);
      }
      for (let j = 0; j < 2 * m; j++) {
        expect(Math.abs(handGradW[j] - autoW[j])).toBeLessThan(2e-3 * scale);
        expect(Math.abs(handGradW[j] - fdW[j])).toBeLessThan(2e-3 * scale);
      }
      tf.dispose([X, Y, ga, gW]);
    });
  }
});

describe('predictTwoLayer (plain JS) vs twoLayerPredict (TensorFlow.js)', () => {
  /**
   * Largest |f_JS − f_tfjs| over the batch, relative to the size of the sum at
   * each point, S_i = (1/α) Σ_k |a_k| relu(w_k·x̃_i) (the float32 sum's own
   * rounding scale); and whether the float32 mode gave the same bits.
   */
  function compare(p: TwoLayerParams, alpha: number, x: Float32Array, n: number): { rel64: number; rel32: number; exact32: boolean } {
    const tfjs = twoLayerPredict(p, alpha, 'relu', x, n);
    const f64 = predictTwoLayer(p, alpha, 'relu', x, n, 'float64');
    const f32 = predictTwoLayer(p, alpha, 'relu', x, n);
    const abs = predictTwoLayer({ ...p, a: p.a.map(Math.abs) }, alpha, 'relu', x, n, 'float64');
    expect(f64.length).toBe(tfjs.length);
    expect(f32.length).toBe(tfjs.length);
    let rel64 = 0;
    let rel32 = 0;
    for (let i = 0; i < tfjs.length; i++) {
      const scale = abs[i] || 1;
      rel64 = Math.max(rel64, Math.abs(f64[i] - tfjs[i]) / scale);
      rel32 = Math.max(rel32, Math.abs(f32[i] - tfjs[i]) / scale);
      expect(Math.fround(f32[i])).toBe(f32[i]); // float32 values
    }
    return { rel64, rel32, exact32: f32.every((v, i) => v === tfjs[i]) };
  }
  const grid = (lo: number, hi: number, n: number) => Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

  // float32 sums of m = 300 terms differ by a few ulps of S_i (measured: up to 7e-7)
  it('agree to ~1e-6 on the fitted curve of a trained ReLU network (luo2021 Fig. 2 set-up); float32 mode bit for bit on wasm', () => {
    const data = toy1d();
    const s = twoLayerScales(300, 1.75, 0);
    const gd = fullBatchGD({
      init: (a) => new TwoLayerTf(initTwoLayer(300, 1, s, 1 + a), data.x, data.y, data.n, s.alpha, 'relu'),
      lr0: 1,
      lrScale: Math.min(s.alpha, s.alpha ** 2 / (300 * s.beta1 * s.beta2)),
      tol: 1e-6,
      maxSteps: 2000,
      maxRestarts: 5,
    });
    const x = grid(-0.5, 0.5, 501);
    for (const p of [gd.initial, gd.final]) {
      const { rel64, rel32, exact32 } = compare(p, s.alpha, x, x.length);
      expect(rel64).toBeLessThan(2e-6);
      expect(rel32).toBeLessThan(2e-6);
      // the wasm backend sums in index order in float32, as the float32 mode does
      if (currentBackend() === 'wasm') expect(exact32).toBe(true);
    }
  });

  it('agree to ~1e-6 for d = 3, with one and with three outputs', () => {
    const next = normalSource(21);
    const n = 50;
    const x = normalArray(next, n * 3, 1);
    for (const dOut of [1, 3]) {
      const p = initTwoLayer(200, 3, { beta1: 1, beta2: 0.7 }, 4, false, dOut);
      const { rel64, rel32 } = compare(p, 2.5, x, n);
      expect(rel64).toBeLessThan(2e-6);
      expect(rel32).toBeLessThan(2e-6);
    }
  });

  it('checks its arguments', () => {
    const p = initTwoLayer(10, 1, { beta1: 1, beta2: 1 }, 1);
    expect(() => predictTwoLayer(p, 1, 'tanh' as 'relu', new Float32Array(4), 4)).toThrow(/ReLU/);
    expect(() => predictTwoLayer(p, 1, 'relu', new Float32Array(3), 4)).toThrow(/x must be/);
  });
});

describe('initialisation and parametrisation', () => {
  it('draws a ~ N(0, β1²), w ~ N(0, β2²) from the seed, identically each time', () => {
    const p = initTwoLayer(20000, 1, { beta1: 0.5, beta2: 2 }, 7);
    const std = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    expect(std(p.a)).toBeCloseTo(0.5, 1);
    expect(std(p.w)).toBeCloseTo(2, 1);
    expect(initTwoLayer(20000, 1, { beta1: 0.5, beta2: 2 }, 7).w).toEqual(p.w);
    expect(initTwoLayer(20000, 1, { beta1: 0.5, beta2: 2 }, 8).w).not.toEqual(p.w);
  });

  it('antisymmetric initialisation gives f(θ0) = 0', () => {
    const data = toy1d();
    const p = initTwoLayer(100, 1, { beta1: 1, beta2: 1 }, 3, true);
    const f = twoLayerPredict(p, 1, 'relu', data.x, data.n);
    for (const v of f) expect(Math.abs(v)).toBeLessThan(1e-5);
  });

  it('(α, β1, β2) ↔ (γ, γ′) round-trips', () => {
    for (const [gamma, gammaPrime] of [
      [0.5, 0],
      [1.75, 0],
      [1.2, 0.3],
      [0.8, -0.4],
    ]) {
      const m = 5000;
      const back = twoLayerCoordinates(twoLayerScales(m, gamma, gammaPrime, m ** -0.25), m);
      expect(back.gamma).toBeCloseTo(gamma, 10);
      expect(back.gammaPrime).toBeCloseTo(gammaPrime, 10);
    }
  });
});

describe('metrics', () => {
  it('RD is ‖θ − θ0‖ / ‖θ0‖', () => {
    expect(relativeDistance([3, 4], [0, 1])).toBeCloseTo(Math.sqrt(18), 12);
    expect(relativeDistance([1, 1], [1, 0])).toBeCloseTo(1, 12);
    expect(relativeDistance([2, 0], [1, 0])).toBeCloseTo(1, 12);
  });

  it('orientation is the angle of (w, b) in [−π, π); amplitude is |a| ‖(w, b)‖', () => {
    const f = orientationAmplitude([2, -1, 1], [1, 0, -1, /* b: */ 1, 1, 0], 3);
    expect(f[0].orientation).toBeCloseTo(Math.PI / 4, 12);
    expect(f[0].amplitude).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(f[1].orientation).toBeCloseTo(Math.PI / 2, 12);
    expect(f[2].orientation).toBe(-Math.PI);
  });
});

describe('gradient descent protocol', () => {
  it('log-spaced steps include 0 and the end', () => {
    const s = logSpacedSteps(800000, 60);
    expect(s[0]).toBe(0);
    expect(s.at(-1)).toBe(800000);
    expect(s.length).toBeLessThanOrEqual(62);
  });

  it('halves lr0 and restarts from a fresh initialisation on a loss increase', () => {
    const data = toy1d();
    const s = twoLayerScales(200, 0.5, 0);
    const seeds: number[] = [];
    const r = fullBatchGD({
      init: (attempt) => {
        seeds.push(attempt);
        return new TwoLayerTf(initTwoLayer(200, 1, s, 100 + attempt), data.x, data.y, data.n, s.alpha, 'relu');
      },
      lr0: 64,
      lrScale: s.alpha,
      tol: 1e-4,
      maxSteps: 20000,
      maxRestarts: 30,
    });
    expect(r.status).toBe('converged');
    expect(r.restarts.length).toBeGreaterThan(0);
    expect(r.lr0).toBe(64 / 2 ** r.restarts.length);
    expect(seeds).toEqual(Array.from({ length: r.restarts.length + 1 }, (_, i) => i));
    for (const rs of r.restarts) expect(rs.to).toBeGreaterThan(rs.from);
    const losses = r.trajectory.map((p) => p.loss);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1]);
  });

  it('records divergence (a non-finite loss) as an outcome with its step', () => {
    let step = 0;
    const exploding: GdModel<number> = {
      loss: () => (step < 3 ? 1 / (step + 1) : NaN),
      update: () => void step++,
      read: () => step,
      dispose: () => {},
    };
    const r = fullBatchGD({ init: () => exploding, lr0: 1, lrScale: 1, tol: 1e-9, maxSteps: 100, maxRestarts: 0 });
    expect(r.status).toBe('diverged');
    expect(r.divergedAt).toBe(3);
  });

  it('gives up as unstable after maxRestarts', () => {
    let calls = 0;
    const rising = (): GdModel<number> => {
      let L = 1;
      return { loss: () => (L *= 2), update: () => {}, read: () => 0, dispose: () => {} };
    };
    const r = fullBatchGD({
      init: () => {
        calls++;
        return rising();
      },
      lr0: 1,
      lrScale: 1,
      tol: 1e-9,
      maxSteps: 100,
      maxRestarts: 3,
    });
    expect(r.status).toBe('unstable');
    expect(calls).toBe(4);
  });

  it('the same seed on the same backend gives the same bits', () => {
    const data = toy1d();
    const s = twoLayerScales(100, 1.5, 0);
    const once = () =>
      fullBatchGD({
        init: (a) => new TwoLayerTf(initTwoLayer(100, 1, s, 5 + a), data.x, data.y, data.n, s.alpha, 'relu'),
        lr0: 0.1,
        lrScale: s.alpha,
        tol: 1e-5,
        maxSteps: 3000,
        maxRestarts: 5,
      }).final;
    const [p, q] = [once(), once()];
    expect(Buffer.from(p.w.buffer)).toEqual(Buffer.from(q.w.buffer));
    expect(Buffer.from(p.a.buffer)).toEqual(Buffer.from(q.a.buffer));
  });
});

describe('parameter snapshots', () => {
  it('records the parameters at the requested steps of the final attempt, as they were then', async () => {
    const { withSnapshots } = await import('../../src/engine/train/snapshots.js');
    const data = toy1d();
    const s = twoLayerScales(50, 1.5, 0);
    const steps = logSpacedSteps(400, 12);
    let snaps: { step: number; params: { a: Float32Array; w: Float32Array } }[] = [];
    const r = fullBatchGD({
      init: (attempt) => {
        snaps = [];
        return withSnapshots(new TwoLayerTf(initTwoLayer(50, 1, s, 11 + attempt), data.x, data.y, data.n, s.alpha, 'relu'), steps, snaps);
      },
      lr0: 0.2,
      lrScale: s.alpha,
      tol: 0,
      maxSteps: 400,
      maxRestarts: 5,
    });
    expect(snaps.map((p) => p.step)).toEqual(steps);
    expect(snaps[0].params.w).toEqual(r.initial.w);
    expect(snaps.at(-1)!.params.w).toEqual(r.final.w);
    // snapshots are copies: they differ from each other as training moves the weights
    expect(relativeDistance(snaps[5].params.w, snaps[0].params.w)).toBeGreaterThan(0);
  });
});
