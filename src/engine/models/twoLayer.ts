/**
 * Two-layer network of luo2021 (§3), bias folded into w_k:
 *
 *   f(x) = (1/α) Σ_{k=1}^m a_k σ(w_k · x̃),   x̃ = (x, 1) ∈ R^{d+1}
 *   a_k ~ N(0, β1²),  w_k ~ N(0, β2² I_{d+1})
 *
 * Shapes: X̃ (n, d+1); W (d+1, m), column k is w_k (last row: biases);
 * a (m, 1); H = X̃ W (n, m); f = σ(H) a / α (n, 1).
 *
 * Loss (code S6): L = (1/n) Σ_i e_i², e_i = f(x_i) − y_i, i.e. L = 2 R_S.
 *   ∂L/∂a   = (2/(nα)) σ(H)ᵀ e
 *   ∂L/∂W   = (2/(nα)) X̃ᵀ [ (e 1ᵀ) ⊙ σ'(H) ⊙ (1 aᵀ) ]
 * Both are computed without transposed matMuls: eᵀ σ(H) as a (1, n)·(n, m)
 * product, and X̃ᵀ is held as a constant.
 */
import { tf } from '../backend.js';
import { activations, type ActivationName } from '../activations.js';
import { normalArray, normalSource } from '../random.js';
import type { TwoLayerScales } from '../parametrisation.js';
import type { GdModel } from '../train/gd.js';

export interface TwoLayerParams {
  m: number;
  /** input dimension d (without the bias coordinate) */
  d: number;
  /** a, length m */
  a: Float32Array;
  /** W, row-major (d+1, m): W[j*m + k] = component j of w_k */
  w: Float32Array;
}

/** Append the constant 1 to each input row: (n, d) → (n, d+1). */
export function augment(x: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * (d + 1) + j] = x[i * d + j];
    out[i * (d + 1) + d] = 1;
  }
  return out;
}

/**
 * Initial parameters from a seed. Draw order: a_1..a_m, then W row by row.
 * With `antisymmetric`, the second half of the neurons copies the first
 * half's w_k with −a_k, so f(θ0) = 0 (luo2021 Remark 5, ASI); m must be even.
 */
export function initTwoLayer(
  m: number,
  d: number,
  { beta1, beta2 }: Pick<TwoLayerScales, 'beta1' | 'beta2'>,
  seed: number,
  antisymmetric = false,
): TwoLayerParams {
  const next = normalSource(seed);
  if (!antisymmetric) {
    const a = normalArray(next, m, beta1);
    const w = normalArray(next, (d + 1) * m, beta2);
    return { m, d, a, w };
  }
  if (m % 2 !== 0) throw new Error(`antisymmetric initialisation needs an even width, got m = ${m}`);
  const h = m / 2;
  const aHalf = normalArray(next, h, beta1);
  const wHalf = normalArray(next, (d + 1) * h, beta2);
  const a = new Float32Array(m);
  const w = new Float32Array((d + 1) * m);
  for (let k = 0; k < h; k++) {
    a[k] = aHalf[k];
    a[k + h] = -aHalf[k];
    for (let j = 0; j <= d; j++) {
      w[j * m + k] = wHalf[j * h + k];
      w[j * m + k + h] = wHalf[j * h + k];
    }
  }
  return { m, d, a, w };
}

/** f(x) for a batch of inputs (n, d), evaluated in TensorFlow.js. */
export function twoLayerPredict(
  params: TwoLayerParams,
  alpha: number,
  activation: ActivationName,
  x: Float32Array,
  n: number,
): Float32Array {
  const { m, d } = params;
  return tf.tidy(() => {
    const X = tf.tensor2d(augment(x, n, d), [n, d + 1]);
    const W = tf.tensor2d(params.w, [d + 1, m]);
    const a = tf.tensor2d(params.a, [m, 1]);
    const f = tf.div(tf.matMul(activations[activation].sigma(tf.matMul(X, W)), a), alpha);
    return f.dataSync() as Float32Array;
  });
}

/** Full-batch gradient descent state of a two-layer network in TensorFlow.js. */
export class TwoLayerTf implements GdModel<TwoLayerParams> {
  private readonly X: tf.Tensor2D; // (n, d+1)
  private readonly XT: tf.Tensor2D; // (d+1, n)
  private readonly Y: tf.Tensor2D; // (n, 1)
  private readonly W: tf.Variable; // (d+1, m)
  private readonly a: tf.Variable; // (m, 1)
  private readonly act;
  private cache: { e: tf.Tensor; Z: tf.Tensor; H: tf.Tensor } | undefined;

  constructor(
    private readonly params: TwoLayerParams,
    x: Float32Array,
    y: Float32Array,
    private readonly n: number,
    private readonly alpha: number,
    activation: ActivationName,
  ) {
    const { m, d } = params;
    const xa = augment(x, n, d);
    const xt = new Float32Array((d + 1) * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= d; j++) xt[j * n + i] = xa[i * (d + 1) + j];
    this.X = tf.tensor2d(xa, [n, d + 1]);
    this.XT = tf.tensor2d(xt, [d + 1, n]);
    this.Y = tf.tensor2d(y, [n, 1]);
    this.W = tf.variable(tf.tensor2d(params.w, [d + 1, m]));
    this.a = tf.variable(tf.tensor2d(params.a, [m, 1]));
    this.act = activations[activation];
  }

  /** L(θ) = (1/n) Σ e_i² at the current parameters; keeps what the update needs. */
  loss(): number {
    this.release();
    this.cache = tf.tidy(() => {
      const H = tf.matMul(this.X, this.W); // (n, m)
      const Z = this.act.sigma(H); // (n, m)
      const f = tf.div(tf.matMul(Z, this.a), this.alpha); // (n, 1)
      const e = tf.sub(f, this.Y); // (n, 1)
      return { e: tf.keep(e), Z: tf.keep(Z), H: tf.keep(H) };
    });
    return tf.tidy(() => tf.mean(tf.square(this.cache!.e)).dataSync()[0]);
  }

  /** θ ← θ − lr ∇L(θ), using the forward pass of the last loss() call. */
  update(lr: number): void {
    if (!this.cache) throw new Error('update() before loss()');
    const { e, Z, H } = this.cache;
    const { m } = this.params;
    const c = (2 / (this.n * this.alpha)) * lr;
    tf.tidy(() => {
      const eRow = tf.reshape(e, [1, this.n]); // (1, n)
      const gA = tf.reshape(tf.matMul(eRow, Z), [m, 1]); // (m, 1): σ(H)ᵀ e
      const aRow = tf.reshape(this.a, [1, m]); // (1, m)
      const G = tf.mul(tf.mul(this.act.dsigma(H), aRow), e); // (n, m)
      const gW = tf.matMul(this.XT, G); // (d+1, m)
      this.a.assign(tf.sub(this.a, tf.mul(gA, c)));
      this.W.assign(tf.sub(this.W, tf.mul(gW, c)));
    });
    this.release();
  }

  /** The current parameters, copied out. */
  read(): TwoLayerParams {
    return {
      m: this.params.m,
      d: this.params.d,
      a: Float32Array.from(this.a.dataSync()),
      w: Float32Array.from(this.W.dataSync()),
    };
  }

  dispose(): void {
    this.release();
    tf.dispose([this.X, this.XT, this.Y, this.W, this.a]);
  }

  private release(): void {
    if (this.cache) tf.dispose([this.cache.e, this.cache.Z, this.cache.H]);
    this.cache = undefined;
  }
}
