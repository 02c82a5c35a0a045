/** Initialisation schemes (Table 1 of both papers), three-layer coordinates, zhou2022 Table 2, lr scales. */
import { describe, expect, it } from 'vitest';
import { threeLayerCoordinates, threeLayerKappas, threeLayerLrScale, threeLayerScales } from '../../src/engine/threeLayer/parametrisation.js';
import { threeLayerSchemeAt, threeLayerSchemes } from '../../src/engine/threeLayer/schemes.js';
import { zhou2022Table2, zhou2022Table2Scales } from '../../src/engine/threeLayer/table2.js';
import { twoLayerLrScaleS6 } from '../../src/engine/twoLayer/parametrisation.js';
import { eEtAl, twoLayerSchemeAt, twoLayerSchemes } from '../../src/engine/twoLayer/schemes.js';

const byName = <T extends { name: string }>(list: readonly T[], name: string): T => {
  const found = list.find((s) => s.name === name);
  if (!found) throw new Error(`no scheme ${name}`);
  return found;
};

/** Widths 10², 10⁴, …, 10¹⁵⁰: far enough to see the O(1/log m) convergence. */
const widths = Array.from({ length: 75 }, (_, i) => 10 ** (2 * (i + 1)));

describe('two-layer schemes (luo2021 Table 1)', () => {
  it('asymptotic (γ, γ′) are those of the table', () => {
    const table: Record<string, [number, number]> = {
      LeCun: [0.5, 0.5],
      He: [0.5, 0.5],
      Xavier: [1, 0],
      NTK: [0.5, 0],
      'Mean-field': [1, 0],
    };
    expect(twoLayerSchemes.map((s) => s.name)).toEqual(Object.keys(table));
    for (const [name, [gamma, gammaPrime]] of Object.entries(table)) {
      const s = byName(twoLayerSchemes, name);
      expect([s.gamma, s.gammaPrime]).toEqual([gamma, gammaPrime]);
    }
    for (const s of [0.25, 0.5, 1.5]) expect([eEtAl(s).gamma, eEtAl(s).gammaPrime]).toEqual([s, s]);
  });

  it('κ and κ′ are the closed forms of the table', () => {
    for (const [m, d] of [
      [1000, 1],
      [5000, 784],
      [37, 3],
    ]) {
      const at = (name: string) => twoLayerSchemeAt(byName(twoLayerSchemes, name), m, d);
      const close = (x: number, y: number) => expect(Math.abs(x / y - 1)).toBeLessThan(1e-12);
      close(at('LeCun').kappa, Math.sqrt(1 / (m * d)));
      close(at('LeCun').kappaPrime, Math.sqrt(d / m));
      close(at('He').kappa, Math.sqrt(4 / (m * d)));
      close(at('He').kappaPrime, Math.sqrt(d / m));
      close(at('Xavier').kappa, Math.sqrt(4 / ((m + 1) * (m + d))));
      close(at('Xavier').kappaPrime, Math.sqrt((m + d) / (m + 1)));
      close(at('NTK').kappa, Math.sqrt(1 / m));
      close(at('NTK').kappaPrime, 1);
      close(at('Mean-field').kappa, 1 / m);
      close(at('Mean-field').kappaPrime, 1);
      const e = twoLayerSchemeAt(eEtAl(0.3), m, d);
      close(e.kappa, m ** -0.3);
      close(e.kappaPrime, m ** -0.3);
    }
  });

  it('finite-m estimates converge to the asymptotic coordinates as m grows', () => {
    for (const d of [1, 784]) {
      for (const scheme of [...twoLayerSchemes, eEtAl(0.7)]) {
        const errors = widths.map((m) => {
          const at = twoLayerSchemeAt(scheme, m, d);
          return Math.max(Math.abs(at.gamma - scheme.gamma), Math.abs(at.gammaPrime - scheme.gammaPrime));
        });
        for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThanOrEqual(errors[i - 1] + 1e-12);
        expect(errors.at(-1)!).toBeLessThan(0.01);
        // O(1/log m): error · log m stays bounded (by log d + log 4 for these rows)
        for (let i = 0; i < widths.length; i++) expect(errors[i] * Math.log(widths[i])).toBeLessThan(Math.log(4 * d) + 1e-9);
      }
    }
  });
});

describe('three-layer schemes (zhou2022 Table 1, science.md reconstruction)', () => {
  it('asymptotic (γ2, γ3) are those of the table', () => {
    const table: Record<string, [number, number]> = {
      LeCun: [0.5, 1],
      He: [0.5, 1],
      Xavier: [0, 1.5],
      NTK: [0, 1],
      'Mean-field': [0, 2],
    };
    expect(threeLayerSchemes.map((s) => s.name)).toEqual(Object.keys(table));
    for (const [name, [gamma2, gamma3]] of Object.entries(table)) {
      const s = byName(threeLayerSchemes, name);
      expect([s.gamma2, s.gamma3]).toEqual([gamma2, gamma3]);
    }
  });

  it('κ2 and κ3 at finite m', () => {
    const m = 1000;
    const d = 784;
    const at = (name: string, dOut = 10) => threeLayerSchemeAt(byName(threeLayerSchemes, name), m, d, dOut);
    const close = (x: number, y: number) => expect(Math.abs(x / y - 1)).toBeLessThan(1e-12);
    close(at('LeCun').kappa2, Math.sqrt(d / m));
    close(at('LeCun').kappa3, 1 / (Math.sqrt(d) * m));
    close(at('He').kappa3, (Math.sqrt(2 / d) * 2) / m);
    close(at('Xavier').kappa2, Math.sqrt((d + m) / (2 * m)));
    close(at('Xavier').kappa3, Math.sqrt(2 / (d + m)) * Math.sqrt(1 / m) * Math.sqrt(2 / (m + 10)));
    close(at('NTK').kappa3, 1 / m);
    close(at('NTK').kappa2, 1);
    close(at('Mean-field').kappa3, 1 / (m * m));
  });

  it('finite-m estimates converge to the asymptotic coordinates as m grows', () => {
    for (const [d, dOut] of [
      [1, 1],
      [784, 10],
    ]) {
      for (const scheme of threeLayerSchemes) {
        const errors = widths.map((m) => {
          const at = threeLayerSchemeAt(scheme, m, d, dOut);
          return Math.max(Math.abs(at.gamma2 - scheme.gamma2), Math.abs(at.gamma3 - scheme.gamma3));
        });
        for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThanOrEqual(errors[i - 1] + 1e-12);
        expect(errors.at(-1)!).toBeLessThan(0.01);
        for (let i = 0; i < widths.length; i++) expect(errors[i] * Math.log(widths[i])).toBeLessThan(Math.log(4 * (d + dOut)) + 1e-9);
      }
    }
  });
});

