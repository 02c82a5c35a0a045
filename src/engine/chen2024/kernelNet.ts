/**
 * The three-layer tanh network of ./network.ts (ThreeLayerNet: chen2024's
 * layout, no second-layer bias, no output scale, R_S = (1/2n) Σ e_i²) trained
 * on the fused float32 WebAssembly kernel for smooth activations
 * (../threeLayer/kernelSmooth.ts) instead of float64 TypeScript.
 *
 * Layouts. chen2024: a (m), W2 (m, m) with W2[k,l] from first-layer neuron l
 * to second-layer neuron k, W1 (m, d1) with row l = w1_l, bias last. The
 * kernel: w1 (d1, m) = W1ᵀ, w2 (m+1, m) with row l = W2[·,l] (= W2ᵀ) and a
 * zero bias row (bias2: false), a (m), α = 1. The kernel minimises
 * L = (1/n) Σ e_i² = 2 R_S, so a step θ ← θ − lr ∇R_S is update(lr / 2).
 * The parameters are rounded to float32 once, at construction; `state`
 * reads them back as float64 (exact).
 *
 * `compensated`: the kernel's compensated updates (θ = θ_hi + θ_lo, both
 * float32, TwoSum), starting from θ_lo = θ0 − fl32(θ0) (so θ0 is not
 * rounded either), and `state` is θ_hi + θ_lo in float64. Without it, a
 * small initialisation moves each weight by a few float32 ulp a step, and
 * the rounding of those steps, nearly the same from one step to the next,
 * drifts the plain float32 trajectory away from the float64 one (measured:
 * .scratch comparison in the report of this change).
 */
import type { ThreeLayerState } from '../effectiveDynamics.js';
import { ThreeLayerSmoothKernel } from '../threeLayer/kernelSmooth.js';
import type { ThreeLayerParams } from '../threeLayer/params.js';
import type { AugmentedData, GdNetwork } from './network.js';

/** chen2024 layout → kernel layout (float32); with `low`, also the float32 remainders θ − fl32(θ) (θ = hi + lo to ~2^-48). */
function toKernel(s: ThreeLayerState, low: boolean): ThreeLayerParams {
  const { m, d1 } = s;
  const w1 = new Float64Array(d1 * m);
  for (let l = 0; l < m; l++) for (let j = 0; j < d1; j++) w1[j * m + l] = s.W1[l * d1 + j];
  const w2 = new Float64Array((m + 1) * m); // row m (b²) stays 0
  for (let k = 0; k < m; k++) for (let l = 0; l < m; l++) w2[l * m + k] = s.W2[k * m + l];
  const hi = (v: Float64Array) => Float32Array.from(v);
  const lo = (v: Float64Array, h: Float32Array) => Float32Array.from(v, (x, i) => x - h[i]);
  const p: ThreeLayerParams = { m, d: d1 - 1, dOut: 1, w1: hi(w1), w2: hi(w2), a: hi(s.a) };
  if (low) p.low = { w1: lo(w1, p.w1), w2: lo(w2, p.w2), a: lo(s.a, p.a) };
  return p;
}

/** Full-batch GD of the three-layer tanh network on the smooth kernel (float32); `s` is rounded to float32. */
export class ThreeLayerKernelNet implements GdNetwork<ThreeLayerState> {
  private readonly kernel: ThreeLayerSmoothKernel;
  private readonly m: number;
  private readonly d1: number;
  private cached: ThreeLayerState | undefined;

  constructor(s: ThreeLayerState, data: AugmentedData, compensated = false) {
    const { m, d1 } = s;
    if (data.d1 !== d1) throw new Error(`ThreeLayerKernelNet: data have d + 1 = ${data.d1} input columns, the network ${d1}`);
    if (s.a.length !== m || s.W2.length !== m * m || s.W1.length !== m * d1)
      throw new Error(`ThreeLayerKernelNet: parameter shapes do not match (m, d1) = (${m}, ${d1})`);
    const d = d1 - 1;
    const x = new Float32Array(data.n * d);
    for (let i = 0; i < data.n; i++) {
      if (data.x[i * d1 + d] !== 1) throw new Error(`ThreeLayerKernelNet: the last input column must be the bias coordinate 1 (row ${i})`);
      for (let j = 0; j < d; j++) x[i * d + j] = data.x[i * d1 + j];
    }
    this.m = m;
    this.d1 = d1;
    this.kernel = new ThreeLayerSmoothKernel(toKernel(s, compensated), x, Float32Array.from(data.y), data.n, 1, 'tanh', { bias2: false, compensated });
  }

  /** R_S = L / 2 at the current parameters. */
  loss(): number {
    return this.kernel.loss() / 2;
  }

  /** θ ← θ − lr ∇R_S(θ) = θ − (lr/2) ∇L(θ). */
  step(lr: number): void {
    this.kernel.update(lr / 2);
    this.cached = undefined;
  }

  /** The current parameters in chen2024's layout, float64 (a copy, read once per step at most). */
  get state(): ThreeLayerState {
    if (this.cached) return this.cached;
    const p = this.kernel.read();
    const lo = p.low;
    const { m, d1 } = this;
    const W1 = new Float64Array(m * d1);
    for (let l = 0; l < m; l++) for (let j = 0; j < d1; j++) W1[l * d1 + j] = p.w1[j * m + l] + (lo ? lo.w1[j * m + l] : 0);
    const W2 = new Float64Array(m * m);
    for (let k = 0; k < m; k++) for (let l = 0; l < m; l++) W2[k * m + l] = p.w2[l * m + k] + (lo ? lo.w2[l * m + k] : 0);
    const a = Float64Array.from(p.a, (v, k) => v + (lo ? lo.a[k] : 0));
    this.cached = { m, d1, a, W2, W1 };
    return this.cached;
  }

  dispose(): void {
    this.kernel.dispose();
  }
}
