/**
 * chen2023's predictions used by this reproduction (science.md, derived
 * heuristics [D]), written once: used by the chen2023 aggregates.
 */

/**
 * The heuristic region of initial condensation: visible condensation
 * (γ' < γ − 1) and growth from a small output (γ + γ' > 1).
 */
export function inHeuristicRegion(gamma: number, gammaPrime: number): boolean {
  return gammaPrime < gamma - 1 && gamma + gammaPrime > 1;
}

/**
 * Slope of the plateau length against log m for β1 = β2 = m^{−s} (α = 1): in
 * normalised time τ = t/α, τ* ≈ log(1/(m κ κ'))/(2|z|) = (2s − 1) log m / (2|z|),
 * so the slope of τ* against log m is (2s − 1)/(2|z|).
 */
export function plateauSlope(s: number, zNorm: number): number {
  return (2 * s - 1) / (2 * zNorm);
}

/** The predicted τ* at width m, with no fitted constant: plateauSlope(s, |z|) · log m. */
export function plateauTau(s: number, zNorm: number, m: number): number {
  return plateauSlope(s, zNorm) * Math.log(m);
}

/** Upper bound on the condensed orientations at the initial stage for an activation of multiplicity p: 2p. */
export function orientationBound(p: number): number {
  return 2 * p;
}
