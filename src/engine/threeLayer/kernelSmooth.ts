/**
 * Fused WebAssembly (SIMD) kernel for full-batch GD of the three-layer
 * network with a smooth activation and one output: tanh, sigmoid, softplus,
 * x·tanh x and the shifted sigmoid0 = sigmoid − 1/2, softplus0 = softplus −
 * log 2 (σ, σ' and their float32 evaluation:
 * src/engine/kernels/assembly/smooth.ts, shared with the two-layer smooth
 * kernel ../twoLayer/kernelSmooth.ts).
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1])
 *
 * Same loss L = (1/n) Σ_i (f(x_i) − y_i)², same parameter layout and the
 * same GdModel protocol as ThreeLayerTf (./tf.ts) and the ReLU kernel
 * (./kernel.ts), whose structure this follows; the forward pass, gradients
 * and the fused row pass are written out in
 * src/engine/kernels/assembly/threeLayerSmooth.ts. The module is built from
 * src/engine/kernels/assembly/threeLayerSmoothIndex.ts and its imports into
 * ../kernels/build/threeLayerSmooth.wasm.ts: apart from the ReLU module, so
 * that the zhou2022 experiments' cache keys do not cover it. No
 * TensorFlow.js is imported here.
 */
import type { ActivationName } from '../activations.js';
import { wasmBase64 } from '../kernels/build/threeLayerSmooth.wasm.js';
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
import type { ThreeLayerParams } from './params.js';

/** The smooth activations and their codes in the kernel (assembly/smooth.ts; the codes of ../twoLayer/kernelSmooth.ts). */
export const threeLayerSmoothActivationCodes = { tanh: 1, sigmoid: 2, softplus: 3, xtanh: 4, sigmoid0: 5, softplus0: 6 } as const;
export type ThreeLayerSmoothActivation = keyof typeof threeLayerSmoothActivationCodes;

export interface ThreeLayerSmoothKernelOptions extends KernelOptions {
  /** Keep the second-layer bias b² (default true, as ThreeLayerTf). */
  bias2?: boolean;
  /**
   * Compensated updates (default false): every parameter is a pair of
   * float32 arrays θ = θ_hi + θ_lo, updated with TwoSum, the gradient taken
   * at θ_hi (assembly/threeLayerSmooth.ts), as ThreeLayerMultiKernel's
   * `compensated`. loss() is the loss at θ_hi; read() returns θ_hi in w1, w2,
   * a and θ_lo in `low`. The initial low parts are `params.low`, or zero.
   */
  compensated?: boolean;
}

interface ThreeLayerSmoothExports extends KernelBaseExports {
  threeSmoothInit(n: number, idx: Ptr): void;
  threeSmoothForward(
    act: number,
    n: number,
    d1: number,
    m: number,
    mp: number,
    x: Ptr,
    w1: Ptr,
    w2: Ptr,
    z1: Ptr,
    s1: Ptr,
    h2: Ptr,
    idx: Ptr,
    zq: Ptr,
    zj: Ptr,
    bias2: number,
  ): void;
  threeSmoothLoss(act: number, n: number, mp: number, alpha: number, y: Ptr, a: Ptr, h2: Ptr, z2: Ptr, s2: Ptr, e: Ptr): number;
  threeSmoothUpdate(
    act: number,
    n: number,
    d1: number,
    m: number,
    mp: number,
    lr: number,
    gscale: number,
    x: Ptr,
    w1: Ptr,
    w2: Ptr,
    a: Ptr,
    z1: Ptr,
    s1: Ptr,
    h2: Ptr,
    z2: Ptr,
    s2: Ptr,
    dl2: Ptr,
    dl1: Ptr,
    e: Ptr,
    idx: Ptr,
    c: Ptr,
    t: Ptr,
    g: Ptr,
    zq: Ptr,
    zj: Ptr,
    zero: Ptr,
    lookahead: number,
    bias2: number,
    comp: number,
    w1lo: Ptr,
    w2lo: Ptr,
    alo: Ptr,
    delta: Ptr,
  ): void;
}

const threeLayerSmoothModule = moduleLoader(wasmBase64);

