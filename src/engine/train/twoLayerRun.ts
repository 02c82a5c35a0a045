/**
 * One training run of a two-layer network under the luo2021 protocol
 * (train/gd.ts), from a seed: the shared core of the two-layer experiments.
 */
import type { ActivationName } from '../activations.js';
import type { Dataset } from '../data/toy1d.js';
import { TwoLayerKernel } from '../kernels/reluKernels.js';
import { relativeDistance } from '../metrics/relativeDistance.js';
import { initTwoLayer, TwoLayerTf, type TwoLayerParams } from '../models/twoLayer.js';
import type { TwoLayerScales } from '../parametrisation.js';
import { fullBatchGD, type GdResult } from './gd.js';

/**
 * Learning-rate scale: lr = lr0 · lrScale.
 *
 * The authors' code (S6) uses lrScale = α √(β1 β2). This reproduction uses
 * the stiffness of the loss instead [G]: the Gauss–Newton curvature along
 * the output is about m(β1² + β2²)/α² at initialisation (linear regime) and
 * about 2/α once a condensed network fits the data (|a_k| ≈ ‖w_k‖, Σ|a_k|‖w_k‖ ≈ α),
 * so the largest stable step is of order
 *
 *   lrScale = min(α, α² / (m β1 β2)).
 *
 * For β1 = β2 = 1 and γ ≥ 1 it coincides with the code's α √(β1 β2); for the
 * small-β initialisations of luo2021 Fig. 3 the code's scale would be too small
 * by factors up to m³. The halving protocol corrects any remaining factor.
 */
export function twoLayerLrScale({ alpha, beta1, beta2 }: TwoLayerScales, m: number): number {
  return Math.min(alpha, (alpha * alpha) / (m * beta1 * beta2));
}

/**
 * Which implementation trains: the fused WebAssembly kernel where it applies
 * (ReLU, one output), else TensorFlow.js. Both compute the same loss and
 * gradients (test/engine/kernels.test.ts: agreement within float32 tolerance).
 */
export type TrainPath = 'wasm-kernel' | 'tfjs';

export function defaultTrainPath(activation: ActivationName, dOut: number): TrainPath {
  return activation === 'relu' && dOut === 1 ? 'wasm-kernel' : 'tfjs';
}

export interface TwoLayerRunSpec {
  data: Dataset;
  m: number;
  scales: TwoLayerScales;
  activation: ActivationName;
  seed: number;
  /** antisymmetric initialisation (f(θ0) = 0), luo2021 Remark 5 */
  antisymmetric: boolean;
  lr0: number;
  tol: number;
  maxSteps: number;
  maxRestarts: number;
  onProgress?: (fraction: number) => void;
  /** Force an implementation (default: defaultTrainPath). */
  path?: TrainPath;
}

export interface TwoLayerRun {
  path: TrainPath;
  gd: GdResult<TwoLayerParams>;
  /** RD(θ_w) at the end, θ_w = vec{w_k} with biases (luo2021 eq. 16); with ASI, over the first copy as in the code (S6) */
  rdW: number;
  /** RD(θ_a) at the end */
  rdA: number;
}

/** Seed of restart `attempt`: each restart draws a fresh initialisation. */
export const restartSeed = (seed: number, attempt: number) => seed + 7919 * attempt;

export function trainTwoLayer(spec: TwoLayerRunSpec): TwoLayerRun {
  const { data, m, scales } = spec;
  const path = spec.path ?? defaultTrainPath(spec.activation, data.dOut);
  const gd = fullBatchGD({
    init: (attempt) => {
      const params = initTwoLayer(m, data.d, scales, restartSeed(spec.seed, attempt), spec.antisymmetric);
      return path === 'wasm-kernel'
        ? new TwoLayerKernel(params, data.x, data.y, data.n, scales.alpha)
        : new TwoLayerTf(params, data.x, data.y, data.n, scales.alpha, spec.activation);
    },
    lr0: spec.lr0,
    lrScale: twoLayerLrScale(scales, m),
    tol: spec.tol,
    maxSteps: spec.maxSteps,
    maxRestarts: spec.maxRestarts,
    onProgress: spec.onProgress,
  });
  // With ASI the second half mirrors the first; RD is taken on the first copy (code S6).
  const first = spec.antisymmetric ? m / 2 : m;
  const wFirst = (w: Float32Array) => {
    const out: number[] = [];
    for (let j = 0; j <= data.d; j++) for (let k = 0; k < first; k++) out.push(w[j * m + k]);
    return out;
  };
  return {
    path,
    gd,
    rdW: relativeDistance(wFirst(gd.final.w), wFirst(gd.initial.w)),
    rdA: relativeDistance(gd.final.a.subarray(0, first), gd.initial.a.subarray(0, first)),
  };
}
