/**
 * The fused three-layer kernel for smooth activations
 * (src/engine/threeLayer/kernelSmooth.ts) against references:
 *   - ThreeLayerTf (TensorFlow.js) for each of tanh, sigmoid, softplus,
 *     x·tanh x, sigmoid0 = sigmoid − 1/2, softplus0 = softplus − log 2, with and
 *     without b², on three shapes (toy 1-d data with m = 30; n = 5, d = 3,
 *     m = 37; n = 7, d = 20, m = 26, where d + 1 > 16 turns the lookahead off),
 *     200 GD steps: the m not divisible by 4 exercise the padded neurons of
 *     sigmoid and softplus (σ(0) ≠ 0);
 *   - chen2024's three-layer tanh network in float64 (src/engine/chen2024/network.ts)
 *     on chen2024-condensation's quick `train` cell (m = 30, N(0, 1/30⁴), 5000
 *     steps through the plateau and its exit), through ThreeLayerKernelNet;
 *   - the compensated updates (θ = θ_hi + θ_lo): against ThreeLayerTf as the plain path,
 *     and against the float64 network on the same cell to far below float32 rounding;
 *   - the forward pass folded into update() or not: the same bits (plain and compensated);
 *   - from the import graphs: the ReLU experiments (zhou2022) never import the
 *     smooth module, so adding it re-keyed none of their cells; chen2024-condensation
 *     trains on it, without TensorFlow.js.
 * Run `npm run kernels` first (npm test does it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/engine/backend.js';
import { chen2024Data } from '../../src/engine/chen2024/data.js';
import { ThreeLayerKernelNet } from '../../src/engine/chen2024/kernelNet.js';
import { targetVector, ThreeLayerNet } from '../../src/engine/chen2024/network.js';
import { relativeConservationDrift, relativeDistance3 } from '../../src/engine/chen2024/measures.js';
import { threeLayerBlowUpTime } from '../../src/engine/chen2024/prediction.js';
import { toy1d, type Dataset } from '../../src/engine/data/toy1d.js';
import { conservedQuantities, initThreeLayerEffective } from '../../src/engine/effectiveDynamics.js';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { type ThreeLayerSmoothActivation, threeLayerSmoothActivationCodes, ThreeLayerSmoothKernel } from '../../src/engine/threeLayer/kernelSmooth.js';
import type { ThreeLayerParams } from '../../src/engine/threeLayer/params.js';
import { ThreeLayerTf } from '../../src/engine/threeLayer/tf.js';
import type { GdModel } from '../../src/engine/train/gd.js';
import { importGraph } from '../../src/pipeline/hashing.js';
import { loadExperiments } from '../../src/pipeline/registry.js';
import { repoRoot } from '../helpers/fixture.js';

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

/** W1 ~ N(0, β1²), W2 ~ N(0, β2²), a ~ N(0, β3²) (draw order a, W2, W1). */
function initThree(m: number, d: number, [b1, b2, b3]: [number, number, number], seed: number): ThreeLayerParams {
  const next = normalSource(seed);
  const a = normalArray(next, m, b3);
  const w2 = normalArray(next, (m + 1) * m, b2);
  const w1 = normalArray(next, (d + 1) * m, b1);
  return { m, d, dOut: 1, w1, w2, a };
}

/** Largest |p − q| over the entries, relative to the largest |q|. */
function relDiff(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < p.length; i++) {
    diff = Math.max(diff, Math.abs(p[i] - q[i]));
    scale = Math.max(scale, Math.abs(q[i]));
  }
  return diff / scale;
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

