/**
 * The effective models' predictions of when a small-initialisation network
 * leaves its initial plateau (chen2024; science.md "Paper 3").
 *
 * - Three layers: the effective model ȧ = W2u, Ẇ2 = auᵀ, Ẇ1 = W2ᵀazᵀ (u = W1z)
 *   blows up at a finite time T*, integrated (dopri5) from the network's own
 *   initial parameters; by degree-2 homogeneity T* ∝ 1/ε for an initialisation
 *   of scale ε (and T* = R_F(α0², β0², γ0²)/|z| exactly for the rank-one
 *   reduction: reducedBlowUpTime).
 * - Two layers: the linear model ȧ_k = w_k·z, ẇ_k = a_k z (chen2023's with κ' = 1)
 *   has no blow-up; its solution (closed form) grows like e^{|z|t}, and the
 *   prediction is the first time its loss, computed with the linearised output
 *   f(x) = Σ_k a_k w_k·x̃, falls below plateauEnd · R_S(0): about log(1/ε)/|z|.
 */
import { initThreeLayerEffective, integrateThreeLayer, type ThreeLayerState, twoLayerLinearClosedForm } from '../effectiveDynamics.js';
import type { AugmentedData, TwoLayerState } from './network.js';

/** T* of the three-layer effective model from s0 (blow-up declared at ‖θ‖ = 1e8 ‖θ(0)‖; relative error ≤ 1e-8). */
export function threeLayerBlowUpTime(s0: ThreeLayerState, z: ArrayLike<number>): number {
  const run = integrateThreeLayer(s0, z, { samplesPerDecade: 1 });
  if (run.status !== 'blow-up') throw new Error(`threeLayerBlowUpTime: the effective model ended with status ${run.status} at t = ${run.t}`);
  return run.blowUpTime;
}

/** R_S of the linearised two-layer output f(x̃) = Σ_k a_k w_k·x̃. */
function linearisedLoss(s: { m: number; d1: number; a: Float64Array; w: Float64Array }, data: AugmentedData): number {
  const { m, d1, a, w } = s;
  // f(x̃) = (Σ_k a_k w_k)·x̃
  const c = new Float64Array(d1);
  for (let k = 0; k < m; k++) for (let j = 0; j < d1; j++) c[j] += a[k] * w[k * d1 + j];
  let R = 0;
  for (let i = 0; i < data.n; i++) {
    let f = 0;
    for (let j = 0; j < d1; j++) f += c[j] * data.x[i * d1 + j];
    R += (f - data.y[i]) ** 2;
  }
  return R / (2 * data.n);
}

/** First time the two-layer linear model's loss falls below level · R_S(0) (closed form, then bisection to 1e-12 relative). */
export function twoLayerExitTime(s0: TwoLayerState, z: ArrayLike<number>, data: AugmentedData, level: number): number {
  const lin = { m: s0.m, d1: s0.d1, a: s0.a, w: s0.W };
  const zNorm = Math.hypot(...Array.from(z));
  const R0 = linearisedLoss(lin, data);
  const below = (t: number) => linearisedLoss(twoLayerLinearClosedForm(lin, z, 1, t), data) < level * R0;
  const dt = 0.01 / zNorm;
  let lo = 0;
  let hi = dt;
  for (let i = 0; !below(hi); i++) {
    if (i > 1e6) throw new Error('twoLayerExitTime: the linear model never left the plateau');
    lo = hi;
    hi += dt;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (below(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export { initThreeLayerEffective };
