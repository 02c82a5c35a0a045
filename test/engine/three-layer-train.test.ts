/**
 * trainThreeLayer (src/engine/threeLayer/train.ts): the zhou2022 training
 * protocol on the fused kernel — convergence on a Table 2 row, determinism,
 * halvings restart from the same initialisation, the step cap, the restart
 * limit, the float32 floor (one layer, and the whole net), a dead net, and no
 * TensorFlow.js in the import graph. Small widths: a few seconds in total.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toy1d } from '../../src/engine/data/toy1d.js';
import { threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import { initThreeLayer, type ThreeLayerParams } from '../../src/engine/threeLayer/params.js';
import { zhou2022Table2, zhou2022Table2Scales } from '../../src/engine/threeLayer/table2.js';
import { threeLayerCurvature, trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import { importGraph } from '../../src/pipeline/hashing.js';

const repo = path.resolve(import.meta.dirname, '../..');
const data = toy1d();
const bits = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const sameParams = (p: ThreeLayerParams, q: ThreeLayerParams) => {
  for (const key of ['w1', 'w2', 'a'] as const) expect(bits(p[key])).toEqual(bits(q[key]));
};
const protocol = { lr0: 1, tol: 1e-6, maxSteps: 20_000, maxRestarts: 10 };
const m = 100;
const group1 = zhou2022Table2Scales(zhou2022Table2[1], m); // α = 1, β = m^{-11/30}, (γ2, γ3) = (0, 1.1)

describe('trainThreeLayer', () => {
  it('converges on the 4-point data for a Table 2 group-1 row at m = 100, tol in R_S = L/2', () => {
    const run = trainThreeLayer({ data, m, scales: group1, seed: 1, protocol });
    expect(run.gd.status).toBe('converged');
    expect(run.stoppedShort).toBe(false);
    expect(run.gd.reachedTol).toBe(true);
    expect(run.gd.halvings).toEqual([]);
    expect(run.gd.finalRs).toBe(run.gd.finalLoss / 2);
    // stopped at R_S < 1e-6, i.e. L < 2e-6, not earlier at L < 1e-6
    expect(run.gd.finalRs).toBeLessThan(1e-6);
    expect(run.gd.finalLoss).toBeGreaterThan(1e-6);
    expect(run.gd.steps).toBeGreaterThan(100);
    expect(run.gd.steps).toBeLessThan(5000);
    expect(run.gd.totalSteps).toBe(run.gd.steps);
    // lr = lr0 / λ̂
    expect(run.gd.lr).toBeCloseTo(1 / run.curvature.lambda, 12);
    // RD over the whole matrices (biases included): W1 moves ~10 %, W2 ~1 % at m = 100 (linear regime)
    expect(run.rdW1).toBeGreaterThan(0.03);
    expect(run.rdW1).toBeLessThan(0.3);
    expect(run.rdW2).toBeGreaterThan(1e-3);
    expect(run.rdW2).toBeLessThan(0.05);
    expect(run.floor.w1.atFloor || run.floor.w2.atFloor).toBe(false);
    expect(run.gd.initial.w1.length).toBe(2 * m);
    expect(run.gd.initial.w2.length).toBe((m + 1) * m);
  });

  it('is deterministic: the same seed gives the same bits', () => {
    const a = trainThreeLayer({ data, m, scales: group1, seed: 3, protocol });
    const b = trainThreeLayer({ data, m, scales: group1, seed: 3, protocol });
    expect(a.gd.trajectory).toEqual(b.gd.trajectory);
    sameParams(a.gd.final, b.gd.final);
    expect(a.rdW1).toBe(b.rdW1);
    const c = trainThreeLayer({ data, m, scales: group1, seed: 4, protocol });
    expect(bits(c.gd.initial.w1)).not.toEqual(bits(a.gd.initial.w1));
  });

  it('a halving restarts from the same initialisation (never redrawn)', () => {
    const seed = 5;
    const run = trainThreeLayer({ data, m, scales: group1, seed, protocol: { ...protocol, lr0: 64 } });
    expect(run.gd.status).toBe('converged');
    expect(run.gd.halvings.length).toBeGreaterThanOrEqual(2);
    run.gd.halvings.forEach((h, i) => {
      expect(h.attempt).toBe(i);
      expect(h.lr0).toBe(64 / 2 ** i);
      expect(h.to > h.from * 1.01 || !Number.isFinite(h.to)).toBe(true);
    });
    expect(run.gd.lr0).toBe(64 / 2 ** run.gd.halvings.length);
    expect(run.gd.totalSteps).toBe(run.gd.steps + run.gd.halvings.reduce((s, h) => s + h.step, 0));
    // the initial parameters are the seed's draw ...
    sameParams(run.gd.initial, initThreeLayer(m, 1, group1, seed));
    // ... and the final attempt is exactly a fresh run at the final lr0 from that draw
    const direct = trainThreeLayer({ data, m, scales: group1, seed, protocol: { ...protocol, lr0: run.gd.lr0 } });
    expect(direct.gd.halvings).toEqual([]);
    expect(direct.gd.steps).toBe(run.gd.steps);
    sameParams(direct.gd.final, run.gd.final);
    // an explicit initialisation is used as given, on every attempt
    const given = initThreeLayer(m, 1, group1, 99);
    const copy = { ...given, w1: given.w1.slice(), w2: given.w2.slice(), a: given.a.slice() };
    const withGiven = trainThreeLayer({ data, m, scales: group1, seed, initial: given, protocol: { ...protocol, lr0: 64 } });
    expect(withGiven.gd.halvings.length).toBeGreaterThan(0);
    sameParams(withGiven.gd.initial, copy);
    sameParams(given, copy); // not modified
  });

  it('the step cap gives max-steps, the restart limit unstable: never converged', () => {
    const capped = trainThreeLayer({ data, m, scales: group1, seed: 1, protocol: { ...protocol, maxSteps: 50 } });
    expect(capped.gd.status).toBe('max-steps');
    expect(capped.stoppedShort).toBe(true);
    expect(capped.gd.reachedTol).toBe(false);
    expect(capped.gd.totalSteps).toBe(50);
    // the cap is on the total over attempts
    const cappedRestarts = trainThreeLayer({ data, m, scales: group1, seed: 1, protocol: { ...protocol, lr0: 64, maxSteps: 200 } });
    expect(cappedRestarts.gd.halvings.length).toBeGreaterThan(0);
    expect(cappedRestarts.gd.status).toBe('max-steps');
    expect(cappedRestarts.gd.totalSteps).toBeLessThanOrEqual(200);
    const unstable = trainThreeLayer({ data, m, scales: group1, seed: 1, protocol: { ...protocol, lr0: 64, maxRestarts: 1 } });
    expect(unstable.gd.status).toBe('unstable');
    expect(unstable.stoppedShort).toBe(true);
    expect(unstable.gd.halvings).toHaveLength(2);
  });

  it('detects the float32 floor: a layer whose updates are below float32 resolution', () => {
    // (γ2, γ3) = (2, 0.5): W¹'s mobility κ2² = m^{-4}; every W¹ update is below half an ulp
    const run = trainThreeLayer({ data, m, scales: threeLayerScales(m, 2, 0.5), seed: 1, protocol });
    expect(run.gd.reachedTol).toBe(true);
    expect(run.rdW1).toBe(0);
    expect(run.floor.w1.atFloor).toBe(true);
    expect(run.floor.w1.stalledWindows).toBeGreaterThan(0);
    expect(run.floor.w2.atFloor).toBe(false);
    expect(run.gd.status).toBe('float32-floor');
    expect(run.stoppedShort).toBe(true);
  });

  it('detects a stalled net (loss bitwise constant) and tells a dead net apart', () => {
    const stalled = trainThreeLayer({ data, m, scales: group1, seed: 1, protocol: { ...protocol, lr0: 1e-12, stallSteps: 200 } });
    expect(stalled.gd.status).toBe('float32-floor');
    expect(stalled.gd.stalled).toBe(true);
    expect(stalled.gd.steps).toBe(200);
    expect(stalled.rdW1).toBe(0);
    const p = initThreeLayer(m, 1, group1, 1);
    p.w2.fill(0);
    p.w2.fill(-1, m * m); // b² = −1: every second-layer ReLU is off, the gradient is 0
    const dead = trainThreeLayer({ data, m, scales: group1, seed: 1, initial: p, protocol: { ...protocol, stallSteps: 200 } });
    expect(dead.gd.status).toBe('dead');
    expect(dead.stoppedShort).toBe(true);
  });

  it('the curvature estimate: C0 and the two terms', () => {
    const s = { alpha: 2, beta1: 0.5, beta2: 0.25, beta3: 0.125 };
    const c = threeLayerCurvature(s, 10, data, 0.04);
    expect(c.c0).toBeCloseTo((100 * (0.25 * 0.0625 + 0.25 * 0.015625 + 0.0625 * 0.015625)) / 4, 12);
    expect(c.sx).toBeCloseTo(1 + (0.25 + 1 / 36) / 2, 6);
    expect(c.lambda).toBeCloseTo(c.gaussNewton + c.residual, 12);
    expect(threeLayerCurvature(s, 10, data, 0.04, false).gaussNewton).toBeCloseTo((c.sx * c.c0) / 2, 12);
  });

  it('imports no TensorFlow.js, directly or transitively', async () => {
    const graph = await importGraph(repo, 'src/engine/threeLayer/train.ts');
    expect(Object.keys(graph.packages).filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
    const files = graph.files.map((f) => f.file);
    expect(files).toContain('src/engine/threeLayer/kernel.ts');
    expect(files.filter((f) => /backend\.ts$|tfOps\.ts$|\/tf\.ts$/.test(f))).toEqual([]);
  });
});
