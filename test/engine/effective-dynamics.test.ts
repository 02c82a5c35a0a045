/** Effective small-initialisation dynamics: two-layer linear flow, three-layer blow-up, reduced model. */
import { describe, expect, it } from 'vitest';
import {
  carlsonRF,
  conservationDrift,
  dopri5,
  initThreeLayerEffective,
  integrateThreeLayer,
  integrateTwoLayerLinear,
  rankOneAlignedState,
  reducedBlowUpTime,
  reducedEqualSolution,
  reducedRhs,
  twoLayerLinearClosedForm,
  type TwoLayerLinearState,
} from '../../src/engine/effectiveDynamics.js';
import { normalSource } from '../../src/engine/random.js';

const z = [0.3, -0.2, 0.5];
const zNorm = Math.hypot(...z);

function relErr(x: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num += (x[i] - ref[i]) ** 2;
    den += ref[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe('Dormand–Prince RK45', () => {
  it('y′ = −y + sin t to 1e-10, landing exactly on tEnd', () => {
    // y(0) = 1: y = (3/2) e^{−t} + (sin t − cos t)/2
    const run = dopri5((t, y, dy) => (dy[0] = -y[0] + Math.sin(t)), 0, [1], { tEnd: 7, rtol: 1e-12, atol: 1e-14 });
    expect(run.status).toBe('tEnd');
    expect(run.t).toBe(7);
    expect(Math.abs(run.y[0] - (1.5 * Math.exp(-7) + (Math.sin(7) - Math.cos(7)) / 2))).toBeLessThan(1e-10);
  });
});

describe('Carlson R_F', () => {
  it('reference values', () => {
    expect(carlsonRF(1, 1, 1)).toBeCloseTo(1, 15);
    expect(carlsonRF(4, 4, 4)).toBeCloseTo(0.5, 15);
    expect(carlsonRF(0, 1, 2)).toBeCloseTo(1.3110287771460599052, 14); // Carlson (1995) test value
    expect(carlsonRF(2, 3, 4)).toBeCloseTo(0.58408284167715170564, 14); // Carlson (1995) test value
    expect(carlsonRF(0, 0, 1)).toBe(Infinity);
  });
});

describe('two-layer linearised flow (chen2023)', () => {
  it('the integrator matches the closed-form exponential solution', () => {
    const m = 8;
    const d1 = 3;
    const kappaPrime = 0.7;
    const next = normalSource(31);
    const s0: TwoLayerLinearState = {
      m,
      d1,
      a: Float64Array.from({ length: m }, () => next()),
      w: Float64Array.from({ length: m * d1 }, () => next()),
    };
    const same = twoLayerLinearClosedForm(s0, z, kappaPrime, 0);
    expect(Array.from(same.a)).toEqual(Array.from(s0.a));
    for (const tau of [0.5, 3, 12]) {
      const exact = twoLayerLinearClosedForm(s0, z, kappaPrime, tau);
      const num = integrateTwoLayerLinear(s0, z, kappaPrime, tau);
      expect(relErr(num.a, exact.a)).toBeLessThan(1e-9);
      expect(relErr(num.w, exact.w)).toBeLessThan(1e-9);
    }
  });

  it('w̄_k grows along ±z while its component orthogonal to z stays fixed', () => {
    const m = 6;
    const d1 = 3;
    const next = normalSource(32);
    const s0: TwoLayerLinearState = {
      m,
      d1,
      a: Float64Array.from({ length: m }, () => next()),
      w: Float64Array.from({ length: m * d1 }, () => next()),
    };
    const s = twoLayerLinearClosedForm(s0, z, 1, 15); // e^{|z|τ} ≈ 1.3e3
    for (let k = 0; k < m; k++) {
      const wk = s.w.subarray(k * d1, (k + 1) * d1);
      const w0 = s0.w.subarray(k * d1, (k + 1) * d1);
      const dot = (u: ArrayLike<number>) => (u[0] * z[0] + u[1] * z[1] + u[2] * z[2]) / zNorm;
      const perp = (u: ArrayLike<number>) => Array.from(u, (x, j) => x - (dot(u) * z[j]) / zNorm);
      expect(relErr(perp(wk), perp(w0))).toBeLessThan(1e-9);
      expect(Math.abs(dot(wk)) / Math.hypot(...wk)).toBeGreaterThan(0.99);
    }
  });
});

describe('three-layer effective system (chen2024)', () => {
  it('conservation laws aaᵀ − W2W2ᵀ and W2ᵀW2 − W1W1ᵀ drift < 1e-8 (relative) up to 0.99 T*', () => {
    for (const [m, seed] of [
      [10, 41],
      [25, 42],
    ]) {
      const s0 = initThreeLayerEffective(m, z.length, 0.05, seed);
      const blow = integrateThreeLayer(s0, z);
      expect(blow.status).toBe('blow-up');
      const Tstar = blow.blowUpTime;
      for (const frac of [0.5, 0.9, 0.99]) {
        const run = integrateThreeLayer(s0, z, { tEnd: frac * Tstar });
        expect(run.status).toBe('tEnd');
        expect(run.t).toBeCloseTo(frac * Tstar, 10);
        const drift = conservationDrift(s0, run.final);
        expect(drift.aW2).toBeLessThan(1e-8);
        expect(drift.W2W1).toBeLessThan(1e-8);
      }
      // by 0.99 T* the norm has grown well beyond its start, and W1 has condensed onto ±z
      const late = integrateThreeLayer(s0, z, { tEnd: 0.99 * Tstar });
      expect(late.samples.at(-1)!.norm / late.samples[0].norm).toBeGreaterThan(10);
      expect(late.samples.at(-1)!.alignW1).toBeGreaterThan(0.95);
      expect(late.samples[0].alignW1).toBeLessThan(0.9);
    }
  });

  it('T* from the integrator matches the exact reduced (rank-one aligned) blow-up time within 1e-4', () => {
    const e = [1, 2, 3, 4, 5];
    const g = [1, -1, 0, 2, 1];
    for (const [alpha, beta, gamma] of [
      [0.1, 0.1, 0.1], // equal: T* = 1/(ε|z|)
      [0.3, 0.2, 0.25], // αβγ > 0
      [-0.3, 0.2, 0.25], // αβγ < 0: the smallest passes through 0 first
      [0.2, 0.3, 0], // one zero
    ]) {
      const s0 = rankOneAlignedState(e, g, z, alpha, beta, gamma);
      const run = integrateThreeLayer(s0, z);
      const exact = reducedBlowUpTime(alpha, beta, gamma, zNorm);
      expect(run.status).toBe('blow-up');
      expect(Math.abs(run.blowUpTime / exact - 1)).toBeLessThan(1e-4);
    }
    expect(reducedBlowUpTime(0.1, 0.1, 0.1, zNorm)).toBeCloseTo(1 / (0.1 * zNorm), 12);
    // all equal and negative: decays to 0, no blow-up
    expect(reducedBlowUpTime(-0.1, -0.1, -0.1, zNorm)).toBe(Infinity);
  });

  it('the reduced 3-variable ODE follows α = ε/(1 − ε|z|t) and blows up at its exact T*', () => {
    const eps = 0.2;
    const Tstar = 1 / (eps * zNorm);
    const run = dopri5(reducedRhs(zNorm), 0, [eps, eps, eps], { tEnd: 0.999 * Tstar, rtol: 1e-12 });
    expect(Math.abs(run.y[0] / reducedEqualSolution(eps, zNorm, run.t) - 1)).toBeLessThan(1e-8);
    // unequal data against the R_F formula: integrate the reduced system itself to blow-up
    const y0 = [0.3, -0.2, 0.25];
    const exact = reducedBlowUpTime(y0[0], y0[1], y0[2], zNorm);
    let tStop = NaN;
    const red = dopri5(reducedRhs(zNorm), 0, y0, {
      tEnd: Infinity,
      rtol: 1e-12,
      onStep: (t, y, dy) => {
        const nn = y[0] ** 2 + y[1] ** 2 + y[2] ** 2;
        if (Math.sqrt(nn) < 1e8) return false;
        tStop = t + nn / (y[0] * dy[0] + y[1] * dy[1] + y[2] * dy[2]);
        return true;
      },
    });
    expect(red.status).toBe('stopped');
    expect(Math.abs(tStop / exact - 1)).toBeLessThan(1e-6);
  });

  it('T* scales like 1/(ε|z|): T*·ε·|z| is the same for three init scales and two |z|', () => {
    const m = 12;
    const base = initThreeLayerEffective(m, z.length, 1, 51);
    const scaled = (eps: number) => ({
      ...base,
      a: base.a.map((x) => eps * x),
      W2: base.W2.map((x) => eps * x),
      W1: base.W1.map((x) => eps * x),
    });
    const products: number[] = [];
    for (const eps of [1e-1, 1e-2, 1e-3]) {
      const run = integrateThreeLayer(scaled(eps), z);
      expect(run.status).toBe('blow-up');
      products.push(run.blowUpTime * eps * zNorm);
    }
    const z3 = z.map((x) => 3 * x);
    const run3 = integrateThreeLayer(scaled(1e-2), z3);
    products.push(run3.blowUpTime * 1e-2 * 3 * zNorm);
    for (const p of products) expect(Math.abs(p / products[0] - 1)).toBeLessThan(1e-6);
    // the samples are log-spaced and end at the blow-up
    expect(integrateThreeLayer(scaled(1e-2), z).samples.length).toBeGreaterThan(50);
  });
});
