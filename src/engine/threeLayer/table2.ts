/** zhou2022 Table 2: the scales (α, β1, β2, β3) of its two groups of runs and the reported growth exponents. */
import type { ThreeLayerScales } from './parametrisation.js';

/**
 * One row of zhou2022 Table 2 [V]: α = m^{alpha/30}, β_l = m^{beta_l/30}
 * (exponents in units of 1/30, so that every entry is an integer), the
 * coordinates (γ2, γ3) = (gamma2/30, gamma3/30), and the reported growth
 * exponents S_{W1}, S_{W2} (means of 8 runs).
 */
export interface Zhou2022Table2Row {
  group: 1 | 2;
  alpha: number;
  beta3: number;
  beta2: number;
  beta1: number;
  gamma2: number;
  gamma3: number;
  sW1: number;
  sW2: number;
}

/**
 * zhou2022 Table 2, exponents ×30. The table's Std column, printed once per group (group 1:
 * 6.44e-3, 1.05e-2; group 2: 4.64e-3, 2.50e-3), equals to every printed digit the population
 * standard deviation (np.std) of the group's three S values, not a spread over the 8 seeds
 * (computed in this reproduction): the paper says nothing about how its 8 seeds agree.
 */
export const zhou2022Table2: readonly Zhou2022Table2Row[] = [
  { group: 1, alpha: -15, beta3: -16, beta2: -16, beta1: -16, gamma2: 0, gamma3: 33, sW1: -0.4108, sW2: -0.9119 },
  { group: 1, alpha: 0, beta3: -11, beta2: -11, beta1: -11, gamma2: 0, gamma3: 33, sW1: -0.4084, sW2: -0.9364 },
  { group: 1, alpha: 15, beta3: -6, beta2: -6, beta1: -6, gamma2: 0, gamma3: 33, sW1: -0.4231, sW2: -0.931 },
  { group: 2, alpha: -9, beta3: -35, beta2: -35, beta1: -14, gamma2: 21, gamma3: 75, sW1: -0.313, sW2: 0.0251 },
  { group: 2, alpha: 0, beta3: -32, beta2: -32, beta1: -11, gamma2: 21, gamma3: 75, sW1: -0.3176, sW2: 0.0263 },
  { group: 2, alpha: 9, beta3: -29, beta2: -29, beta1: -8, gamma2: 21, gamma3: 75, sW1: -0.3243, sW2: 0.0205 },
];

/** The scales of a Table 2 row at width m. */
export function zhou2022Table2Scales(row: Zhou2022Table2Row, m: number): ThreeLayerScales {
  return { alpha: m ** (row.alpha / 30), beta1: m ** (row.beta1 / 30), beta2: m ** (row.beta2 / 30), beta3: m ** (row.beta3 / 30) };
}
