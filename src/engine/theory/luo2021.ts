/**
 * luo2021's phase diagram of two-layer ReLU networks (Theorems 6 and 8): in
 * the (γ, γ') plane the linear regime lies left of / above the boundary,
 * the condensed regime right of / below it, the critical regime on it:
 *
 *   γ = 1          for γ' ≤ 0,
 *   γ = 1 + γ'     for γ' > 0   (i.e. γ' = γ − 1).
 *
 * Written once here; used by the aggregates (S_w heatmaps, condensation map,
 * schemes) and by the Fig. 1 view.
 */

/** A point of the (γ, γ') plane. */
export interface PhasePoint {
  gamma: number;
  gammaPrime: number;
}

/** The γ of the boundary at γ'. */
export function boundaryGamma(gammaPrime: number): number {
  return gammaPrime <= 0 ? 1 : 1 + gammaPrime;
}

/** Whether (γ, γ') lies on the boundary, to `tol` in γ: the cells luo2021 Fig. 6 frames as critical. */
export function isCritical(gamma: number, gammaPrime: number, tol = 1e-9): boolean {
  return Math.abs(gamma - boundaryGamma(gammaPrime)) < tol;
}

/** The regime at (γ, γ'): left of the boundary linear, right of it condensed, on it critical (to tol). */
export function regime(gamma: number, gammaPrime: number, tol = 1e-9): 'linear' | 'critical' | 'condensed' {
  if (isCritical(gamma, gammaPrime, tol)) return 'critical';
  return gamma < boundaryGamma(gammaPrime) ? 'linear' : 'condensed';
}

/**
 * The boundary between γ' = lo and γ' = hi as a polyline: its ends and, when
 * lo < 0 < hi, its corner at (1, 0).
 */
export function boundaryLine(lo: number, hi: number): PhasePoint[] {
  return [lo, ...(lo < 0 && hi > 0 ? [0] : []), hi].map((gammaPrime) => ({ gamma: boundaryGamma(gammaPrime), gammaPrime }));
}

/**
 * The linear and condensed regimes inside the window γ ∈ gammas, γ' ∈ gammaPrimes,
 * as polygons of [γ, γ'] vertices (not closed): the linear one left of the
 * boundary, the condensed one right of it. Assumes the boundary stays inside
 * the window's γ range.
 */
export function regimePolygons(gammas: [number, number], gammaPrimes: [number, number]): { linear: [number, number][]; condensed: [number, number][] } {
  const [x0, x1] = gammas;
  const [y0, y1] = gammaPrimes;
  const line = boundaryLine(y0, y1).map((p): [number, number] => [p.gamma, p.gammaPrime]);
  return {
    linear: [[x0, y0], ...line, [x0, y1]],
    condensed: [line[0], [x1, y0], [x1, y1], ...line.slice(1).reverse()],
  };
}
