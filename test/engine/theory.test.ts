/** The papers' theoretical predictions (src/engine/theory/*), against hand-checked values. */
import { describe, expect, it } from 'vitest';
import { inHeuristicRegion, orientationBound, plateauSlope, plateauTau } from '../../src/engine/theory/chen2023.js';
import { boundaryGamma, boundaryLine, isCritical, regime, regimePolygons } from '../../src/engine/theory/luo2021.js';

describe('luo2021 phase boundary (Theorems 6 and 8)', () => {
  it('γ = 1 for γ′ ≤ 0 and γ = 1 + γ′ for γ′ > 0', () => {
    expect(boundaryGamma(-1)).toBe(1);
    expect(boundaryGamma(-0.3)).toBe(1);
    expect(boundaryGamma(0)).toBe(1);
    expect(boundaryGamma(0.25)).toBe(1.25);
    expect(boundaryGamma(1)).toBe(2);
  });

  it('critical cells: on the boundary to 1e-9', () => {
    expect(isCritical(1, -0.2)).toBe(true);
    expect(isCritical(1, 0)).toBe(true);
    expect(isCritical(1.2, 0.2)).toBe(true); // 1 + 0.2 = 1.2 in floating point
    expect(isCritical(1.1 + 1e-10, 0.1)).toBe(true);
    expect(isCritical(1, 0.2)).toBe(false);
    expect(isCritical(1.2, 0)).toBe(false);
    expect(isCritical(0.8, -0.2)).toBe(false);
    expect(isCritical(1.1 + 1e-8, 0.1)).toBe(false);
  });

  it('regimes: linear left of the boundary, condensed right of it', () => {
    expect(regime(0.5, 0)).toBe('linear');
    expect(regime(1.75, 0)).toBe('condensed');
    expect(regime(1, -0.5)).toBe('critical');
    expect(regime(1.2, 0.3)).toBe('linear'); // boundary at 1.3
    expect(regime(1.4, 0.3)).toBe('condensed');
    expect(regime(1.5, -0.3)).toBe('condensed');
  });

  it('boundary polyline: the ends, and the corner (1, 0) when the range straddles 0', () => {
    expect(boundaryLine(-1, 1)).toEqual([
      { gamma: 1, gammaPrime: -1 },
      { gamma: 1, gammaPrime: 0 },
      { gamma: 2, gammaPrime: 1 },
    ]);
    expect(boundaryLine(-0.4, -0.1)).toEqual([
      { gamma: 1, gammaPrime: -0.4 },
      { gamma: 1, gammaPrime: -0.1 },
    ]);
    expect(boundaryLine(0, 0.3)).toEqual([
      { gamma: 1, gammaPrime: 0 },
      { gamma: 1.3, gammaPrime: 0.3 },
    ]);
  });

  it('regime polygons of the Fig. 1 window γ ∈ [0, 2], γ′ ∈ [−1, 1]', () => {
    const { linear, condensed } = regimePolygons([0, 2], [-1, 1]);
    expect(linear).toEqual([
      [0, -1],
      [1, -1],
      [1, 0],
      [2, 1],
      [0, 1],
    ]);
    expect(condensed).toEqual([
      [1, -1],
      [2, -1],
      [2, 1],
      [2, 1],
      [1, 0],
    ]);
  });
});

describe('chen2023 heuristics', () => {
  it('heuristic region: γ′ < γ − 1 and γ + γ′ > 1', () => {
    expect(inHeuristicRegion(2.5, -0.5)).toBe(true);
    expect(inHeuristicRegion(2.5, 0.5)).toBe(true);
    expect(inHeuristicRegion(1.5, -0.5)).toBe(false); // γ + γ′ = 1, not > 1
    expect(inHeuristicRegion(1.5, 0.5)).toBe(false); // γ′ = γ − 1, not <
    expect(inHeuristicRegion(0.5, -0.5)).toBe(false);
    expect(inHeuristicRegion(3, 1)).toBe(true);
    expect(inHeuristicRegion(2, -1.5)).toBe(false); // γ + γ′ = 0.5
  });

  it('plateau slope (2s − 1)/(2|z|) and τ* = slope · log m', () => {
    expect(plateauSlope(1, 0.5)).toBe(1);
    expect(plateauSlope(1.5, 2)).toBe(0.5);
    expect(plateauSlope(0.75, 0.25)).toBe(1);
    expect(plateauSlope(0.5, 1)).toBe(0);
    expect(plateauTau(1, 0.5, Math.E ** 3)).toBeCloseTo(3, 12);
    expect(plateauTau(1.5, 2, 100)).toBe(0.5 * Math.log(100));
  });

  it('at most 2p condensed orientations', () => {
    expect(orientationBound(1)).toBe(2);
    expect(orientationBound(2)).toBe(4);
  });
});
