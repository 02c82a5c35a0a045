// Frozen copy of src/engine/threeLayer/train.ts as of commit 02c999b (before the model factory),
// kept only as the reference of test/engine/three-layer-train-factory.test.ts: the new trainThreeLayer
// must give exactly the same bits for one output. Only the import paths are changed. Do not edit.
/**
 * One training run of the three-layer network of zhou2022 (§3) on the fused
 * WebAssembly kernel (./kernel.ts), from a seed: the protocol the zhou2022
 * experiments need (issue 8, "The engine work it needs"). No TensorFlow.js is
 * imported here, directly or transitively.
 *
 * ## Loss convention
 * The engine minimises L = (1/n) Σ_i e_i², e_i = f(x_i) − y_i: twice the
 * paper's R_S = (1/2n) Σ_i e_i². `protocol.tol` is in the paper's units: the run
 * has converged when R_S = L/2 < tol. `finalLoss` is L (engine units, as in
 * GdResult); `finalRs` is R_S.
 *
 * ## Learning rate: lr = lr0 / λ̂, λ̂ an estimate of λ_max(∇²L) [D]
 * GD on a quadratic is stable iff lr < 2/λ_max, so lr0 < 2 is the stable range
 * if λ̂ is right; the default lr0 = 1 leaves a factor 2 for its errors, and the
 * halvings below correct the rest. With J_i = ∇_θ f(x_i),
 *
 *   ∇²L = (2/n) Σ_i J_i J_iᵀ  +  (2/n) Σ_i e_i ∇²f(x_i)      (Gauss–Newton + residual)
 *
 * (1) Gauss–Newton term. Its top eigenvalue is (2/n) λ_max(K), K_ij = J_i·J_j,
 * and λ_max(K) ≤ tr K = Σ_i ‖J_i‖², with near equality for the 4-point data
 * (all J_i nearly parallel). At initialisation, for ReLU and Gaussian weights
 * (E σ(h)² = Var h / 2, P(h > 0) = 1/2, leading order in m), with x̃ = (x, 1):
 *
 *   ‖∂f/∂a‖²  ≈ m² β1² β2² ‖x̃‖² / (4α²)
 *   ‖∂f/∂W²‖² ≈ m² β1² β3² ‖x̃‖² / (4α²)
 *   ‖∂f/∂W¹‖² ≈ m² β2² β3² ‖x̃‖² / (4α²)
 *
 * so ‖J_i‖² ≈ ‖x̃_i‖² C0 / 4 with C0 = m² (β1²β2² + β1²β3² + β2²β3²) / α² (the
 * "initial curvature" of issue 8). The bias b² adds its 1 to ‖[σ(W¹x̃); 1]‖²
 * ≈ m β1² ‖x̃‖²/2 + 1, i.e. + m (β2² + β3²) / (2α²) to ‖J_i‖², which matters when
 * m β1² ≲ 2 (Table 2 row 1: a factor 2). So, with s_x = mean_i ‖x̃_i‖²,
 *
 *   λ_GN ≈ 2 · mean_i ‖J_i‖² = s_x C0 / 2 + b · m (β2² + β3²) / α²     (b = 1 with b², 0 without).
 *
 * It governs the runs whose weights barely move (linear regime, small γ3).
 * (2) Residual term. At a small initialisation (κ3 = β1β2β3/α ≪ 1/m, f(θ0) ≈ 0)
 * the Gauss–Newton term is tiny, but e_i ≈ −y_i is not: the cross-layer blocks
 * of ∇²f are then what limits the step. The a–W² block is block-diagonal over
 * the second-layer neurons k, each block [[0, g_kᵀ], [g_k, 0]] with
 * g_k = (2/(nα)) Σ_i e_i σ'(h2_ik) [σ(W¹x̃_i); 1] and eigenvalues ±‖g_k‖;
 * with ‖σ(W¹x̃)‖ ≈ β1 √(m/2) ‖x̃‖ and |e_i| ≈ √L0 (L0 = L(θ0)),
 * ‖g_k‖ ≲ √(2 m s_x L0) β1 / α. The W¹–a and W¹–W² blocks give the same form
 * with β2 and β3 (random m×m matrices of entries β2, resp. outer products with
 * a of norm β3 √m). Hence
 *
 *   λ_res ≈ √(2 m s_x L0) · max(β1, β2, β3) / α.
 *
 * This is issue 8's second estimate, α/(β1 √m), which tracked the working lr
 * where the net condenses: it is also the Gauss–Newton curvature of the fitted,
 * condensed net when W¹ stays near its initialisation and (W², a) grow
 * (a two-layer net on features of norm β1 √m fitting outputs of size |y|).
 * Its constant is measured, not derived: at the end of the Table 2 group-2 runs
 * (W¹ near its initialisation, a and W² grown; m = 300, seed 1, lr0 = 1/16) the
 * Gauss–Newton λ_max computed from the exact per-point gradients (float64) is
 * 13, 8 and 6 times √(2 m s_x L0) β1/α for the three rows, because the fit is
 * not balanced (|a| grows past the part of W² aligned with σ(W¹x̃)); with the
 * plain estimate every group-2 run needed 2–3 halvings at m = 100–1000. Hence
 * the factor c_res = 8 (`threeLayerResidualFactor`) below.
 * A stable step must be below 2/λ_max along the whole trajectory, so the two
 * are added (not the min of two learning rates taken separately — a step must
 * satisfy both; the sum is within a factor 2 of the max):
 *
 *   λ̂ = λ_GN + c_res √(2 m s_x L0) max(β1, β2, β3) / α,      lr = lr0 / λ̂.
 *
 * Not covered: a condensed net where all three layers grow together (balanced
 * norms s with s³ ≈ α |y|, curvature ≈ α^{−2/3}, the corner γ2 = 0, γ3 ≫ 2):
 * there λ̂ can be too small by a factor ~m^{2/3}, and the halvings take over.
 * Measured at (γ2, γ3) = (0, 3.5) (threeLayerScales, β1 = 1, seed 1): 6 halvings
 * at m = 100 (converged, 16,273 steps in all), 8 at m = 300 (22,691); the
 * late halvings are rises of 1–2 % that recur at the same point of the
 * trajectory each time lr halves (steps ×2), i.e. a sharp transition, not a
 * blow-up. Table 2 (m = 100–10000) and (γ2, γ3) = (0, 2.5), (0.5, 3), (1, 2),
 * (−0.5, 2) at m = 300 need 0–2 halvings.
 *
 * ## Halvings
 * A rise is L_t > L_min (1 + riseTolerance), L_min the smallest loss of the
 * attempt so far (a cumulative test: a slow drift upwards is caught too, and
 * a true instability grows geometrically and passes it within a few steps),
 * or a non-finite loss. Smaller rises (rounding noise on a plateau, the
 * 1e-4–1e-3 rises after long plateaus of issue 8) are tolerated and counted.
 * On a rise: lr0 ← lr0/2 and the run RESTARTS FROM THE SAME INITIAL PARAMETERS
 * (drawn once from the seed; never redrawn). Every halving is recorded. More
 * than maxRestarts halvings: status 'unstable'.
 * `protocol.maxSteps` caps the TOTAL number of GD steps over all attempts;
 * hitting it: status 'max-steps'. Neither is ever reported as converged.
 *
 * ## float32 floor
 * The kernel stores θ in float32: an update smaller than half an ulp of an
 * entry (relative 2^-24 ≈ 6e-8) is lost. Two symptoms are detected:
 *  - the whole net stalls: the loss is bitwise constant for `stallSteps`
 *    consecutive steps while R_S ≥ tol: the run stops with 'float32-floor';
 *    (Unless the net is dead: every second-layer ReLU inactive on every data
 *    point, so the gradient is exactly 0 — checked in float64 when the loss
 *    stalls; status 'dead'.)
 *  - a layer barely resolves: its mean relative motion per step,
 *    RD / steps (final attempt), is below `rateFloor` (default 1e-7, about two
 *    half-ulps; RD exactly 0 included): the run's status is 'float32-floor'
 *    even if R_S < tol (then `reachedTol` is true), because the RD it reports
 *    is not a measurement. Calibration against a float64 GD from the same
 *    initialisation with the same lr and steps (.scratch/z-f64.ts, m = 100 and 300):
 *      RD/step 1.1e-6 and 4.1e-7: float32 RD within 0.05 % and 0.2 % of float64;
 *      1.05e-8: 8 % low ((γ2, γ3) = (1, 1), m = 100); 6.7e-10: a factor 2 low;
 *      1.4e-11 and 1.2e-13: a factor 4 and 8 low ((1.5, 0.5), the case).
 *    (RD/step is a mean: a run whose motion is concentrated in a few steps is
 *    flagged conservatively.)
 * Diagnostics: every `checkEvery` steps the parameters are read and each
 * layer's movement over the window is recorded (`floor.*.stalledWindows`:
 * windows with R_S ≥ tol in which not one entry of the layer changed).
 * A float64 path is not implemented here.
 */
