/**
 * A small convolutional network for MNIST in TensorFlow.js, for the lecture's
 * "condensation in a CNN" (Zhang 2025): its architecture is not given there,
 * so this one is the reproduction's choice:
 *
 *   x (28×28×1) → conv k×k, c1 channels, σ → max-pool 2×2
 *               → conv k×k, c2 channels, σ → max-pool 2×2 → dense → 10 logits
 *
 * (σ = tanh or ReLU; 'valid' convolutions, stride 1), trained on the softmax cross-entropy by
 * Adam on mini-batches in a seeded order (each epoch a fresh seeded
 * permutation, cut into ⌊n/batch⌋ batches; a remainder sits the epoch out). Every weight and bias starts from
 * N(0, σ_l²) with σ_l = fanIn_l^(−γ) (fanIn = k²·channels in, or the
 * flattened size for the dense layer): γ = 1/2 is LeCun's scale, γ > 1/2
 * small. The initial values are drawn with the engine's seeded generator
 * (../random.ts), so a seed gives the same network on every backend.
 *
 * Parameter layouts are TensorFlow.js's: conv kernels (k, k, in, out), dense
 * (in, out). `kernelRows` turns the first layer into one row per channel.
 */
import { tf } from '../backend.js';
import { normalArray, normalSource, uniformSource } from '../random.js';

export interface CnnShape {
  /** side of the square input (28 for MNIST) */
  size: number;
  /** kernel side k of both convolutions */
  kernel: number;
  /** channels of the first and second convolution */
  channels1: number;
  channels2: number;
  classes: number;
  /** activation after each convolution */
  activation: 'relu' | 'tanh';
}

export interface CnnParams {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  wd: Float32Array;
  bd: Float32Array;
}

/** Side of the feature map after each conv + pool, and the dense layer's input size. */
export function cnnSizes({ size, kernel, channels2 }: CnnShape): { side1: number; side2: number; flat: number } {
  const side1 = Math.floor((size - kernel + 1) / 2);
  const side2 = Math.floor((side1 - kernel + 1) / 2);
  if (side2 < 1) throw new Error(`cnn: input ${size}×${size} is too small for two ${kernel}×${kernel} convolutions with 2×2 pooling`);
  return { side1, side2, flat: side2 * side2 * channels2 };
}

/** Fan-in of each layer: conv1, conv2, dense. */
export function cnnFanIns(shape: CnnShape): [number, number, number] {
  const k2 = shape.kernel * shape.kernel;
  return [k2, k2 * shape.channels1, cnnSizes(shape).flat];
}

/** Initial parameters: layer l's weights and biases ~ N(0, fanIn_l^(−2γ)). Draw order: w1, b1, w2, b2, wd, bd. */
export function initCnn(shape: CnnShape, gamma: number, seed: number): CnnParams {
  const { kernel: k, channels1: c1, channels2: c2, classes } = shape;
  const [f1, f2, fd] = cnnFanIns(shape);
  const next = normalSource(seed);
  const s1 = f1 ** -gamma;
  const s2 = f2 ** -gamma;
  const sd = fd ** -gamma;
  return {
    w1: normalArray(next, k * k * c1, s1),
    b1: normalArray(next, c1, s1),
    w2: normalArray(next, k * k * c1 * c2, s2),
    b2: normalArray(next, c2, s2),
    wd: normalArray(next, fd * classes, sd),
    bd: normalArray(next, classes, sd),
  };
}