describe('three-layer smooth-activation kernel vs ThreeLayerTf', () => {
  const acts = Object.keys(threeLayerSmoothActivationCodes) as ThreeLayerSmoothActivation[];
  const cases = [
    { name: 'toy 1-d data, n = 4, d = 1, m = 30', data: toy1d(), m: 30 },
    { name: 'n = 5, d = 3, m = 37', data: randomData(5, 3, 11), m: 37 },
    // d + 1 > 16: no lookahead by default, δ1 kept and W1 updated by X̃ᵀδ1
    { name: 'n = 7, d = 20, m = 26', data: randomData(7, 20, 12), m: 26 },
  ];
  // Tolerances. σ and σ' are evaluated to a few float32 ulp on both paths and the sums are
  // taken in different orders, so the two trajectories differ by float32 rounding, amplified
  // over 200 steps: measured, parameters agree to ≤ 8e-6 of the largest entry (W2, the most
  // updated), losses to ≤ 3e-4 relative where a net fits its data to 1e-5 of its initial loss
  // (there the loss is a difference of float32 outputs and targets). Asserted: parameters 3e-5
  // relative to the largest entry; losses |ΔL| ≤ 1e-3 L + 1e-6 L(0) at every step.
  for (const act of acts) {
    for (const { name, data, m } of cases) {
      for (const bias2 of [true, false]) {
        it(`${act}, ${name}${bias2 ? '' : ', without b²'}: 200 steps, same losses and parameters`, () => {
          const p0 = initThree(m, data.d, [1, 0.3, 0.3], 17);
          // x·tanh x (unbounded, σ' up to ~2|h|) needs a smaller step here
          const lr = act === 'xtanh' ? 0.005 : 0.05;
          const ker = trajectory(new ThreeLayerSmoothKernel(p0, data.x, data.y, data.n, 1, act, { bias2 }), lr, 200);
          const ref = trajectory(new ThreeLayerTf(p0, data.x, data.y, data.n, 1, act, { bias2 }), lr, 200);
          expect(ref.losses[200]).toBeLessThan(0.9 * ref.losses[0]); // it trains
          for (let s = 0; s <= 200; s++) expect(Math.abs(ker.losses[s] - ref.losses[s])).toBeLessThanOrEqual(1e-3 * ref.losses[s] + 1e-6 * ref.losses[0]);
          for (const key of ['a', 'w1', 'w2'] as const) expect(relDiff(ker.final[key], ref.final[key])).toBeLessThan(3e-5);
          if (!bias2) expect(ker.final.w2.subarray(m * m)).toEqual(p0.w2.subarray(m * m)); // b² unused, untouched
        });
      }
    }
  }

  for (const act of ['tanh', 'sigmoid', 'softplus0'] as const) {
    for (const compensated of [false, true]) {
      it(`${act}${compensated ? ', compensated' : ''}: the forward pass folded into update() gives the same bits as a separate one`, () => {
        const data = randomData(5, 3, 13);
        const p0 = initThree(37, data.d, [1, 0.3, 0.3], 4);
        const on = trajectory(new ThreeLayerSmoothKernel(p0, data.x, data.y, data.n, 2, act, { lookahead: true, compensated }), 0.05, 50);
        const off = trajectory(new ThreeLayerSmoothKernel(p0, data.x, data.y, data.n, 2, act, { lookahead: false, compensated }), 0.05, 50);
        expect(on.losses).toEqual(off.losses);
        expect(on.final).toEqual(off.final);
      });
    }
  }

  // Compensated: the gradient is the plain path's (at θ_hi), the update exact to ~2^-48: at unit
  // scale the trajectory is TensorFlow.js's to float32 rounding, as the plain one (same tolerances).
  for (const act of ['tanh', 'sigmoid', 'xtanh'] as const) {
    it(`${act}, compensated, n = 5, d = 3, m = 37 and n = 7, d = 20, m = 26: 200 steps, same losses and parameters as ThreeLayerTf`, () => {
      for (const { data, m } of cases.slice(1)) {
        const p0 = initThree(m, data.d, [1, 0.3, 0.3], 17);
        const lr = act === 'xtanh' ? 0.005 : 0.05;
        const ker = trajectory(new ThreeLayerSmoothKernel(p0, data.x, data.y, data.n, 1, act, { compensated: true }), lr, 200);
        const ref = trajectory(new ThreeLayerTf(p0, data.x, data.y, data.n, 1, act), lr, 200);
        for (let s = 0; s <= 200; s++) expect(Math.abs(ker.losses[s] - ref.losses[s])).toBeLessThanOrEqual(1e-3 * ref.losses[s] + 1e-6 * ref.losses[0]);
        const low = ker.final.low;
        expect(low).toBeDefined();
        for (const key of ['a', 'w1', 'w2'] as const) {
          const sum = Float64Array.from(ker.final[key], (v, i) => v + (low?.[key][i] ?? 0));
          expect(relDiff(sum, ref.final[key])).toBeLessThan(3e-5);
        }
      }
    });
  }

  it('the input is not modified, read() returns the layout of ThreeLayerParams, and it rejects what it does not implement', () => {
    const data = toy1d();
    const p0 = initThree(10, 1, [1, 0.3, 0.3], 1);
    const copy = structuredClone(p0);
    const k = new ThreeLayerSmoothKernel(p0, data.x, data.y, data.n, 1, 'tanh');
    expect(k.read()).toEqual(copy);
    k.loss();
    k.update(0.1);
    expect(p0).toEqual(copy);
    expect(() => k.update(0.1)).toThrow(/before loss/);
    k.dispose();
    expect(() => k.loss()).toThrow(/dispose/);
    expect(() => new ThreeLayerSmoothKernel(p0, data.x, data.y, data.n, 1, 'relu')).toThrow(/smooth kernel implements/);
    expect(() => new ThreeLayerSmoothKernel({ ...p0, dOut: 2, a: new Float32Array(20) }, data.x, data.y, data.n, 1, 'tanh')).toThrow(/one output/);
    const low = { w1: new Float32Array(p0.w1.length), w2: new Float32Array(p0.w2.length), a: new Float32Array(p0.a.length) };
    expect(() => new ThreeLayerSmoothKernel({ ...p0, low }, data.x, data.y, data.n, 1, 'tanh')).toThrow(/low parts need the compensated/);
    const kc = new ThreeLayerSmoothKernel({ ...p0, low: { ...low, a: p0.a.map((v) => v * 2 ** -30) } }, data.x, data.y, data.n, 1, 'tanh', {
      compensated: true,
    });
    expect(kc.read().low?.a).toEqual(p0.a.map((v) => v * 2 ** -30));
    kc.dispose();
  });
});

