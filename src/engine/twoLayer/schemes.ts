/**
 * Named initialisation schemes of the two-layer network and where they sit in
 * its phase diagram: luo2021 Table 1 [V], f = (1/α) Σ a_k σ(w_k·x), a ~ N(0, β1²),
 * w ~ N(0, β2² I_d), coordinates (γ, γ') of κ = β1β2/α and κ' = β1/β2.
 *
 * Each scheme gives its scales as functions of the width m and the input
 * dimension d, the exact asymptotic coordinates (the m → ∞ limits, d fixed),
 * and, through `twoLayerSchemeAt`, the finite-m estimates −log κ / log m,
 * which approach the limits like O(1/log m).
 *
 * For ReLU the (α, β) representation is exact by homogeneity: e.g. NTK
 * f = m^{-1/2} Σ a_k σ(w_k·x) is α = √m with β1 = β2 = 1.
 * (Three layers: src/engine/threeLayer/schemes.ts.)
 */
import { twoLayerCoordinates, twoLayerKappas, type TwoLayerScales } from './parametrisation.js';

export interface TwoLayerScheme {
  name: string;
  /** where the row comes from, with its science.md tag */
  source: string;
  /** (α, β1, β2) at width m, input dimension d */
  scales: (m: number, d: number) => TwoLayerScales;
  /** lim_{m→∞} −log κ / log m */
  gamma: number;
  /** lim_{m→∞} −log κ' / log m */
  gammaPrime: number;
}

const LUO = 'luo2021 Table 1 [V]';

/** The five fixed rows of luo2021 Table 1. */
export const twoLayerSchemes: readonly TwoLayerScheme[] = [
  { name: 'LeCun', source: LUO, scales: (m, d) => ({ alpha: 1, beta1: Math.sqrt(1 / m), beta2: Math.sqrt(1 / d) }), gamma: 1 / 2, gammaPrime: 1 / 2 },
  { name: 'He', source: LUO, scales: (m, d) => ({ alpha: 1, beta1: Math.sqrt(2 / m), beta2: Math.sqrt(2 / d) }), gamma: 1 / 2, gammaPrime: 1 / 2 },
  {
    name: 'Xavier',
    source: LUO,
    scales: (m, d) => ({ alpha: 1, beta1: Math.sqrt(2 / (m + 1)), beta2: Math.sqrt(2 / (m + d)) }),
    gamma: 1,
    gammaPrime: 0,
  },
  { name: 'NTK', source: LUO, scales: (m) => ({ alpha: Math.sqrt(m), beta1: 1, beta2: 1 }), gamma: 1 / 2, gammaPrime: 0 },
  { name: 'Mean-field', source: LUO, scales: (m) => ({ alpha: m, beta1: 1, beta2: 1 }), gamma: 1, gammaPrime: 0 },
];

/**
 * E et al. (2020), the sixth row of luo2021 Table 1: α = 1, β1 = β, β2 = 1, so
 * κ = κ' = β. The row is a one-parameter family (the line γ = γ' in Fig. 1);
 * here β = m^{−s}, which puts it at γ = γ' = s.
 */
export function eEtAl(s: number): TwoLayerScheme {
  return { name: `E et al. (β = m^-${s})`, source: LUO, scales: (m) => ({ alpha: 1, beta1: m ** -s, beta2: 1 }), gamma: s, gammaPrime: s };
}

/** A two-layer scheme evaluated at (m, d): scales, κ, κ' and the finite-m coordinates. */
export function twoLayerSchemeAt(scheme: TwoLayerScheme, m: number, d: number) {
  const scales = scheme.scales(m, d);
  return { ...scales, ...twoLayerKappas(scales), ...twoLayerCoordinates(scales, m) };
}