/** Full-batch GD of the three-layer network with a smooth activation, one output (layout and loss of ThreeLayerTf). */
export class ThreeLayerSmoothKernel implements GdModel<ThreeLayerParams> {
  private k: ThreeLayerSmoothExports | undefined;
  private mem: Float32Array;
  private readonly m: number;
  private readonly d: number;
  private readonly mp: number;
  private readonly act: number;
  private readonly lookahead: boolean;
  private readonly bias2: boolean;
  private readonly compensated: boolean;
  private readonly p: {
    x: Ptr;
    y: Ptr;
    w1: Ptr;
    w2: Ptr;
    a: Ptr;
    z1: Ptr;
    s1: Ptr;
    h2: Ptr;
    z2: Ptr;
    s2: Ptr;
    dl2: Ptr;
    dl1: Ptr;
    e: Ptr;
    idx: Ptr;
    c: Ptr;
    t: Ptr;
    g: Ptr;
    zq: Ptr;
    zj: Ptr;
    zero: Ptr;
    w1lo: Ptr;
    w2lo: Ptr;
    alo: Ptr;
    delta: Ptr;
  };
  /** z1, s1, h2 hold the forward pass at the current θ (up to H2) */
  private forwardCurrent = false;
  /** e, z2, s2 hold the residuals and the last layer at the current θ (loss() was called since the last update) */
  private residualsCurrent = false;

  constructor(
    params: ThreeLayerParams,
    x: Float32Array,
    y: Float32Array,
    private readonly n: number,
    private readonly alpha: number,
    activation: ActivationName,
    options: ThreeLayerSmoothKernelOptions = {},
  ) {
    const { m, d, dOut } = params;
    check(
      activation in threeLayerSmoothActivationCodes,
      `the three-layer smooth kernel implements ${Object.keys(threeLayerSmoothActivationCodes).join(', ')}; got ${activation}`,
    );
    check(dOut === 1, `only one output is implemented, got dOut = ${dOut}`);
    check(params.w1.length === (d + 1) * m && params.w2.length === (m + 1) * m && params.a.length === m, 'parameter shapes do not match (m, d, dOut)');
    check(x.length === n * d && y.length === n, 'x must be (n, d) and y (n, 1)');
    this.m = m;
    this.d = d;
    this.mp = Math.ceil(m / 4) * 4;
    this.act = threeLayerSmoothActivationCodes[activation as ThreeLayerSmoothActivation];
    this.lookahead = options.lookahead ?? d + 1 <= 16;
    this.bias2 = options.bias2 ?? true;
    this.compensated = options.compensated ?? false;
    check(!params.low || this.compensated, 'parameters with low parts need the compensated kernel');
    const comp = this.compensated;
    const mp = this.mp;
    const { k, alloc, commit } = instantiate<ThreeLayerSmoothExports>(threeLayerSmoothModule());
    this.p = {
      x: alloc(n * (d + 1)), // X̃ (n, d+1)
      y: alloc(n), // Y (n)
      w1: alloc((d + 1) * mp), // W1 (d+1, mp)
      w2: alloc((m + 1) * mp), // W2 (m+1, mp)
      a: alloc(mp), // a (mp)
      z1: alloc(n * mp), // Z1 = σ(H1) (n, mp)
      s1: alloc(n * mp), // σ'(H1) (n, mp)
      h2: alloc(n * mp), // H2 (n, mp)
      z2: alloc(n * mp), // Z2 = σ(H2) (n, mp)
      s2: alloc(n * mp), // σ'(H2) (n, mp)
      dl2: alloc(n * mp), // δ2 (n, mp)
      dl1: alloc(this.lookahead ? 0 : n * mp), // δ1 (n, mp), without lookahead only (padded columns stay 0)
      e: alloc(n), // E (n)
      idx: alloc(n), // 0..n−1 (int32)
      c: alloc(n), // row coefficients
      t: alloc(n + 4), // dot products gZ1[·,j], δ1[·,j]
      g: alloc(n), // g_i
      zq: alloc(n), // Z1[·,j] of the row pending in H2
      zj: alloc(n + 4), // Z1[·,j]
      zero: alloc(mp), // a row of zeros
      w1lo: alloc(comp ? (d + 1) * mp : 0), // low parts of W1, W2, a (compensated only)
      w2lo: alloc(comp ? (m + 1) * mp : 0),
      alo: alloc(comp ? mp : 0),
      delta: alloc(comp ? mp : 0), // a row's update (compensated only)
    };
    this.mem = commit();
    this.k = k;
    k.threeSmoothInit(n, this.p.idx);
    writeAugmented(this.mem, this.p.x, x, n, d);
    this.mem.set(y, this.p.y / 4);
    writePadded(this.mem, this.p.w1, params.w1, d + 1, m, mp);
    writePadded(this.mem, this.p.w2, params.w2, m + 1, m, mp);
    this.mem.set(params.a, this.p.a / 4);
    if (params.low) {
      writePadded(this.mem, this.p.w1lo, params.low.w1, d + 1, m, mp);
      writePadded(this.mem, this.p.w2lo, params.low.w2, m + 1, m, mp);
      this.mem.set(params.low.a, this.p.alo / 4);
    }
  }

