/**
 * Small tanh networks of chen2024 in float64, trained by full-batch gradient
 * descent (plain TypeScript: no TensorFlow.js, no kernel), in the layout of the
 * effective dynamics (src/engine/effectiveDynamics.ts), so that a network's
 * parameters are also an initial state of its effective model:
 *
 *   three layers  f(x) = Σ_k a_k σ(Σ_l W2_kl σ(W1_l · x̃)),   a (m), W2 (m, m), W1 (m, d+1)
 *   two layers    f(x) = Σ_k a_k σ(W_k · x̃),                  a (m), W (m, d+1)
 *
 * with x̃ = (x, 1) (the first layer's bias is the last column of W1 or W, as in
 * the effective model's z ∈ R^{d+1}); no second-layer bias and no output scale,
 * so that for σ(0) = 0, σ'(0) = 1 and small weights the gradient flow is the
 * effective model exactly to leading order (science.md "Paper 3", "Effective
 * dynamics [D/R]").
 *
 * Loss: R_S = (1/2n) Σ_i e_i², e_i = f(x_i) − y_i (the convention of the papers:
 * zhou2022 eq. (3)). One GD step of learning rate lr advances the gradient-flow
 * time of R_S by lr, the time t of the effective model: t = lr · steps.
 * Gradients (three layers), with h1_il = W1_l · x̃_i, z1 = σ(h1), h2 = z1 W2ᵀ, z2 = σ(h2):
 *   ∂R/∂a_k    = (1/n) Σ_i e_i z2_ik
 *   G2_ik      = e_i a_k σ'(h2_ik)
 *   ∂R/∂W2_kl  = (1/n) Σ_i G2_ik z1_il
 *   G1_il      = σ'(h1_il) Σ_k G2_ik W2_kl
 *   ∂R/∂W1_lj  = (1/n) Σ_i G1_il x̃_ij
 * Cost per step: about 3 n m² multiply-adds (three layers).
 */
import type { ThreeLayerState } from '../effectiveDynamics.js';
import { tanh } from './fdlibm.js';
import { exactNormalSource } from './normal.js';

/** Data with the bias coordinate appended: x̃ (n, d1) row-major, d1 = d + 1; y (n). */
export interface AugmentedData {
  n: number;
  d1: number;
  x: Float64Array;
  y: Float64Array;
}

/** z = (1/n) Σ_i y_i x̃_i ∈ R^{d1}, the one vector the effective dynamics see. */
export function targetVector(data: AugmentedData): Float64Array {
  const z = new Float64Array(data.d1);
  for (let i = 0; i < data.n; i++) for (let j = 0; j < data.d1; j++) z[j] += (data.y[i] * data.x[i * data.d1 + j]) / data.n;
  return z;
}

/** Two-layer parameters: a (m), W (m, d1) row-major, row k = w_k. */
export interface TwoLayerState {
  m: number;
  d1: number;
  a: Float64Array;
  W: Float64Array;
}

/** The activation of these networks: tanh (σ(0) = 0, σ'(0) = 1), fdlibm's, the same bits in every JavaScript engine (./fdlibm.ts). */
const sigma = tanh;

/** A network trained by full-batch GD on R_S. */
export interface GdNetwork<S> {
  /** R_S at the current parameters; keeps the gradient for step(). */
  loss(): number;
  /** θ ← θ − lr ∇R_S(θ), with the gradient of the last loss(). */
  step(lr: number): void;
  /** The current parameters (the live arrays: copy to keep them). */
  readonly state: S;
}

function checkData(data: AugmentedData, d1: number, where: string): void {
  if (data.d1 !== d1) throw new Error(`${where}: data have d + 1 = ${data.d1} input columns, the network ${d1}`);
  if (data.x.length !== data.n * data.d1 || data.y.length !== data.n) throw new Error(`${where}: x must be (${data.n}, ${data.d1}) and y (${data.n})`);
}

/** Full-batch GD of the three-layer tanh network (float64); `s` is copied. */
export class ThreeLayerNet implements GdNetwork<ThreeLayerState> {
  readonly state: ThreeLayerState;
  private readonly h1: Float64Array; // (n, m)
  private readonly z1: Float64Array;
  private readonly z2: Float64Array; // (n, m)
  private readonly g2: Float64Array; // (n, m)
  private readonly b1: Float64Array; // (n, m)
  private readonly e: Float64Array; // (n)
  private readonly gA: Float64Array;
  private readonly gW2: Float64Array;
  private readonly gW1: Float64Array;
  private ready = false;

  constructor(
    s: ThreeLayerState,
    private readonly data: AugmentedData,
  ) {
    checkData(data, s.d1, 'ThreeLayerNet');
    const { m, d1 } = s;
    if (s.a.length !== m || s.W2.length !== m * m || s.W1.length !== m * d1)
      throw new Error(`ThreeLayerNet: parameter shapes do not match (m, d1) = (${m}, ${d1})`);
    this.state = { m, d1, a: Float64Array.from(s.a), W2: Float64Array.from(s.W2), W1: Float64Array.from(s.W1) };
    const nm = data.n * m;
    this.h1 = new Float64Array(nm);
    this.z1 = new Float64Array(nm);
    this.z2 = new Float64Array(nm);
    this.g2 = new Float64Array(nm);
    this.b1 = new Float64Array(nm);
    this.e = new Float64Array(data.n);
    this.gA = new Float64Array(m);
    this.gW2 = new Float64Array(m * m);
    this.gW1 = new Float64Array(m * d1);
  }

