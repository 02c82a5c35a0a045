/**
 * Three-layer network of zhou2022 (§3) in TensorFlow.js, both hidden widths m, biases folded in:
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]),   x̃ = (x, 1) ∈ R^{d+1}
 *   W¹ ~ N(0, β1²) (with b¹),  W² ~ N(0, β2²) (with b²),  a ~ N(0, β3²)
 *
 * Parameter layout and initialisation: ./params.ts; the fused WebAssembly
 * kernel (ReLU, one output): ./kernel.ts.
 * Shapes: X̃ (n, d+1); W1 (d+1, m); W2 (m+1, m), row m = b²; a (m, dOut);
 *   H1 = X̃ W1 (n, m);  Z1 = σ(H1);  Z̃1 = [Z1, 1] (n, m+1);
 *   H2 = Z̃1 W2 (n, m); Z2 = σ(H2);  F = Z2 a / α (n, dOut);  E = F − Y.
 *
 * Loss: L = (1/n) Σ_i Σ_o E_io² (no 1/2, as for two layers: L = 2 R_S of zhou2022 eq. (3)).
 * Gradients (zhou2022 eq. (5), with c = 2/(nα)):
 *   ∂L/∂a  = c Z2ᵀ E                                          (m, dOut)
 *   G2     = σ'(H2) ⊙ (E aᵀ)                                  (n, m)
 *   ∂L/∂W2 = c Z̃1ᵀ G2                                         (m+1, m)
 *   G1     = σ'(H1) ⊙ (G2 W2ᵀ)[:, :m]   (the bias column has no input)   (n, m)
 *   ∂L/∂W1 = c X̃ᵀ G1                                          (d+1, m)
 *
 * Orientation. W1 is held transposed, W1ᵀ (m, d+1), so that layer 1 runs
 * "column-wise" (H1ᵀ = W1ᵀ X̃ᵀ, (m, n)) and its gradient is G1ᵀ X̃ (m, d+1), with
 * X̃ and X̃ᵀ held as constants. W2 is held as is: H2 = Z̃1 W2, ∂L/∂W2 = Z̃1ᵀ G2,
 * (G2 W2ᵀ)ᵀ = W2 G2ᵀ. Unlike two layers, three-layer backprop cannot avoid
 * turning two (n, m) activations round (Z̃1ᵀ → Z̃1 and G2 → G2ᵀ): H2 needs Z̃1
 * with n first, ∂L/∂W2 needs it with n last, and G2 meets W2 once on each side.
 * These two tf.transpose calls are O(nm) against the O(nm²) products, and
 * no parameter, no m×m matrix and no matMul flag is ever transposed.
 *
 * Note (wasm backend): tf.matMul caches XNNPACK's packed copy of its right
 * operand under the tensor's id, not its shape, so a reshape of a tensor that
 * was already a right operand (e.g. aᵀ = reshape(a) after F = Z2 a) must never
 * be a right operand itself: the stale (m, 1) operator would be applied to a
 * (1, m) operand. Outer products are therefore broadcast products here.
 *
 * Option `bias2: false` drops b² (the ones column of Z̃1 becomes zeros, so row m
 * of W2 has no effect and no gradient): the homogeneous variant in which the
 * normalised model of zhou2022 eq. (6) holds exactly (see ./parametrisation.ts).
 */
import { tf } from '../backend.js';
import { activations, type ActivationName } from '../activations.js';
import { augment } from '../augment.js';
import { thinTranspose } from '../tfOps.js';
import type { GdModel } from '../train/gd.js';
import type { ThreeLayerParams } from './params.js';

export interface ThreeLayerOptions {
  /** keep the second-layer bias b² (default true, zhou2022 §3) */
  bias2?: boolean;
}

/** Row-major (rows, cols) → its transpose (cols, rows), in plain TypeScript (set-up only). */
function transposeArray(src: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = src[r * cols + c];
  return out;
}