  /** L(θ) = (1/n) Σ e_i² at the current parameters. */
  loss(): number {
    const k = this.live();
    const { x, y, w1, w2, a, z1, s1, h2, z2, s2, e, idx, zq, zj } = this.p;
    if (!this.forwardCurrent) k.threeSmoothForward(this.act, this.n, this.d + 1, this.m, this.mp, x, w1, w2, z1, s1, h2, idx, zq, zj, this.bias2 ? 1 : 0);
    this.forwardCurrent = true;
    this.residualsCurrent = true;
    return k.threeSmoothLoss(this.act, this.n, this.mp, this.alpha, y, a, h2, z2, s2, e);
  }

  /** θ ← θ − lr ∇L(θ) from the last loss() (with lookahead, also the next forward pass up to H2). */
  update(lr: number): void {
    const k = this.live();
    if (!this.residualsCurrent) throw new Error('update() before loss()');
    const { x, w1, w2, a, z1, s1, h2, z2, s2, dl2, dl1, e, idx, c, t, g, zq, zj, zero, w1lo, w2lo, alo, delta } = this.p;
    k.threeSmoothUpdate(
      this.act,
      this.n,
      this.d + 1,
      this.m,
      this.mp,
      lr,
      2 / (this.n * this.alpha),
      x,
      w1,
      w2,
      a,
      z1,
      s1,
      h2,
      z2,
      s2,
      dl2,
      dl1,
      e,
      idx,
      c,
      t,
      g,
      zq,
      zj,
      zero,
      this.lookahead ? 1 : 0,
      this.bias2 ? 1 : 0,
      this.compensated ? 1 : 0,
      w1lo,
      w2lo,
      alo,
      delta,
    );
    this.residualsCurrent = false;
    this.forwardCurrent = this.lookahead;
  }

  /** The parameters (θ_hi); with `compensated` also the low parts θ_lo in `low`. */
  read(): ThreeLayerParams {
    this.live();
    const { m, d, mp } = this;
    const params: ThreeLayerParams = {
      m,
      d,
      dOut: 1,
      w1: readPadded(this.mem, this.p.w1, d + 1, m, mp),
      w2: readPadded(this.mem, this.p.w2, m + 1, m, mp),
      a: this.mem.slice(this.p.a / 4, this.p.a / 4 + m),
    };
    if (this.compensated) {
      params.low = {
        w1: readPadded(this.mem, this.p.w1lo, d + 1, m, mp),
        w2: readPadded(this.mem, this.p.w2lo, m + 1, m, mp),
        a: this.mem.slice(this.p.alo / 4, this.p.alo / 4 + m),
      };
    }
    return params;
  }

  dispose(): void {
    this.k = undefined;
    this.mem = new Float32Array(0);
  }

  private live(): ThreeLayerSmoothExports {
    if (!this.k) throw new Error('ThreeLayerSmoothKernel used after dispose()');
    return this.k;
  }
}