/** The first layer's kernels as rows (c1, k²): row c = the k×k weights of channel c (no bias). */
export function kernelRows(w1: ArrayLike<number>, shape: CnnShape): Float64Array {
  const { kernel: k, channels1: c1 } = shape;
  if (w1.length !== k * k * c1) throw new Error(`kernelRows: w1 must be (${k}, ${k}, 1, ${c1}) = ${k * k * c1} entries, got ${w1.length}`);
  const rows = new Float64Array(c1 * k * k);
  for (let p = 0; p < k * k; p++) for (let c = 0; c < c1; c++) rows[c * k * k + p] = w1[p * c1 + c];
  return rows;
}

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
export function seededPermutation(n: number, next: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

export interface CnnTrainSpec {
  shape: CnnShape;
  /** images (n, size²) row-major, and their labels */
  x: Float32Array;
  labels: Uint8Array;
  /** held-out images and labels, for the test accuracy */
  testX: Float32Array;
  testLabels: Uint8Array;
  /** initial scale exponent γ: σ_l = fanIn_l^(−γ) */
  gamma: number;
  epochs: number;
  batch: number;
  /** Adam's learning rate (β1 = 0.9, β2 = 0.999, ε = 1e-7: TensorFlow.js's defaults) */
  lr: number;
  seed: number;
  onProgress?: (fraction: number) => void;
}

export interface CnnRun {
  initial: CnnParams;
  final: CnnParams;
  /** mean mini-batch cross-entropy of each epoch (during the epoch's steps) */
  epochLoss: number[];
  trainAccuracy: number;
  testAccuracy: number;
  steps: number;
}

/**
 * Patches of k×k pixels of each image, for the first convolution as a matrix
 * product: (n · s0², k²) row-major with s0 = size − k + 1; row (i, r, c)
 * holds x_i[r + di, c + dj] at column di·k + dj (the order of the kernel's
 * (k, k, 1, c1) layout). The input is data, so its patches are computed once
 * per batch outside the graph.
 */
export function imagePatches(x: Float32Array, n: number, size: number, k: number): Float32Array {
  const s0 = size - k + 1;
  const out = new Float32Array(n * s0 * s0 * k * k);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const base = i * size * size;
    for (let r = 0; r < s0; r++)
      for (let c = 0; c < s0; c++) for (let di = 0; di < k; di++) for (let dj = 0; dj < k; dj++) out[o++] = x[base + (r + di) * size + c + dj];
  }
  return out;
}

/**
 * The network in TensorFlow.js. Both convolutions are written as matrix
 * products over patches (im2col): TensorFlow.js's wasm backend has no
 * gradient kernel for conv2d's filter (Conv2DBackpropFilter), and the
 * products run on its fast matMul. The first layer's patches come from
 * `imagePatches`; the second layer's are the k² shifted slices of the
 * pooled feature map, concatenated along channels.
 */
class Cnn {
  readonly vars: tf.Variable[];
  private readonly s0: number;
  private readonly t: number;
  private readonly flat: number;
  constructor(
    private readonly shape: CnnShape,
    p: CnnParams,
  ) {
    const { size, kernel: k, channels1: c1, channels2: c2, classes } = shape;
    const sizes = cnnSizes(shape);
    this.s0 = size - k + 1;
    this.t = sizes.side1 - k + 1;
    this.flat = sizes.flat;
    this.vars = [
      tf.variable(tf.tensor2d(p.w1, [k * k, c1])),
      tf.variable(tf.tensor1d(p.b1)),
      tf.variable(tf.tensor2d(p.w2, [k * k * c1, c2])),
      tf.variable(tf.tensor1d(p.b2)),
      tf.variable(tf.tensor2d(p.wd, [this.flat, classes])),
      tf.variable(tf.tensor1d(p.bd)),
    ];
  }

  /** Logits (n, classes) from the first layer's patches (n · s0², k²). */
  logits(patches: tf.Tensor2D, n: number): tf.Tensor2D {
    const [w1, b1, w2, b2, wd, bd] = this.vars as unknown as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
    const { kernel: k, channels1: c1, channels2: c2 } = this.shape;
    const { s0, t } = this;
    const act = (z: tf.Tensor4D): tf.Tensor4D => (this.shape.activation === 'tanh' ? tf.tanh(z) : tf.relu(z));
    const z1 = tf.reshape(tf.add(tf.matMul(patches, w1), b1), [n, s0, s0, c1]) as tf.Tensor4D;
    const h1 = tf.maxPool(act(z1), 2, 2, 'valid'); // (n, s1, s1, c1)
    const shifted: tf.Tensor4D[] = [];
    for (let di = 0; di < k; di++) for (let dj = 0; dj < k; dj++) shifted.push(tf.slice(h1, [0, di, dj, 0], [n, t, t, c1]));
    const p2 = tf.reshape(tf.concat(shifted, 3), [n * t * t, k * k * c1]);
    const z2 = tf.reshape(tf.add(tf.matMul(p2, w2), b2), [n, t, t, c2]) as tf.Tensor4D;
    const h2 = tf.maxPool(act(z2), 2, 2, 'valid');
    return tf.add(tf.matMul(tf.reshape(h2, [n, this.flat]), wd), bd);
  }

