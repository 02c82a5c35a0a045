/**
 * Named initialisation schemes of the three-layer network and where they sit
 * in its phase diagram: zhou2022 Table 1 as reconstructed in science.md [D],
 * f = (1/α) aᵀσ(W²σ(W¹x)), W¹ ~ N(0, β1²), W² ~ N(0, β2²), a ~ N(0, β3²),
 * coordinates (γ2, γ3) of κ2 = β2/β1 and κ3 = β1β2β3/α.
 *
 * Each scheme gives its scales as functions of the width m, the input
 * dimension d and the output dimension dOut, the exact asymptotic coordinates
 * (the m → ∞ limits, d fixed), and, through `threeLayerSchemeAt`, the finite-m
 * estimates −log κ / log m, which approach the limits like O(1/log m).
 * (Two layers: src/engine/twoLayer/schemes.ts.)
 */
import { threeLayerCoordinates, threeLayerKappas, type ThreeLayerScales } from './parametrisation.js';

export interface ThreeLayerScheme {
  name: string;
  source: string;
  /** (α, β1, β2, β3) at width m, input dimension d, output dimension dOut */
  scales: (m: number, d: number, dOut: number) => ThreeLayerScales;
  /** lim_{m→∞} −log κ2 / log m */
  gamma2: number;
  /** lim_{m→∞} −log κ3 / log m */
  gamma3: number;
}

const ZHOU = 'zhou2022 Table 1, reconstructed [D]';

/**
 * zhou2022 Table 1 (science.md reconstruction), plus the three-layer
 * mean-field scaling f = (1/m) aᵀσ((1/m) W²σ(W¹x)) = (1/m²) aᵀσ(W²σ(W¹x)) [R/G],
 * which may not be in the paper.
 */
export const threeLayerSchemes: readonly ThreeLayerScheme[] = [
  {
    name: 'LeCun',
    source: ZHOU,
    scales: (m, d) => ({ alpha: 1, beta1: Math.sqrt(1 / d), beta2: Math.sqrt(1 / m), beta3: Math.sqrt(1 / m) }),
    gamma2: 1 / 2,
    gamma3: 1,
  },
  {
    name: 'He',
    source: ZHOU,
    scales: (m, d) => ({ alpha: 1, beta1: Math.sqrt(2 / d), beta2: Math.sqrt(2 / m), beta3: Math.sqrt(2 / m) }),
    gamma2: 1 / 2,
    gamma3: 1,
  },
  {
    // Glorot: std √(2/(fan_in + fan_out)) per layer: W¹ d → m, W² m → m, a m → dOut
    name: 'Xavier',
    source: ZHOU,
    scales: (m, d, dOut) => ({ alpha: 1, beta1: Math.sqrt(2 / (d + m)), beta2: Math.sqrt(2 / (m + m)), beta3: Math.sqrt(2 / (m + dOut)) }),
    gamma2: 0,
    gamma3: 3 / 2,
  },
  {
    // f = m^{-1/2} aᵀσ(m^{-1/2} W²σ(W¹x)) with β = 1, i.e. α = m for ReLU
    name: 'NTK',
    source: ZHOU,
    scales: (m) => ({ alpha: m, beta1: 1, beta2: 1, beta3: 1 }),
    gamma2: 0,
    gamma3: 1,
  },
  {
    name: 'Mean-field',
    source: 'three-layer mean-field scaling [R/G]',
    scales: (m) => ({ alpha: m * m, beta1: 1, beta2: 1, beta3: 1 }),
    gamma2: 0,
    gamma3: 2,
  },
];

/** A three-layer scheme evaluated at (m, d, dOut): scales, κ's and the finite-m coordinates. */
export function threeLayerSchemeAt(scheme: ThreeLayerScheme, m: number, d: number, dOut = 1) {
  const scales = scheme.scales(m, d, dOut);
  return { ...scales, ...threeLayerKappas(scales), ...threeLayerCoordinates(scales, m) };
}
