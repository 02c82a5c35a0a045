/**
 * The augmented input x̃ = (x, 1) of the two- and three-layer networks (the
 * bias folded into the first layer). Plain TypeScript: no TensorFlow.js.
 */

/** Append the constant 1 to each input row: (n, d) → (n, d+1). */
export function augment(x: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * (d + 1) + j] = x[i * d + j];
    out[i * (d + 1) + d] = 1;
  }
  return out;
}