describe('three-layer coordinates and zhou2022 Table 2', () => {
  it('every row maps to its (γ2, γ3) exactly, as exponents (units of 1/30)', () => {
    expect(zhou2022Table2).toHaveLength(6);
    for (const row of zhou2022Table2) {
      // κ2 = β2/β1 = m^{(β2 − β1)/30},  κ3 = β1β2β3/α = m^{(β1 + β2 + β3 − α)/30}
      expect(row.beta1 - row.beta2).toBe(row.gamma2);
      expect(row.alpha - row.beta1 - row.beta2 - row.beta3).toBe(row.gamma3);
      expect(row.beta2).toBe(row.beta3); // Assumption 3.2 with B = 1
      expect([row.gamma2, row.gamma3]).toEqual(row.group === 1 ? [0, 33] : [21, 75]);
    }
  });

  it('and numerically at finite widths; threeLayerScales reproduces each row from its β1', () => {
    for (const m of [100, 1000, 10000]) {
      for (const row of zhou2022Table2) {
        const s = zhou2022Table2Scales(row, m);
        const c = threeLayerCoordinates(s, m);
        expect(c.gamma2).toBeCloseTo(row.gamma2 / 30, 12);
        expect(c.gamma3).toBeCloseTo(row.gamma3 / 30, 12);
        const t = threeLayerScales(m, row.gamma2 / 30, row.gamma3 / 30, { beta1: s.beta1, B: 1 });
        for (const k of ['alpha', 'beta1', 'beta2', 'beta3'] as const) expect(Math.abs(t[k] / s[k] - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('science.md worked example (group 2, row 1): κ3 = m^{−2.5}, κ2 = m^{−0.7}', () => {
    const m = 5000;
    const k = threeLayerKappas({ alpha: m ** -0.3, beta3: m ** (-7 / 6), beta2: m ** (-7 / 6), beta1: m ** (-7 / 15) });
    expect(Math.log(k.kappa3) / Math.log(m)).toBeCloseTo(-2.5, 12);
    expect(Math.log(k.kappa2) / Math.log(m)).toBeCloseTo(-0.7, 12);
    expect(k.kappa1).toBeCloseTo(1, 12);
  });

  it('(α, β1, β2, β3) ↔ (γ2, γ3) round-trips, for any β1 and B', () => {
    for (const [g2, g3, b1, B] of [
      [0, 1.1, 1, 1],
      [0.7, 2.5, 0.01, 2],
      [-0.4, 0.8, 30, 0.5],
    ]) {
      const m = 2500;
      const s = threeLayerScales(m, g2, g3, { beta1: b1, B });
      const c = threeLayerCoordinates(s, m);
      expect(c.gamma2).toBeCloseTo(g2, 10);
      expect(c.gamma3).toBeCloseTo(g3, 10);
      expect(threeLayerKappas(s).kappa1).toBeCloseTo(B, 10);
      expect(s.beta1).toBe(b1);
    }
  });
});

describe('learning-rate scales', () => {
  it('two layers: S6 α √(β1 β2)', () => {
    expect(twoLayerLrScaleS6({ alpha: 8, beta1: 4, beta2: 1 })).toBe(16);
  });

  it('both give a geometric-mean normalised step lr0 · β̄ (the sense in which the three-layer α is S6’s counterpart)', () => {
    const next = (() => {
      let u = 0.1234;
      return () => (u = (u * 9301 + 49297) % 233280) / 233280;
    })();
    for (let trial = 0; trial < 20; trial++) {
      const [alpha, beta1, beta2, beta3] = Array.from({ length: 4 }, () => 10 ** (6 * next() - 3));
      // two layers: per-layer normalised rates κ/β_l², κ = β1β2/α
      const k2 = (beta1 * beta2) / alpha;
      const lr2 = twoLayerLrScaleS6({ alpha, beta1, beta2 });
      const geo2 = Math.sqrt(lr2 * (k2 / beta1 ** 2) * lr2 * (k2 / beta2 ** 2));
      expect(geo2 / Math.sqrt(beta1 * beta2)).toBeCloseTo(1, 10);
      // three layers: κ3/β_l², κ3 = β1β2β3/α
      const s3 = { alpha, beta1, beta2, beta3 };
      const k3 = threeLayerKappas(s3).kappa3;
      const lr3 = threeLayerLrScale(s3);
      const geo3 = Math.cbrt((lr3 * k3) / beta1 ** 2) * Math.cbrt((lr3 * k3) / beta2 ** 2) * Math.cbrt((lr3 * k3) / beta3 ** 2);
      expect(geo3 / Math.cbrt(beta1 * beta2 * beta3)).toBeCloseTo(1, 10);
    }
  });
});
