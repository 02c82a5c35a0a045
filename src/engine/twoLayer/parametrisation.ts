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