describe('chen2024: the three-layer tanh network on the kernel (float32) against float64', () => {
  // chen2024-condensation's quick `train` cell: m = 30, every weight N(0, 1/30⁴), lr = 5e-3 on
  // R_S, 5000 steps; the loss leaves its plateau (R_S < 0.9 R_S(θ0)) at step 4853 in float64.
  // Measured: the same exit step; losses within 1.05e-3 relative (largest just after the exit,
  // where the loss falls by 60× in 150 steps); the distance ‖θ32 − θ64‖/‖θ64‖ 2.5e-8 at the start
  // (float32 rounding), 5e-5 at step 4500 and 3.7e-4 at the exit (the rounding, amplified by the
  // blow-up along the aligned direction).
  it('quick train cell: same exit step, losses within 3e-3, parameters within 2e-3 at the exit', () => {
    const data = chen2024Data({ n: 8, d: 5, scale: 10, seed: 1 });
    const m = 30;
    const s0 = initThreeLayerEffective(m, data.d1, 30 ** -2, 7);
    expect(threeLayerBlowUpTime(s0, targetVector(data))).toBeGreaterThan(20); // the plateau lasts > 4000 steps
    const f64 = new ThreeLayerNet(s0, data);
    const f32 = new ThreeLayerKernelNet(s0, data);
    const lr = 5e-3;
    let exit64: number | undefined;
    let exit32: number | undefined;
    let L0 = 0;
    for (let step = 0; step <= 5000; step++) {
      const L64 = f64.loss();
      const L32 = f32.loss();
      if (step === 0) L0 = L64;
      expect(Math.abs(L32 - L64)).toBeLessThanOrEqual(3e-3 * L64);
      if (exit64 === undefined && L64 < 0.9 * L0) exit64 = step;
      if (exit32 === undefined && L32 < 0.9 * L0) exit32 = step;
      if (step === exit64) expect(relativeDistance3(f32.state, f64.state)).toBeLessThan(2e-3);
      f64.step(lr);
      f32.step(lr);
    }
    expect(exit64).toBe(4853);
    expect(exit32).toBe(exit64);
    f32.dispose();
  });

  // Compensated (θ = θ_hi + θ_lo from θ_lo = θ0 − fl32(θ0)): each weight moves by ~10⁻⁶ of itself a
  // step in the plateau, a few float32 ulp, and the plain path's rounding of those steps, nearly
  // the same from step to step, is what separates it from float64 above; kept in θ_lo, it does
  // not. Measured: ‖θ − θ64‖/‖θ64‖ 6e-16 at the start, 1.9e-9 at step 1000 (plain: 1.8e-5),
  // 2.8e-6 at the exit (plain 3.7e-4); losses within 8e-6 relative; the conservation-law drifts
  // of chen2024-conservation equal to 4 digits (from 3e-6 at step 1000 to 2e-2 at the exit).
  it('quick train cell, compensated: same exit step, losses within 5e-5, distance to float64 < 1e-7 up to step 1000 and < 2e-5 at the exit, same conservation drift', () => {
    const data = chen2024Data({ n: 8, d: 5, scale: 10, seed: 1 });
    const m = 30;
    const s0 = initThreeLayerEffective(m, data.d1, 30 ** -2, 7);
    const c0 = conservedQuantities(s0);
    const f64 = new ThreeLayerNet(s0, data);
    const f32 = new ThreeLayerKernelNet(s0, data, true);
    expect(relativeDistance3(f32.state, f64.state)).toBeLessThan(1e-14);
    let L0 = 0;
    let exit32: number | undefined;
    for (let step = 0; step <= 4853; step++) {
      const L64 = f64.loss();
      const L32 = f32.loss();
      if (step === 0) L0 = L64;
      expect(Math.abs(L32 - L64)).toBeLessThanOrEqual(5e-5 * L64);
      if (exit32 === undefined && L32 < 0.9 * L0) exit32 = step;
      if (step === 1000) expect(relativeDistance3(f32.state, f64.state)).toBeLessThan(1e-7);
      if (step % 1000 === 0 && step > 0) {
        const d64 = relativeConservationDrift(c0, f64.state);
        const d32 = relativeConservationDrift(c0, f32.state);
        expect(Math.abs(d32.aW2 - d64.aW2)).toBeLessThan(1e-3 * d64.aW2);
        expect(Math.abs(d32.W2W1 - d64.W2W1)).toBeLessThan(1e-3 * d64.W2W1);
      }
      f64.step(5e-3);
      f32.step(5e-3);
    }
    expect(exit32).toBe(4853);
    expect(relativeDistance3(f32.state, f64.state)).toBeLessThan(2e-5);
    f32.dispose();
  });
});

