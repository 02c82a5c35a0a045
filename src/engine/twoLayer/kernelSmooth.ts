/**
 * Fused WebAssembly (SIMD) kernel for full-batch GD of the two-layer network
 * with a smooth activation and one output: tanh, sigmoid, softplus, x·tanh x
 * and the shifted sigmoid0, softplus0 of chen2023 (σ, σ' and their float32
 * evaluation: src/engine/kernels/assembly/smooth.ts).
 *
 *   f(x) = (1/α) Σ_k a_k σ(w_k · x̃)
 *
 * Same loss L = (1/n) Σ_i (f(x_i) − y_i)², same parameter layout and the
 * same GdModel protocol as TwoLayerTf (./tf.ts) and the ReLU kernel
 * (./kernel.ts), whose structure this follows. The module is built from
 * src/engine/kernels/assembly/twoLayerSmoothIndex.ts and its imports into
 * ../kernels/build/twoLayerSmooth.wasm.ts: apart from the ReLU module, so
 * that the ReLU experiments' cache keys do not cover it. No TensorFlow.js is
 * imported here.
 */
import type { ActivationName } from '../activations.js';
import { wasmBase64 } from '../kernels/build/twoLayerSmooth.wasm.js';
import {
  check,
  instantiate,
  moduleLoader,
  readPadded,
  writeAugmented,
  writePadded,
  type KernelBaseExports,
  type KernelOptions,
  type Ptr,
} from '../kernels/instance.js';
import type { GdModel } from '../train/gd.js';
import type { TwoLayerParams } from './params.js';
import type { TwoLayerModelFactory } from './train.js';

export type TwoLayerSmoothKernelOptions = KernelOptions;

/** The smooth activations and their codes in the kernel (assembly/smooth.ts). */
export const smoothActivationCodes = { tanh: 1, sigmoid: 2, softplus: 3, xtanh: 4, sigmoid0: 5, softplus0: 6 } as const;
export type SmoothActivationName = keyof typeof smoothActivationCodes;

interface TwoLayerSmoothExports extends KernelBaseExports {
  smoothForward(act: number, n: number, d1: number, mp: number, x: Ptr, w: Ptr, a: Ptr, facc: Ptr, h: Ptr, sc: Ptr, dc: Ptr): void;
  smoothLoss(n: number, alpha: number, y: Ptr, facc: Ptr, e: Ptr): number;
  smoothUpdate(
    act: number,
    n: number,
    d1: number,
    mp: number,
    lr: number,
    gscale: number,
    x: Ptr,
    w: Ptr,
    a: Ptr,
    e: Ptr,
    facc: Ptr,
    ds: Ptr,
    g: Ptr,
    h: Ptr,
    sc: Ptr,
    dc: Ptr,
  ): void;
}

const smoothModule = moduleLoader(wasmBase64);

/** Full-batch GD of the two-layer network with a smooth activation (layout and loss of TwoLayerTf). */
export class TwoLayerSmoothKernel implements GdModel<TwoLayerParams> {
  private k: TwoLayerSmoothExports | undefined;
  private mem: Float32Array;
  private readonly m: number;
  private readonly d: number;
  private readonly mp: number;
  private readonly act: number;
  private readonly lookahead: boolean;
  private readonly p: { x: Ptr; y: Ptr; w: Ptr; a: Ptr; e: Ptr; facc: Ptr; ds: Ptr; g: Ptr; h: Ptr; sc: Ptr; dc: Ptr };
  /** facc holds the forward pass at the current θ */
  private forwardCurrent = false;
  /** e holds the residuals at the current θ (loss() was called since the last update) */
  private residualsCurrent = false;

