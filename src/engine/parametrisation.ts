/**
 * Parametrisation of the two-layer network f(x) = (1/α) Σ_k a_k σ(w_k·x̃)
 * (luo2021, §3): a_k ~ N(0, β1²), w_k ~ N(0, β2² I).
 *
 *   κ  = β1 β2 / α   (energetic scale)
 *   κ' = β1 / β2     (dynamical scale)
 *   γ  = −log κ  / log m
 *   γ' = −log κ' / log m
 */

export interface TwoLayerScales {
  alpha: number;
  beta1: number;
  beta2: number;
}

/**
 * Scales reaching (γ, γ') at width m, for a chosen β1 (default 1):
 * β2 = β1 m^{γ'} (so κ' = m^{−γ'}), α = β1 β2 m^{γ} (so κ = m^{−γ}).
 */
export function twoLayerScales(m: number, gamma: number, gammaPrime: number, beta1 = 1): TwoLayerScales {
  const beta2 = beta1 * m ** gammaPrime;
  const alpha = beta1 * beta2 * m ** gamma;
  return { alpha, beta1, beta2 };
}

/** κ and κ' of a two-layer parametrisation. */
export function twoLayerKappas({ alpha, beta1, beta2 }: TwoLayerScales): { kappa: number; kappaPrime: number } {
  return { kappa: (beta1 * beta2) / alpha, kappaPrime: beta1 / beta2 };
}

/** The finite-m coordinates (γ, γ') = (−log κ / log m, −log κ' / log m). */
export function twoLayerCoordinates(scales: TwoLayerScales, m: number): { gamma: number; gammaPrime: number } {
  const { kappa, kappaPrime } = twoLayerKappas(scales);
  return { gamma: -Math.log(kappa) / Math.log(m), gammaPrime: -Math.log(kappaPrime) / Math.log(m) };
}

/**
 * Learning-rate scale of the luo2021 protocol (code S6): lr = lr0 · α √(β1 β2) [V S6].
 *
 * In what sense it is width-independent: under GD each layer's normalised
 * parameters (ā = a/β1, w̄ = w/β2) move per step by lr · r_l · ĝ_l, where ĝ_l is
 * the gradient of the normalised model and r_l = κ / β_l² its rate
 * (r_a = β2/(αβ1), r_w = β1/(αβ2); luo2021 §3). Their geometric mean is
 * (r_a r_w)^{1/2} = 1/α, i.e. τ = κ t̄ = t/α is the normalised time in which
 * the mobilities (1/κ', κ') have geometric mean 1. S6's scale is therefore
 *
 *   lr = lr0 · (unit of τ) · β̄,   β̄ = (β1 β2)^{1/2}   (geometric mean of the layer scales),
 *
 * i.e. the geometric-mean normalised step is lr0 · β̄: independent of m and α
 * whenever the β's are O(1) (luo2021 Fig. 2, the MNIST script at γ' = 0).
 */
export function twoLayerLrScaleS6({ alpha, beta1, beta2 }: TwoLayerScales): number {
  return alpha * Math.sqrt(beta1 * beta2);
}

// ---------------------------------------------------------------------------------------------
// Three layers (zhou2022 §3–4)