describe('the three-layer smooth module is a cache boundary of its own', () => {
  it('no zhou2022 experiment imports it; they import the ReLU module', async () => {
    const smooth = /threeLayerSmooth|threeLayer\/kernelSmooth|assembly\/smooth\.ts/;
    let checked = 0;
    for (const exp of await loadExperiments(repoRoot)) {
      if (!exp.def.id.startsWith('zhou2022')) continue;
      const files = (await importGraph(repoRoot, exp.runFile)).files.map((f) => f.file);
      expect(
        files.filter((f) => smooth.test(f)),
        exp.runFile,
      ).toEqual([]);
      if (files.includes('src/engine/kernels/build/threeLayer.wasm.ts')) checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('chen2024-condensation trains on it (compensated, through kernelNet.ts) and never imports TensorFlow.js', async () => {
    const exp = (await loadExperiments(repoRoot)).find((e) => e.def.id === 'chen2024-condensation');
    expect(exp).toBeDefined();
    const graph = await importGraph(repoRoot, exp!.runFile);
    const files = graph.files.map((f) => f.file);
    expect(files).toContain('src/engine/chen2024/kernelNet.ts');
    expect(files).toContain('src/engine/kernels/build/threeLayerSmooth.wasm.ts');
    expect(files).not.toContain('src/engine/kernels/build/threeLayer.wasm.ts');
    expect(Object.keys(graph.packages).filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
  });
});
