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
 *
 * zhou2022 Table 2 (its rows of scales) is in ./table2.ts.
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
export function threeLayerScales(m: number, gamma2: number, gamma3: number, { beta1 = 1, B = 1 }: { beta1?: number; B?: number } = {}): ThreeLayerScales {
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
 * Derivation, as for two layers (src/engine/twoLayer/parametrisation.ts, twoLayerLrScaleS6): each layer's normalised step per unit lr
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