/** The forward pass, column-wise in layer 1 and row-wise in layer 2 (see the header). */
function forward(
  W1T: tf.Tensor2D, // (m, d+1)
  W2: tf.Tensor2D, // (m+1, m)
  a: tf.Tensor2D, // (m, dOut)
  XT: tf.Tensor2D, // (d+1, n)
  biasRow: tf.Tensor2D, // (1, n): ones, or zeros without b²
  alpha: number,
  sigma: (h: tf.Tensor) => tf.Tensor,
) {
  const H1T = tf.matMul(W1T, XT); // (m, n)
  const Z1T = sigma(H1T); // (m, n)
  const Z1tT = tf.concat([Z1T, biasRow], 0); // (m+1, n): Z̃1ᵀ
  const Z1t = tf.transpose(Z1tT) as tf.Tensor2D; // (n, m+1): Z̃1
  const H2 = tf.matMul(Z1t, W2); // (n, m)
  const Z2 = sigma(H2); // (n, m)
  const F = tf.div(tf.matMul(Z2, a), alpha) as tf.Tensor2D; // (n, dOut)
  return { H1T, Z1tT, H2, Z2, F };
}

/** F = f(x) for a batch of inputs (n, d), evaluated in TensorFlow.js: (n, dOut) row-major. */
export function threeLayerPredict(
  params: ThreeLayerParams,
  alpha: number,
  activation: ActivationName,
  x: Float32Array,
  n: number,
  { bias2 = true }: ThreeLayerOptions = {},
): Float32Array {
  const { m, d, dOut } = params;
  return tf.tidy(() => {
    const XT = tf.tensor2d(transposeArray(augment(x, n, d), n, d + 1), [d + 1, n]);
    const W1T = tf.tensor2d(transposeArray(params.w1, d + 1, m), [m, d + 1]);
    const W2 = tf.tensor2d(params.w2, [m + 1, m]);
    const a = tf.tensor2d(params.a, [m, dOut]);
    const biasRow = tf.fill([1, n], bias2 ? 1 : 0) as tf.Tensor2D;
    const { F } = forward(W1T, W2, a, XT, biasRow, alpha, activations[activation].sigma);
    return F.dataSync() as Float32Array;
  });
}

/** Full-batch gradient descent state of a three-layer network in TensorFlow.js. */
export class ThreeLayerTf implements GdModel<ThreeLayerParams> {
  private readonly X: tf.Tensor2D; // (n, d+1)
  private readonly XT: tf.Tensor2D; // (d+1, n)
  private readonly Y: tf.Tensor2D; // (n, dOut)
  private readonly biasRow: tf.Tensor2D; // (1, n): the appended 1 of Z̃1 (0 without b²)
  private readonly W1T: tf.Variable<tf.Rank.R2>; // (m, d+1): W1 transposed
  private readonly W2: tf.Variable<tf.Rank.R2>; // (m+1, m)
  private readonly a: tf.Variable<tf.Rank.R2>; // (m, dOut)
  private readonly act;
  private cache: { E: tf.Tensor2D; H1T: tf.Tensor; Z1tT: tf.Tensor; H2: tf.Tensor; Z2: tf.Tensor } | undefined;

  constructor(
    private readonly params: ThreeLayerParams,
    x: Float32Array,
    y: Float32Array,
    private readonly n: number,
    private readonly alpha: number,
    activation: ActivationName,
    { bias2 = true }: ThreeLayerOptions = {},
  ) {
    const { m, d, dOut } = params;
    if (params.w1.length !== (d + 1) * m || params.w2.length !== (m + 1) * m || params.a.length !== m * dOut) {
      throw new Error(`ThreeLayerTf: parameter shapes do not match (m, d, dOut) = (${m}, ${d}, ${dOut})`);
    }
    if (x.length !== n * d || y.length !== n * dOut) throw new Error(`ThreeLayerTf: x must be (${n}, ${d}) and y (${n}, ${dOut})`);
    const xa = augment(x, n, d);
    this.X = tf.tensor2d(xa, [n, d + 1]);
    this.XT = tf.tensor2d(transposeArray(xa, n, d + 1), [d + 1, n]);
    this.Y = tf.tensor2d(y, [n, dOut]);
    this.biasRow = tf.fill([1, n], bias2 ? 1 : 0) as tf.Tensor2D;
    this.W1T = tf.variable(tf.tensor2d(transposeArray(params.w1, d + 1, m), [m, d + 1]));
    this.W2 = tf.variable(tf.tensor2d(params.w2, [m + 1, m]));
    this.a = tf.variable(tf.tensor2d(params.a, [m, dOut]));
    this.act = activations[activation];
  }