import type { Dataset } from '../../../src/engine/data/toy1d.js';
import { relativeDistance } from '../../../src/engine/metrics/relativeDistance.js';
import { type GdProtocol, logSpacedSteps } from '../../../src/engine/train/gd.js';
import { ThreeLayerKernel } from '../../../src/engine/threeLayer/kernel.js';
import type { ThreeLayerScales } from '../../../src/engine/threeLayer/parametrisation.js';
import { initThreeLayer, type ThreeLayerParams } from '../../../src/engine/threeLayer/params.js';

/** The protocol of a three-layer run. `tol` is in R_S = L/2 (the paper's units); `maxSteps` caps all attempts together. */
export interface ThreeLayerProtocol extends GdProtocol {
  /** Relative rise over the attempt's smallest loss that is tolerated (default 1e-2). */
  riseTolerance?: number;
  /** A layer whose RD / steps is below this is at the float32 floor (default 1e-7). */
  rateFloor?: number;
  /** Consecutive steps with a bitwise-constant loss above tol that stop the run as 'float32-floor' (default 2000). */
  stallSteps?: number;
  /** Steps between parameter reads for the per-layer stall diagnostics (default 250). */
  checkEvery?: number;
}

/** Default lr0 (lr = lr0 / λ̂; stable for lr0 < 2 if λ̂ were exact). */
export const threeLayerDefaultLr0 = 1;