  loss(): number {
    const { m, d1, a, W2, W1 } = this.state;
    const { n, x, y } = this.data;
    const { h1, z1, z2, g2, b1, e, gA, gW2, gW1 } = this;
    let R = 0;
    for (let i = 0; i < n; i++) {
      const io = i * m;
      for (let l = 0; l < m; l++) {
        let h = 0;
        for (let j = 0; j < d1; j++) h += W1[l * d1 + j] * x[i * d1 + j];
        h1[io + l] = h;
        z1[io + l] = sigma(h);
      }
      let f = 0;
      for (let k = 0; k < m; k++) {
        let h = 0;
        const ko = k * m;
        for (let l = 0; l < m; l++) h += W2[ko + l] * z1[io + l];
        const t = sigma(h);
        z2[io + k] = t;
        g2[io + k] = a[k] * (1 - t * t); // a_k σ'(h2_ik), times e_i below
        f += a[k] * t;
      }
      e[i] = f - y[i];
      R += e[i] * e[i];
    }
    // gradients
    gA.fill(0);
    gW2.fill(0);
    gW1.fill(0);
    b1.fill(0);
    const inv = 1 / n;
    for (let i = 0; i < n; i++) {
      const io = i * m;
      const ei = e[i];
      for (let k = 0; k < m; k++) {
        gA[k] += ei * z2[io + k] * inv;
        const g = ei * g2[io + k];
        if (g === 0) continue;
        const gi = g * inv;
        const ko = k * m;
        for (let l = 0; l < m; l++) {
          b1[io + l] += g * W2[ko + l];
          gW2[ko + l] += gi * z1[io + l];
        }
      }
      for (let l = 0; l < m; l++) {
        const t = z1[io + l];
        const g1 = b1[io + l] * (1 - t * t) * inv;
        for (let j = 0; j < d1; j++) gW1[l * d1 + j] += g1 * x[i * d1 + j];
      }
    }
    this.ready = true;
    return R / (2 * n);
  }

  step(lr: number): void {
    if (!this.ready) throw new Error('ThreeLayerNet: step() before loss()');
    const { a, W2, W1 } = this.state;
    for (let k = 0; k < a.length; k++) a[k] -= lr * this.gA[k];
    for (let q = 0; q < W2.length; q++) W2[q] -= lr * this.gW2[q];
    for (let q = 0; q < W1.length; q++) W1[q] -= lr * this.gW1[q];
    this.ready = false;
  }

  /** f(x̃_i) for the rows of `x` (n', d1), at the current parameters. */
  predict(x: Float64Array): Float64Array {
    const { m, d1, a, W2, W1 } = this.state;
    const count = x.length / d1;
    const out = new Float64Array(count);
    const z1 = new Float64Array(m);
    for (let i = 0; i < count; i++) {
      for (let l = 0; l < m; l++) {
        let h = 0;
        for (let j = 0; j < d1; j++) h += W1[l * d1 + j] * x[i * d1 + j];
        z1[l] = sigma(h);
      }
      let f = 0;
      for (let k = 0; k < m; k++) {
        let h = 0;
        for (let l = 0; l < m; l++) h += W2[k * m + l] * z1[l];
        f += a[k] * sigma(h);
      }
      out[i] = f;
    }
    return out;
  }
}

/** Full-batch GD of the two-layer tanh network (float64); `s` is copied. */
export class TwoLayerNet implements GdNetwork<TwoLayerState> {
  readonly state: TwoLayerState;
  private readonly gA: Float64Array;
  private readonly gW: Float64Array;
  private ready = false;

  constructor(
    s: TwoLayerState,
    private readonly data: AugmentedData,
  ) {
    checkData(data, s.d1, 'TwoLayerNet');
    const { m, d1 } = s;
    if (s.a.length !== m || s.W.length !== m * d1) throw new Error(`TwoLayerNet: parameter shapes do not match (m, d1) = (${m}, ${d1})`);
    this.state = { m, d1, a: Float64Array.from(s.a), W: Float64Array.from(s.W) };
    this.gA = new Float64Array(m);
    this.gW = new Float64Array(m * d1);
  }

  loss(): number {
    const { m, d1, a, W } = this.state;
    const { n, x, y } = this.data;
    const { gA, gW } = this;
    gA.fill(0);
    gW.fill(0);
    const z = new Float64Array(m);
    const ds = new Float64Array(m);
    let R = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let k = 0; k < m; k++) {
        let h = 0;
        for (let j = 0; j < d1; j++) h += W[k * d1 + j] * x[i * d1 + j];
        const t = sigma(h);
        z[k] = t;
        ds[k] = 1 - t * t;
        f += a[k] * t;
      }
      const ei = f - y[i];
      R += ei * ei;
      for (let k = 0; k < m; k++) {
        gA[k] += (ei * z[k]) / n;
        const g = (ei * a[k] * ds[k]) / n;
        for (let j = 0; j < d1; j++) gW[k * d1 + j] += g * x[i * d1 + j];
      }
    }
    this.ready = true;
    return R / (2 * n);
  }

  step(lr: number): void {
    if (!this.ready) throw new Error('TwoLayerNet: step() before loss()');
    const { a, W } = this.state;
    for (let k = 0; k < a.length; k++) a[k] -= lr * this.gA[k];
    for (let q = 0; q < W.length; q++) W[q] -= lr * this.gW[q];
    this.ready = false;
  }
}

/** Every entry of a and W drawn i.i.d. from N(0, ε²) (draw order a, W), as initThreeLayerEffective does for three layers. */
export function initTwoLayerNet(m: number, d1: number, eps: number, seed: number): TwoLayerState {
  const next = exactNormalSource(seed);
  const a = Float64Array.from({ length: m }, () => eps * next());
  const W = Float64Array.from({ length: m * d1 }, () => eps * next());
  return { m, d1, a, W };
}