  read(): CnnParams {
    const [w1, b1, w2, b2, wd, bd] = this.vars.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    return { w1, b1, w2, b2, wd, bd };
  }

  dispose(): void {
    for (const v of this.vars) v.dispose();
  }
}

/** The first layer's patches of images (n, size²), as a tensor. */
function patchTensor(x: Float32Array, n: number, shape: CnnShape): tf.Tensor2D {
  const k = shape.kernel;
  const s0 = shape.size - k + 1;
  return tf.tensor2d(imagePatches(x, n, shape.size, k), [n * s0 * s0, k * k]);
}

/** Mean cross-entropy and accuracy of the network over a whole set, in chunks. */
function evaluate(net: Cnn, shape: CnnShape, x: Float32Array, labels: Uint8Array): { loss: number; accuracy: number } {
  const d = shape.size * shape.size;
  const n = labels.length;
  const chunk = 250;
  let loss = 0;
  let correct = 0;
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const [l, pred] = tf.tidy(() => {
      const logits = net.logits(patchTensor(x.subarray(s * d, e * d), e - s, shape), e - s);
      const y = tf.oneHot(tf.tensor1d(labels.subarray(s, e), 'int32'), shape.classes);
      const sum = tf.sum(tf.losses.softmaxCrossEntropy(y, logits, undefined, undefined, tf.Reduction.NONE));
      return [sum.dataSync()[0], tf.argMax(logits, 1).dataSync() as Int32Array] as const;
    });
    loss += l;
    for (let i = 0; i < e - s; i++) if (pred[i] === labels[s + i]) correct++;
  }
  return { loss: loss / n, accuracy: correct / n };
}

/** Train from the seeded small initialisation; report accuracies and the first and last parameters. */
export function trainCnn(spec: CnnTrainSpec): CnnRun {
  const { shape, x, labels, epochs, batch } = spec;
  const n = labels.length;
  const d = shape.size * shape.size;
  if (x.length !== n * d) throw new Error(`trainCnn: x must be (${n}, ${d}), got ${x.length} entries`);
  if (spec.testX.length !== spec.testLabels.length * d)
    throw new Error(`trainCnn: testX must be (${spec.testLabels.length}, ${d}), got ${spec.testX.length} entries`);
  const initial = initCnn(shape, spec.gamma, spec.seed);
  const net = new Cnn(shape, initial);
  const optimizer = tf.train.adam(spec.lr);
  const order = uniformSource(spec.seed + 1);
  const epochLoss: number[] = [];
  const batchX = new Float32Array(batch * d);
  const batchY = new Int32Array(batch);
  const perEpoch = Math.floor(n / batch);
  if (perEpoch < 1) throw new Error(`trainCnn: batch ${batch} is larger than the ${n} training images`);
  let steps = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const perm = seededPermutation(n, order);
      let sum = 0;
      for (let b = 0; b < perEpoch; b++) {
        for (let i = 0; i < batch; i++) {
          const j = perm[b * batch + i];
          batchX.set(x.subarray(j * d, (j + 1) * d), i * d);
          batchY[i] = labels[j];
        }
        sum += tf.tidy(() => {
          const pb = patchTensor(batchX, batch, shape);
          const yb = tf.oneHot(tf.tensor1d(batchY, 'int32'), shape.classes);
          const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, net.logits(pb, batch)) as tf.Scalar, true, net.vars);
          return cost ? cost.dataSync()[0] : Number.NaN;
        });
        steps++;
        spec.onProgress?.(steps / (epochs * perEpoch));
      }
      epochLoss.push(sum / perEpoch);
    }
    const trainAccuracy = evaluate(net, shape, x, labels).accuracy;
    const testAccuracy = evaluate(net, shape, spec.testX, spec.testLabels).accuracy;
    return { initial, final: net.read(), epochLoss, trainAccuracy, testAccuracy, steps };
  } finally {
    net.dispose();
    optimizer.dispose();
  }
}
