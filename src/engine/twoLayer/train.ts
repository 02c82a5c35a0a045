/**
 * One training run of a two-layer network under the luo2021 protocol
 * (train/gd.ts), from a seed: the shared core of the two-layer experiments.
 *
 * The implementation that trains is injected by the caller, as a
 * TwoLayerModelFactory: `twoLayerKernel` (./kernel.ts, the fused WebAssembly
 * kernel: ReLU, one output) or `twoLayerTf` (./tf.ts, TensorFlow.js: any
 * activation). This module imports neither, so a run's import graph (hence
 * its cache key) holds TensorFlow.js only when the caller chose it.
 */
import type { ActivationName } from '../activations.js';
import type { Dataset } from '../data/toy1d.js';
import { relativeDistance } from '../metrics/relativeDistance.js';
import { fullBatchGD, type GdModel, type GdProtocol, type GdResult } from '../train/gd.js';
import type { TwoLayerScales } from './parametrisation.js';
import { initTwoLayer, type TwoLayerParams } from './params.js';

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
 * Which implementation trains: the fused WebAssembly kernel (ReLU, one
 * output) or TensorFlow.js. Both compute the same loss and gradients
 * (test/engine/kernels.test.ts: agreement within float32 tolerance).
 */
export type TrainPath = 'wasm-kernel' | 'tfjs';

/** An implementation of two-layer full-batch GD: `twoLayerKernel` (./kernel.ts) or `twoLayerTf` (./tf.ts). */
export interface TwoLayerModelFactory {
  path: TrainPath;
  /** A model at `params`, fitting `data`, with output scale 1/α. */
  create(params: TwoLayerParams, data: Dataset, alpha: number, activation: ActivationName): GdModel<TwoLayerParams>;
}

export interface TwoLayerRunSpec {
  data: Dataset;
  m: number;
  scales: TwoLayerScales;
  activation: ActivationName;
  seed: number;
  /** antisymmetric initialisation (f(θ0) = 0), luo2021 Remark 5 */
  antisymmetric: boolean;
  /** lr0, tol, maxSteps, maxRestarts (lr = lr0 · twoLayerLrScale) */
  protocol: GdProtocol;
  /** the implementation that trains */
  model: TwoLayerModelFactory;
  onProgress?: (fraction: number) => void;
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
  const { data, m, scales, protocol, model } = spec;
  const gd = fullBatchGD({
    init: (attempt) => {
      const params = initTwoLayer(m, data.d, scales, restartSeed(spec.seed, attempt), spec.antisymmetric, data.dOut);
      return model.create(params, data, scales.alpha, spec.activation);
    },
    lr0: protocol.lr0,
    lrScale: twoLayerLrScale(scales, m),
    tol: protocol.tol,
    maxSteps: protocol.maxSteps,
    maxRestarts: protocol.maxRestarts,
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
    path: model.path,
    gd,
    rdW: relativeDistance(wFirst(gd.final.w), wFirst(gd.initial.w)),
    rdA: relativeDistance(gd.final.a.subarray(0, first), gd.initial.a.subarray(0, first)),
  };
}
