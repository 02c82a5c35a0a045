/**
 * Deep (three-factor) matrix factorisation for matrix completion, the linear
 * counterpart of the three-layer network that chen2024 links to its
 * final-stage condensation (Fig. 3, "loss and max singular value" [V caption];
 * depth 3 and all sizes are [G]):
 *
 *   P = W3 W2 W1,   W_l ∈ R^{n×n},   W_l ~ N(0, σ²) i.i.d.
 *   L = (1/|Ω|) Σ_{(i,j)∈Ω} (P_ij − M_ij)²   (mean squared error on the observed entries)
 *
 * Gradients, with R = 1_Ω ⊙ (P − M) and G = (2/|Ω|) R:
 *   ∂L/∂W3 = G (W2 W1)ᵀ
 *   ∂L/∂W2 = W3ᵀ G W1ᵀ
 *   ∂L/∂W1 = (W3 W2)ᵀ G
 *
 * Plain float64 loops: n is 20–100, so one step is a few n³ operations.
 */
import type { MatrixCompletionTask } from '../data/matrixCompletion.js';
import { normalArray, normalSource } from '../random.js';
import type { GdModel } from '../train/gd.js';

export interface DeepMfParams {
  n: number;
  /** (n, n) row-major each */
  w1: Float64Array;
  w2: Float64Array;
  w3: Float64Array;
}

/** W1, W2, W3 ~ N(0, σ²), drawn in that order, each row by row, from one seeded stream. */
export function initDeepMf(n: number, sigma: number, seed: number): DeepMfParams {
  const next = normalSource(seed);
  const w1 = Float64Array.from(normalArray(next, n * n, sigma));
  const w2 = Float64Array.from(normalArray(next, n * n, sigma));
  const w3 = Float64Array.from(normalArray(next, n * n, sigma));
  return { n, w1, w2, w3 };
}

/** A B, all (n, n) row-major. */
function mul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = A[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j] += aik * B[k * n + j];
    }
  }
  return C;
}

/** Aᵀ B. */
function mulTN(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const aki = A[k * n + i];
      if (aki === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j] += aki * B[k * n + j];
    }
  }
  return C;
}

/** A Bᵀ. */
function mulNT(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A[i * n + k] * B[j * n + k];
      C[i * n + j] = s;
    }
  }
  return C;
}

/** P = W3 W2 W1. */
export function deepMfProduct({ n, w1, w2, w3 }: DeepMfParams): Float64Array {
  return mul(w3, mul(w2, w1, n), n);
}

/** L = (1/|Ω|) Σ_Ω (P − M)². */
export function deepMfLoss(params: DeepMfParams, task: MatrixCompletionTask): number {
  const P = deepMfProduct(params);
  let L = 0;
  for (const idx of task.observed) L += (P[idx] - task.target[idx]) ** 2;
  return L / task.observed.length;
}

/** The loss and its gradients with respect to W1, W2, W3. */
export function deepMfGradients(params: DeepMfParams, task: MatrixCompletionTask): { loss: number; g1: Float64Array; g2: Float64Array; g3: Float64Array } {
  const { n, w1, w2, w3 } = params;
  if (task.n !== n) throw new Error(`deepMfGradients: task is ${task.n}×${task.n}, factors are ${n}×${n}`);
  const W21 = mul(w2, w1, n); // W2 W1
  const W32 = mul(w3, w2, n); // W3 W2
  const P = mul(w3, W21, n); // W3 W2 W1
  const count = task.observed.length;
  // G = (2/|Ω|) 1_Ω ⊙ (P − M)
  const G = new Float64Array(n * n);
  let L = 0;
  for (const idx of task.observed) {
    const r = P[idx] - task.target[idx];
    L += r * r;
    G[idx] = (2 / count) * r;
  }
  const g3 = mulNT(G, W21, n); // G (W2 W1)ᵀ
  const g2 = mulNT(mulTN(w3, G, n), w1, n); // W3ᵀ G W1ᵀ
  const g1 = mulTN(W32, G, n); // (W3 W2)ᵀ G
  return { loss: L / count, g1, g2, g3 };
}

/** Full-batch gradient descent on the observed entries (GdModel, for train/gd.ts). */
export class DeepMf implements GdModel<DeepMfParams> {
  private readonly p: DeepMfParams;
  private grads: { g1: Float64Array; g2: Float64Array; g3: Float64Array } | undefined;

  constructor(
    params: DeepMfParams,
    private readonly task: MatrixCompletionTask,
  ) {
    this.p = { n: params.n, w1: Float64Array.from(params.w1), w2: Float64Array.from(params.w2), w3: Float64Array.from(params.w3) };
  }

  /** L at the current factors; keeps the gradients for update(). */
  loss(): number {
    const { loss, g1, g2, g3 } = deepMfGradients(this.p, this.task);
    this.grads = { g1, g2, g3 };
    return loss;
  }

  /** W_l ← W_l − lr ∂L/∂W_l, from the last loss() call. */
  update(lr: number): void {
    if (!this.grads) throw new Error('update() before loss()');
    const { g1, g2, g3 } = this.grads;
    for (let i = 0; i < this.p.w1.length; i++) {
      this.p.w1[i] -= lr * g1[i];
      this.p.w2[i] -= lr * g2[i];
      this.p.w3[i] -= lr * g3[i];
    }
    this.grads = undefined;
  }

  read(): DeepMfParams {
    return { n: this.p.n, w1: Float64Array.from(this.p.w1), w2: Float64Array.from(this.p.w2), w3: Float64Array.from(this.p.w3) };
  }

  dispose(): void {
    this.grads = undefined;
  }
}
