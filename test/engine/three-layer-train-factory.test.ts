/**
 * trainThreeLayer with its model factory (src/engine/threeLayer/train.ts)
 * against the code before the factory (./legacy/trainThreeLayerV1.ts, a
 * frozen copy): for one output every field of the run — status, steps,
 * halvings, trajectory, final parameters, RDs, floor diagnostics, curvature —
 * is the same, bit for bit, on small cells (m = 50 and 200) that converge,
 * sit at the float32 floor, halve the learning rate, stall, hit the step cap
 * or run without b². Also: the several-output kernel is the default for
 * dOut > 1, and a factory that is passed in is the one used. A few seconds.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/engine/data/toy1d.js';
import { toy1d } from '../../src/engine/data/toy1d.js';
import { normalArray, normalSource } from '../../src/engine/random.js';
import { threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import type { ThreeLayerProtocol, ThreeLayerRunSpec } from '../../src/engine/threeLayer/train.js';
import { threeLayerMultiKernel, trainThreeLayer } from '../../src/engine/threeLayer/train.js';
import { trainThreeLayer as trainThreeLayerV1 } from './legacy/trainThreeLayerV1.js';

const data = toy1d();

/** Every value exactly: typed arrays by their bytes, numbers by their shortest round-trip text (−0 and NaN included). */
function canonical(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    const raw = (this as Record<string, unknown>)[key];
    if (ArrayBuffer.isView(raw)) return `bytes:${Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex')}`;
    if (typeof v === 'number') return `num:${Object.is(v, -0) ? '-0' : String(v)}`;
    return v;
  });
}

const base: ThreeLayerProtocol = { lr0: 1, tol: 1e-6, maxSteps: 3000, maxRestarts: 10 };

/** (γ2, γ3), protocol changes and what the cell exercises. */
const cases: { g2: number; g3: number; protocol?: Partial<ThreeLayerProtocol>; bias2?: boolean; what: string }[] = [
  { g2: 0, g3: 1, what: 'converges' },
  { g2: 1.5, g3: 0.5, what: 'W¹ at the float32 floor' },
  { g2: 1, g3: 1, what: 'near the floor' },
  { g2: 0, g3: 1, protocol: { lr0: 64 }, what: 'halvings (restarts from the same draw)' },
  { g2: 0.5, g3: 2, protocol: { maxSteps: 400 }, what: 'step cap' },
  { g2: 0, g3: 1, protocol: { lr0: 1e-12, stallSteps: 150 }, what: 'stalled loss' },
  { g2: 0, g3: 1.5, bias2: false, what: 'without b²' },
];

describe('trainThreeLayer with a model factory: bit-identical to the code before it for one output', () => {
  for (const m of [50, 200]) {
    for (const c of cases) {
      it(`m = ${m}, (γ2, γ3) = (${c.g2}, ${c.g3}): ${c.what}`, () => {
        const spec: ThreeLayerRunSpec = {
          data,
          m,
          scales: threeLayerScales(m, c.g2, c.g3),
          seed: 7,
          protocol: { ...base, ...c.protocol },
          ...(c.bias2 === undefined ? {} : { bias2: c.bias2 }),
        };
        const old = trainThreeLayerV1(spec);
        const now = trainThreeLayer(spec);
        expect(now.precision).toBe('float32');
        expect(now.model).toBe('kernel');
        expect(now.float32Run).toBeUndefined();
        const { precision: _p, model: _m, ...rest } = now;
        expect(Object.keys(rest).sort()).toEqual(Object.keys(old).sort());
        for (const key of Object.keys(old) as (keyof typeof old)[]) expect(canonical(rest[key]), key).toBe(canonical(old[key]));
      });
    }
  }
  it('the cases cover halvings, the float32 floor, a stall and the step cap', () => {
    const statuses = new Set<string>();
    let halvings = 0;
    for (const c of cases) {
      const r = trainThreeLayer({ data, m: 50, scales: threeLayerScales(50, c.g2, c.g3), seed: 7, protocol: { ...base, ...c.protocol } });
      statuses.add(r.gd.status);
      halvings += r.gd.halvings.length;
      if (r.gd.stalled) statuses.add('stalled');
    }
    expect(halvings).toBeGreaterThan(0);
    for (const s of ['converged', 'float32-floor', 'max-steps', 'stalled']) expect(statuses.has(s), s).toBe(true);
  });
});

describe('trainThreeLayer with several outputs', () => {
  /** 6 points in R^3, 3 outputs */
  function data3(): Dataset {
    const next = normalSource(3);
    const x = normalArray(next, 6 * 3, 0.5);
    const y = Float32Array.from({ length: 18 }, (_, q) => Math.sin(x[q]!) / 2);
    return { x, y, n: 6, d: 3, dOut: 3 };
  }
  it('trains on the several-output kernel by default, and uses the factory it is given', () => {
    const d = data3();
    const m = 40;
    const spec: ThreeLayerRunSpec = { data: d, m, scales: threeLayerScales(m, 0, 1), seed: 2, protocol: { ...base, tol: 1e-4, maxSteps: 20_000 } };
    const run = trainThreeLayer(spec);
    expect(run.model).toBe('kernel-multi');
    expect(run.precision).toBe('float32');
    expect(run.gd.initial.a).toHaveLength(m * 3);
    expect(run.gd.final.dOut).toBe(3);
    expect(run.gd.reachedTol).toBe(true);
    expect(run.gd.finalRs).toBeLessThan(1e-4);
    expect(run.rdW1).toBeGreaterThan(0);
    // one output: the several-output kernel, given explicitly, gives the one-output kernel's bits
    const one: ThreeLayerRunSpec = { data, m: 50, scales: threeLayerScales(50, 0, 1), seed: 7, protocol: base };
    const viaMulti = trainThreeLayer({ ...one, model: threeLayerMultiKernel });
    const viaOne = trainThreeLayer(one);
    expect(viaMulti.model).toBe('kernel-multi');
    expect(canonical(viaMulti.gd)).toBe(canonical(viaOne.gd));
  });
});