  /** L(θ) = (1/n) Σ_i Σ_o E_io² at the current parameters; keeps what the update needs. */
  loss(): number {
    this.release();
    this.cache = tf.tidy(() => {
      const { H1T, Z1tT, H2, Z2, F } = forward(this.W1T, this.W2, this.a, this.XT, this.biasRow, this.alpha, this.act.sigma);
      const E = tf.sub(F, this.Y) as tf.Tensor2D; // (n, dOut)
      return { E: tf.keep(E), H1T: tf.keep(H1T), Z1tT: tf.keep(Z1tT), H2: tf.keep(H2), Z2: tf.keep(Z2) };
    });
    // mean over the n·dOut entries, times dOut: (1/n) Σ_i Σ_o
    return tf.tidy(() => tf.mul(tf.mean(tf.square(this.cache!.E)), this.params.dOut).dataSync()[0]);
  }

  /** θ ← θ − lr ∇L(θ), using the forward pass of the last loss() call. */
  update(lr: number): void {
    if (!this.cache) throw new Error('update() before loss()');
    const { E, H1T, Z1tT, H2, Z2 } = this.cache;
    const { m, dOut } = this.params;
    const c = (2 / (this.n * this.alpha)) * lr;
    tf.tidy(() => {
      // output layer
      const ET = thinTranspose(E); // (dOut, n)
      const gA = thinTranspose(tf.matMul(ET, Z2)); // (m, dOut): Z2ᵀ E
      // second hidden layer: E aᵀ = Σ_o e_o a_oᵀ as broadcast products (see the wasm note in the header)
      const aCols = tf.split(this.a, dOut, 1); // dOut × (m, 1)
      const eCols = tf.split(E, dOut, 1); // dOut × (n, 1)
      const EaT = tf.addN(aCols.map((aCol, o) => tf.mul(eCols[o], tf.reshape(aCol, [1, m])))); // (n, m)
      const G2 = tf.mul(this.act.dsigma(H2), EaT); // (n, m): σ'(H2) ⊙ (E aᵀ)
      const gW2 = tf.matMul(Z1tT, G2); // (m+1, m): Z̃1ᵀ G2
      // first hidden layer, column-wise
      const G2T = tf.transpose(G2) as tf.Tensor2D; // (m, n)
      const B1T = tf.slice(tf.matMul(this.W2, G2T), [0, 0], [m, this.n]); // (m, n): (G2 W2ᵀ)ᵀ without the bias row
      const G1T = tf.mul(this.act.dsigma(H1T), B1T); // (m, n): G1ᵀ
      const gW1T = tf.matMul(G1T, this.X); // (m, d+1): (X̃ᵀ G1)ᵀ
      this.a.assign(tf.sub(this.a, tf.mul(gA, c)));
      this.W2.assign(tf.sub(this.W2, tf.mul(gW2, c)));
      this.W1T.assign(tf.sub(this.W1T, tf.mul(gW1T, c)));
    });
    this.release();
  }

  /** The current parameters, copied out (W1 back in the (d+1, m) layout). */
  read(): ThreeLayerParams {
    const { m, d, dOut } = this.params;
    return {
      m,
      d,
      dOut,
      w1: transposeArray(this.W1T.dataSync(), m, d + 1),
      w2: Float32Array.from(this.W2.dataSync()),
      a: Float32Array.from(this.a.dataSync()),
    };
  }

  dispose(): void {
    this.release();
    tf.dispose([this.X, this.XT, this.Y, this.biasRow, this.W1T, this.W2, this.a]);
  }

  private release(): void {
    if (this.cache) tf.dispose(Object.values(this.cache));
    this.cache = undefined;
  }
}