/**
 * Parametrisation of the three-layer network f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1])
 * (zhou2022 §3): W¹ ~ N(0, β1²) (with b¹), W² ~ N(0, β2²) (with b²), a ~ N(0, β3²).
 *
 *   κ3 = β1 β2 β3 / α   (energetic: f = κ3 f̄(θ̄) for ReLU)          science.md, checked on Table 2
 *   κ2 = β2 / β1        (scale of W² relative to W¹)
 *   κ1 = β2 / β3 = B    (Assumption 3.2: β2 = B β3, B independent of m)
 *   γ2 = −log κ2 / log m,   γ3 = −log κ3 / log m                        zhou2022 eq. (7)
 *
 * Normalised model (zhou2022 eq. (6)): ā = a/β3, W̄² = W²/β2, W̄¹ = W¹/β1.
 * For ReLU and with t̄ = t/β2², gradient flow on L = (1/n) Σ_i Σ_o e_io² reads
 *
 *   dθ̄_l/dt̄ = −μ_l κ3 (1/n) Σ_i ∇_{θ̄_l} f̄(x_i) · 2 e_i,   e_i = κ3 f̄(x_i) − y_i,
 *   mobilities μ_a = B², μ_{W²} = 1, μ_{W¹} = κ2²,
 *
 * so two splits of (α, β1, β2, β3) with the same (κ2, κ3, B) follow the same
 * normalised trajectory in t̄, and one GD step advances t̄ by lr/β2².
 * Caveat [D]: this is exact only without the second-layer bias. With b² folded
 * into W² at scale β2, the normalised pre-activation is W̄²σ(W̄¹x̃) + b̄²/β1, which
 * depends on β1 itself, not only on (κ2, κ3, B).
 */
export interface ThreeLayerScales {
  alpha: number;
  /** std of W¹ (and b¹) */
  beta1: number;
  /** std of W² (and b²) */
  beta2: number;
  /** std of a */
  beta3: number;
}

/**
 * Scales reaching (γ2, γ3) at width m, for a chosen β1 (default 1) and
 * B = β2/β3 (default 1, Assumption 3.2):
 *   β2 = β1 m^{−γ2}   (κ2 = m^{−γ2})
 *   β3 = β2 / B
 *   α  = β1 β2 β3 m^{γ3}   (κ3 = m^{−γ3})
 */
export function threeLayerScales(
  m: number,
  gamma2: number,
  gamma3: number,
  { beta1 = 1, B = 1 }: { beta1?: number; B?: number } = {},
): ThreeLayerScales {
  const beta2 = beta1 * m ** -gamma2;
  const beta3 = beta2 / B;
  const alpha = beta1 * beta2 * beta3 * m ** gamma3;
  return { alpha, beta1, beta2, beta3 };
}

/** κ1 = B, κ2, κ3 of a three-layer parametrisation. */
export function threeLayerKappas({ alpha, beta1, beta2, beta3 }: ThreeLayerScales): { kappa1: number; kappa2: number; kappa3: number } {
  return { kappa1: beta2 / beta3, kappa2: beta2 / beta1, kappa3: (beta1 * beta2 * beta3) / alpha };
}

/** The finite-m coordinates (γ2, γ3) = (−log κ2 / log m, −log κ3 / log m). */
export function threeLayerCoordinates(scales: ThreeLayerScales, m: number): { gamma2: number; gamma3: number } {
  const { kappa2, kappa3 } = threeLayerKappas(scales);
  return { gamma2: -Math.log(kappa2) / Math.log(m), gamma3: -Math.log(kappa3) / Math.log(m) };
}

/**
 * Learning-rate scale for three layers, the counterpart of S6's α √(β1 β2) [G]
 * (a proposed default: zhou2022's learning rates are unknown).
 *
 * Derivation, as for two layers above: each layer's normalised step per unit lr
 * is r_l = κ3 / β_l² (l = 1, 2, 3); their geometric mean is
 * (r1 r2 r3)^{1/3} = β̄/α with β̄ = (β1 β2 β3)^{1/3}, so the normalised time in
 * which the mobilities have geometric mean 1 has unit α/β̄. S6's recipe,
 * lr = lr0 · (unit of normalised time) · β̄, then gives
 *
 *   lr = lr0 · (α/β̄) · β̄ = lr0 · α,
 *
 * and the geometric-mean normalised step is again lr0 · β̄.
 */
export function threeLayerLrScale({ alpha }: ThreeLayerScales): number {
  return alpha;
}

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

/** zhou2022 Table 2, exponents ×30. Std over the 8 runs: group 1 (6.44e-3, 1.05e-2), group 2 (4.64e-3, 2.50e-3). */
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