/** c_res, the measured factor of the residual (condensed) curvature term (module comment). */
export const threeLayerResidualFactor = 8;

/**
 * converged: R_S < tol with every RD resolved; max-steps: the total step cap;
 * unstable: more than maxRestarts halvings; float32-floor: see the module
 * comment; dead: the loss stalled because the gradient is exactly 0 (every
 * second-layer ReLU off on every point). Only 'converged' is a clean run.
 */
export type ThreeLayerStatus = 'converged' | 'max-steps' | 'unstable' | 'float32-floor' | 'dead';

/** One halving: the attempt that failed, its step, its lr0 and lr, and the loss rise (from = smallest loss of the attempt, to = the loss that rose). */
export interface ThreeLayerHalving {
  attempt: number;
  step: number;
  lr0: number;
  lr: number;
  from: number;
  to: number;
}

export interface LayerFloor {
  /** final RD of the layer (biases included) */
  rd: number;
  /** rd / steps of the final attempt (mean relative motion per step) */
  ratePerStep: number;
  /** ratePerStep < rateFloor (RD exactly 0 included) */
  atFloor: boolean;
  /** windows of `checkEvery` steps (final attempt, R_S ≥ tol) in which no entry of the layer changed */
  stalledWindows: number;
}

export interface ThreeLayerGd {
  status: ThreeLayerStatus;
  /** R_S < tol was reached (also true for a 'float32-floor' run whose loss converged) */
  reachedTol: boolean;
  /** steps of the final attempt */
  steps: number;
  /** steps over all attempts (≤ protocol.maxSteps) */
  totalSteps: number;
  /** L = (1/n) Σ e² at the end (engine units) */
  finalLoss: number;
  /** R_S = L/2 at the end (paper units) */
  finalRs: number;
  /** lr0 of the final attempt, after halvings */
  lr0: number;
  /** lr of the final attempt = lr0 / λ̂ */
  lr: number;
  halvings: ThreeLayerHalving[];
  /** rises below riseTolerance that were let through (final attempt) */
  toleratedRises: { count: number; maxRelative: number };
  /** the whole net stalled (loss bitwise constant for stallSteps steps) */
  stalled: boolean;
  /** log-spaced (step, L) of the final attempt */
  trajectory: { step: number; loss: number }[];
  initial: ThreeLayerParams;
  final: ThreeLayerParams;
}

export interface ThreeLayerCurvature {
  /** C0 = m² (β1²β2² + β1²β3² + β2²β3²) / α² */
  c0: number;
  /** s_x = mean ‖x̃‖² */
  sx: number;
  /** L(θ0) */
  l0: number;
  /** s_x C0 / 2 + b m (β2² + β3²) / α² */
  gaussNewton: number;
  /** c_res √(2 m s_x L0) max(β) / α */
  residual: number;
  /** λ̂ = gaussNewton + residual */
  lambda: number;
}

export interface ThreeLayerRun {
  gd: ThreeLayerGd;
  /** RD(W¹) over the whole (d+1, m) matrix, b¹ included */
  rdW1: number;
  /** RD(W²) over the whole (m+1, m) matrix, b² included (without bias2: over the m×m weights) */
  rdW2: number;
  rdA: number;
  /** the run did not converge cleanly (status ≠ 'converged') */
  stoppedShort: boolean;
  floor: { w1: LayerFloor; w2: LayerFloor };
  curvature: ThreeLayerCurvature;
}

