/**
 * Two-layer network of luo2021 (§3) in TensorFlow.js, bias folded into w_k:
 *
 *   f(x) = (1/α) Σ_{k=1}^m a_k σ(w_k · x̃),   x̃ = (x, 1) ∈ R^{d+1}
 *   a_k ~ N(0, β1²),  w_k ~ N(0, β2² I_{d+1})
 *
 * With several outputs (MNIST one-hot, dOut = 10), a_k ∈ R^{dOut}.
 *
 * Shapes: X̃ (n, d+1); W (d+1, m), column k is w_k (last row: biases);
 * a (m, dOut); H = X̃ W (n, m); F = σ(H) a / α (n, dOut); E = F − Y (n, dOut).
 *
 * Loss (code S6): L = (1/n) Σ_i Σ_o E_io², i.e. L = 2 R_S.
 *   ∂L/∂a   = (2/(nα)) σ(H)ᵀ E
 *   ∂L/∂W   = (2/(nα)) X̃ᵀ [ σ'(H) ⊙ (E aᵀ) ]
 * Both are computed without transposed matMuls: Eᵀ σ(H) as a (dOut, n)·(n, m)
 * product, X̃ᵀ is held as a constant, and the thin (·, dOut) matrices E and a
 * are turned round column by column (`thinTranspose`; a reshape for dOut = 1).
 *
 * Parameters and initialisation: ./params.ts; the fused WebAssembly kernels
 * (one output): ./kernel.ts (ReLU) and ./kernelSmooth.ts (tanh, sigmoid,
 * softplus, x·tanh x, sigmoid0, softplus0); a plain-JS forward pass: ./predict.ts.
 */
import { tf } from '../backend.js';
import { activations, type ActivationName } from '../activations.js';
import { augment } from '../augment.js';
import { thinTranspose } from '../tfOps.js';
import type { GdModel } from '../train/gd.js';
import type { TwoLayerParams } from './params.js';
import type { TwoLayerModelFactory } from './train.js';

/** F = f(x) for a batch of inputs (n, d), evaluated in TensorFlow.js: (n, dOut) row-major. */
export function twoLayerPredict(params: TwoLayerParams, alpha: number, activation: ActivationName, x: Float32Array, n: number): Float32Array {
  const { m, d } = params;
  const dOut = params.dOut ?? 1;
  return tf.tidy(() => {
    const X = tf.tensor2d(augment(x, n, d), [n, d + 1]);
    const W = tf.tensor2d(params.w, [d + 1, m]);
    const a = tf.tensor2d(params.a, [m, dOut]);
    const f = tf.div(tf.matMul(activations[activation].sigma(tf.matMul(X, W)), a), alpha);
    return f.dataSync() as Float32Array;
  });
}

/** Full-batch gradient descent state of a two-layer network in TensorFlow.js. */
export class TwoLayerTf implements GdModel<TwoLayerParams> {
  private readonly X: tf.Tensor2D; // (n, d+1)
  private readonly XT: tf.Tensor2D; // (d+1, n)
  private readonly Y: tf.Tensor2D; // (n, dOut)
  private readonly W: tf.Variable; // (d+1, m)
  private readonly a: tf.Variable; // (m, dOut)
  private readonly dOut: number;
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
    this.dOut = params.dOut ?? 1;
    const xa = augment(x, n, d);
    const xt = new Float32Array((d + 1) * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= d; j++) xt[j * n + i] = xa[i * (d + 1) + j];
    this.X = tf.tensor2d(xa, [n, d + 1]);
    this.XT = tf.tensor2d(xt, [d + 1, n]);
    this.Y = tf.tensor2d(y, [n, this.dOut]);
    this.W = tf.variable(tf.tensor2d(params.w, [d + 1, m]));
    this.a = tf.variable(tf.tensor2d(params.a, [m, this.dOut]));
    this.act = activations[activation];
  }

  /** L(θ) = (1/n) Σ_i Σ_o E_io² at the current parameters; keeps what the update needs. */
  loss(): number {
    this.release();
    this.cache = tf.tidy(() => {
      const H = tf.matMul(this.X, this.W); // (n, m)
      const Z = this.act.sigma(H); // (n, m)
      const f = tf.div(tf.matMul(Z, this.a), this.alpha); // (n, dOut)
      const e = tf.sub(f, this.Y); // (n, dOut)
      return { e: tf.keep(e), Z: tf.keep(Z), H: tf.keep(H) };
    });
    // mean over the n·dOut entries, times dOut: (1/n) Σ_i Σ_o
    return tf.tidy(() => tf.mul(tf.mean(tf.square(this.cache!.e)), this.dOut).dataSync()[0]);
  }

  /** θ ← θ − lr ∇L(θ), using the forward pass of the last loss() call. */
  update(lr: number): void {
    if (!this.cache) throw new Error('update() before loss()');
    const { e, Z, H } = this.cache;
    const { dOut } = this;
    const c = (2 / (this.n * this.alpha)) * lr;
    tf.tidy(() => {
      const eT = thinTranspose(e as tf.Tensor2D); // (dOut, n)
      const gA = thinTranspose(tf.matMul(eT, Z) as tf.Tensor2D); // (m, dOut): σ(H)ᵀ E
      const aT = thinTranspose(this.a as tf.Tensor2D); // (dOut, m)
      const dS = this.act.dsigma(H); // (n, m)
      // G = σ'(H) ⊙ (E aᵀ) = Σ_o σ'(H) ⊙ (1 a_oᵀ) ⊙ (e_o 1ᵀ)   (n, m)
      const aRows = tf.split(aT, dOut, 0); // dOut × (1, m)
      const eCols = tf.split(e, dOut, 1); // dOut × (n, 1)
      const G = tf.addN(aRows.map((aRow, o) => tf.mul(tf.mul(dS, aRow), eCols[o])));
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
      dOut: this.dOut,
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

/** Training by TensorFlow.js (any activation, any number of outputs): the `tfjs` path of trainTwoLayer, and the reference the kernels are tested against. */
export const twoLayerTf: TwoLayerModelFactory = {
  path: 'tfjs',
  create: (params, data, alpha, activation) => new TwoLayerTf(params, data.x, data.y, data.n, alpha, activation),
};
