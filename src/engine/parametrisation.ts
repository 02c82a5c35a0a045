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