export interface ThreeLayerRunSpec {
  data: Dataset;
  m: number;
  scales: ThreeLayerScales;
  seed: number;
  /** keep the second-layer bias b² (default true) */
  bias2?: boolean;
  protocol: ThreeLayerProtocol;
  onProgress?: (fraction: number) => void;
  /** the initial parameters (default: initThreeLayer(m, data.d, scales, seed)); for tests and for sharing one draw */
  initial?: ThreeLayerParams;
}

/** λ̂ (see the module comment): lr = lr0 / λ̂. */
export function threeLayerCurvature({ alpha, beta1, beta2, beta3 }: ThreeLayerScales, m: number, data: Dataset, l0: number, bias2 = true): ThreeLayerCurvature {
  const c0 = (m * m * (beta1 * beta1 * beta2 * beta2 + beta1 * beta1 * beta3 * beta3 + beta2 * beta2 * beta3 * beta3)) / (alpha * alpha);
  let sx = 0;
  for (let i = 0; i < data.n; i++) {
    let s = 1;
    for (let j = 0; j < data.d; j++) s += data.x[i * data.d + j] ** 2;
    sx += s;
  }
  sx /= data.n;
  const gaussNewton = (sx * c0) / 2 + (bias2 ? (m * (beta2 * beta2 + beta3 * beta3)) / (alpha * alpha) : 0);
  const residual = (threeLayerResidualFactor * Math.sqrt(2 * m * sx * l0) * Math.max(beta1, beta2, beta3)) / alpha;
  return { c0, sx, l0, gaussNewton, residual, lambda: gaussNewton + residual };
}

/**
 * A fingerprint of a parameter array (float64 sums Σ v, Σ v², Σ c_i v with
 * pseudo-random weights c_i): equal fingerprints ⇔ no entry changed, up to a
 * cancellation in all three sums at once. Avoids keeping a copy of W² ((m+1)·m
 * floats, 400 MB at m = 10000) between checks.
 */
function fingerprint(v: Float32Array): [number, number, number] {
  let s = 0;
  let q = 0;
  let c = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    s += x;
    q += x * x;
    c += x * (((Math.imul(i, 0x9e3779b1) >>> 22) & 1023) + 1);
  }
  return [s, q, c];
}
const sameFingerprint = (p: number[], q: number[]) => p.every((x, i) => Object.is(x, q[i]));

/** Every second-layer pre-activation ≤ 0 on every data point (float64): the gradient of every parameter is exactly 0. */
export function isDead(p: ThreeLayerParams, data: Dataset, bias2 = true): boolean {
  const { m, d } = p;
  const z1 = new Float64Array(m);
  for (let i = 0; i < data.n; i++) {
    for (let j = 0; j < m; j++) {
      let h = p.w1[d * m + j];
      for (let t = 0; t < d; t++) h += p.w1[t * m + j] * data.x[i * d + t];
      z1[j] = Math.max(h, 0);
    }
    for (let k = 0; k < m; k++) {
      let h = bias2 ? p.w2[m * m + k] : 0;
      for (let j = 0; j < m; j++) h += p.w2[j * m + k] * z1[j];
      if (h > 0) return false;
    }
  }
  return true;
}