  constructor(
    params: TwoLayerParams,
    x: Float32Array,
    y: Float32Array,
    private readonly n: number,
    private readonly alpha: number,
    activation: ActivationName,
    options: TwoLayerSmoothKernelOptions = {},
  ) {
    const { m, d } = params;
    check(activation in smoothActivationCodes, `the smooth kernel implements ${Object.keys(smoothActivationCodes).join(', ')}; got ${activation}`);
    // Padded neurons (a_k = 0, w_k = 0) stay zero only if σ(0) = 0.
    check(
      m % 4 === 0 || (activation !== 'sigmoid' && activation !== 'softplus'),
      `${activation} has σ(0) ≠ 0: the smooth kernel needs m to be a multiple of 4, got m = ${m}`,
    );
    check((params.dOut ?? 1) === 1, `only one output is implemented, got dOut = ${params.dOut}`);
    check(params.a.length === m && params.w.length === (d + 1) * m, 'parameter shapes do not match (m, d)');
    check(x.length === n * d && y.length === n, 'x must be (n, d) and y (n, 1)');
    this.m = m;
    this.d = d;
    this.mp = Math.ceil(m / 4) * 4;
    this.act = smoothActivationCodes[activation as SmoothActivationName];
    this.lookahead = options.lookahead ?? d + 1 <= 16;
    const { k, alloc, commit } = instantiate<TwoLayerSmoothExports>(smoothModule());
    this.p = {
      x: alloc(n * (d + 1)), // X̃ (n, d+1)
      y: alloc(n), // Y (n)
      w: alloc((d + 1) * this.mp), // W (d+1, mp)
      a: alloc(this.mp), // a (mp)
      e: alloc(n), // E (n)
      facc: alloc(4 * n), // (n) × 4 lanes
      ds: alloc(4 * n), // (n) × 4 lanes
      g: alloc(n), // g_i (n)
      h: this.lookahead ? 0 : alloc(n * this.mp), // H (n, mp), without lookahead only
      sc: this.lookahead ? alloc(n * this.mp) : 0, // σ(H) (n, mp), with lookahead only
      dc: this.lookahead ? alloc(n * this.mp) : 0, // σ'(H) (n, mp), with lookahead only
    };
    this.mem = commit();
    this.k = k;
    writeAugmented(this.mem, this.p.x, x, n, d);
    this.mem.set(y, this.p.y / 4);
    writePadded(this.mem, this.p.w, params.w, d + 1, m, this.mp);
    this.mem.set(params.a, this.p.a / 4);
  }

  /** L(θ) = (1/n) Σ e_i² at the current parameters. */
  loss(): number {
    const k = this.live();
    const { x, y, w, a, e, facc, h, sc, dc } = this.p;
    if (!this.forwardCurrent) k.smoothForward(this.act, this.n, this.d + 1, this.mp, x, w, a, facc, h, sc, dc);
    this.forwardCurrent = true;
    this.residualsCurrent = true;
    return k.smoothLoss(this.n, this.alpha, y, facc, e);
  }

  /** θ ← θ − lr ∇L(θ) from the last loss() (with lookahead, also the next forward pass). */
  update(lr: number): void {
    const k = this.live();
    if (!this.residualsCurrent) throw new Error('update() before loss()');
    const { x, w, a, e, facc, ds, g, h, sc, dc } = this.p;
    k.smoothUpdate(this.act, this.n, this.d + 1, this.mp, lr, 2 / (this.n * this.alpha), x, w, a, e, facc, ds, g, h, sc, dc);
    this.residualsCurrent = false;
    this.forwardCurrent = this.lookahead;
  }

  read(): TwoLayerParams {
    this.live();
    const { m, d, mp } = this;
    return {
      m,
      d,
      dOut: 1,
      a: this.mem.slice(this.p.a / 4, this.p.a / 4 + m),
      w: readPadded(this.mem, this.p.w, d + 1, m, mp),
    };
  }

  dispose(): void {
    this.k = undefined;
    this.mem = new Float32Array(0);
  }

  private live(): TwoLayerSmoothExports {
    if (!this.k) throw new Error('TwoLayerSmoothKernel used after dispose()');
    return this.k;
  }
}

/** Training by the fused smooth-activation kernel (one output): the `wasm-kernel` path of trainTwoLayer. */
export const twoLayerSmoothKernel: TwoLayerModelFactory = {
  path: 'wasm-kernel',
  create: (params, data, alpha, activation) => new TwoLayerSmoothKernel(params, data.x, data.y, data.n, alpha, activation),
};
