/** TensorFlow.js helpers shared by the two- and three-layer tfjs models. */
import { tf } from './backend.js';

/**
 * Transpose of a thin matrix, one with a side of length c ≤ 10 or so
 * ((r, c) → (c, r) or (c, r) → (r, c)), built from its c vectors reshaped:
 * split along the short side, reshape each vector, concatenate. For c = 1 it
 * is a single reshape. This keeps tf.transpose out of the hot loops; it is
 * only ever applied to (n, dOut) and (m, dOut) matrices.
 */
export function thinTranspose(A: tf.Tensor2D): tf.Tensor2D {
  const [r, c] = A.shape;
  if (r === 1 || c === 1) return tf.reshape(A, [c, r]);
  if (c <= r)
    return tf.concat(
      tf.split(A, c, 1).map((col) => tf.reshape(col, [1, r])),
      0,
    ); // (c, r)
  return tf.concat(
    tf.split(A, r, 0).map((row) => tf.reshape(row, [c, 1])),
    1,
  ); // (c, r)
}