export function trainThreeLayer(spec: ThreeLayerRunSpec): ThreeLayerRun {
  const { data, m, scales, protocol } = spec;
  if (data.dOut !== 1) throw new Error(`trainThreeLayer: one output only (the kernel's), got dOut = ${data.dOut}`);
  const riseTolerance = protocol.riseTolerance ?? 1e-2;
  const rateFloor = protocol.rateFloor ?? 1e-7;
  const stallSteps = protocol.stallSteps ?? 2000;
  const checkEvery = protocol.checkEvery ?? 250;
  const lTol = 2 * protocol.tol; // R_S < tol ⇔ L < 2 tol
  const initial = spec.initial ?? initThreeLayer(m, data.d, scales, spec.seed);
  const bias2 = spec.bias2 ?? true;
  const create = () => new ThreeLayerKernel(initial, data.x, data.y, data.n, scales.alpha, 'relu', { bias2 });

  const halvings: ThreeLayerHalving[] = [];
  let lr0 = protocol.lr0;
  let totalSteps = 0;
  let curvature: ThreeLayerCurvature | undefined;
  let gd: ThreeLayerGd | undefined;
  const stalledWindows = { w1: 0, w2: 0 };

  for (let attempt = 0; !gd; attempt++) {
    const model = create();
    try {
      const first = model.loss();
      curvature ??= threeLayerCurvature(scales, m, data, first, bias2);
      const lr = lr0 / curvature.lambda;
      const remaining = protocol.maxSteps - totalSteps;
      const marks = new Set(logSpacedSteps(Math.max(remaining, 1), 60));
      const trajectory: { step: number; loss: number }[] = [];
      const tolerated = { count: 0, maxRelative: 0 };
      stalledWindows.w1 = 0;
      stalledWindows.w2 = 0;
      let window = { w1: fingerprint(initial.w1), w2: fingerprint(initial.w2) };
      let lMin = Infinity;
      let previous = NaN;
      let constantFor = 0;
      let rose = false;
      for (let step = 0; ; step++) {
        const L = step === 0 ? first : model.loss();
        if (!Number.isFinite(L) || L > lMin * (1 + riseTolerance)) {
          halvings.push({ attempt, step, lr0, lr, from: lMin, to: L });
          totalSteps += step;
          rose = true;
          break;
        }
        if (L > lMin) {
          tolerated.count++;
          tolerated.maxRelative = Math.max(tolerated.maxRelative, L / lMin - 1);
        }
        lMin = Math.min(lMin, L);
        constantFor = L === previous ? constantFor + 1 : 0;
        previous = L;
        const converged = L < lTol;
        const stalled = !converged && constantFor >= stallSteps;
        const capped = step >= remaining;
        if (step > 0 && step % checkEvery === 0 && !converged) {
          const p = model.read();
          const now = { w1: fingerprint(p.w1), w2: fingerprint(p.w2) };
          if (sameFingerprint(now.w1, window.w1)) stalledWindows.w1++;
          if (sameFingerprint(now.w2, window.w2)) stalledWindows.w2++;
          window = now;
        }
        if (marks.has(step) || converged || stalled || capped) trajectory.push({ step, loss: L });
        if (converged || stalled || capped) {
          totalSteps += step;
          const final = model.read();
          const status: ThreeLayerStatus = converged ? 'converged' : stalled ? (isDead(final, data, bias2) ? 'dead' : 'float32-floor') : 'max-steps';
          gd = {
            status,
            reachedTol: converged,
            steps: step,
            totalSteps,
            finalLoss: L,
            finalRs: L / 2,
            lr0,
            lr,
            halvings,
            toleratedRises: tolerated,
            stalled,
            trajectory,
            initial,
            final,
          };
          break;
        }
        model.update(lr);
        if (spec.onProgress && (totalSteps + step) % 500 === 0) spec.onProgress((totalSteps + step) / protocol.maxSteps);
      }
      if (rose) {
        if (halvings.length > protocol.maxRestarts || totalSteps >= protocol.maxSteps) {
          const status: ThreeLayerStatus = halvings.length > protocol.maxRestarts ? 'unstable' : 'max-steps';
          gd = {
            status,
            reachedTol: false,
            steps: 0,
            totalSteps,
            finalLoss: NaN,
            finalRs: NaN,
            lr0,
            lr,
            halvings,
            toleratedRises: tolerated,
            stalled: false,
            trajectory,
            initial,
            final: initial,
          };
        }
        lr0 /= 2;
      }
    } finally {
      model.dispose();
    }
  }

  const rdW1 = relativeDistance(gd.final.w1, initial.w1);
  // Without b², row m of W² is neither used nor updated: RD over rows 0..m−1.
  const w2Rows = bias2 ? (m + 1) * m : m * m;
  const rdW2 = relativeDistance(gd.final.w2.subarray(0, w2Rows), initial.w2.subarray(0, w2Rows));
  const rdA = relativeDistance(gd.final.a, initial.a);
  const layerFloor = (rd: number, stalled: number): LayerFloor => {
    const ratePerStep = rd / Math.max(gd.steps, 1);
    return { rd, ratePerStep, atFloor: !(ratePerStep >= rateFloor), stalledWindows: stalled };
  };
  const floor = { w1: layerFloor(rdW1, stalledWindows.w1), w2: layerFloor(rdW2, stalledWindows.w2) };
  if (gd.status === 'converged' && (floor.w1.atFloor || floor.w2.atFloor)) gd.status = 'float32-floor';
  return { gd, rdW1, rdW2, rdA, stoppedShort: gd.status !== 'converged', floor, curvature: curvature as ThreeLayerCurvature };
}
