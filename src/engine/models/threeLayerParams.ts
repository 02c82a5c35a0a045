/**
 * Parameters of the three-layer network of zhou2022 (§3), both hidden
 * widths m, biases folded in:
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]),   x̃ = (x, 1)
 *
 * Shapes: H1 = X̃ W1 (n, m); Z1 = σ(H1); Z̃1 = [Z1, 1] (n, m+1);
 * H2 = Z̃1 W2 (n, m); Z2 = σ(H2); F = Z2 a / α (n, dOut); E = F − Y;
 * L = (1/n) Σ_i Σ_o E_io².
 */
export interface ThreeLayerParams {
  m: number;
  /** input dimension d (without the bias coordinate) */
  d: number;
  dOut: number;
  /** (d+1, m) row-major: column k = W¹ row k (its last entry = bias b¹_k) */
  w1: Float32Array;
  /** (m+1, m) row-major: column k = inputs of 2nd-layer neuron k; row m = biases b² */
  w2: Float32Array;
  /** (m, dOut) row-major */
  a: Float32Array;
}
