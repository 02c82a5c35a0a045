/**
 * Fused WebAssembly (SIMD) kernel for full-batch GD of the three-layer ReLU
 * network with dOut ≥ 1 outputs (zhou2022 §3; e.g. MNIST with one-hot targets):
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1]) ∈ R^dOut
 *
 * Same loss L = (1/n) Σ_i Σ_o (f_o(x_i) − y_io)², same parameter layout
 * (ThreeLayerParams, a (m, dOut)) and the same GdModel protocol as
 * ThreeLayerTf (./tf.ts) and the one-output ThreeLayerKernel (./kernel.ts),
 * which it equals bit for bit when dOut = 1. The module is built only from
 * src/engine/kernels/assembly/threeLayerMultiIndex.ts and its imports into
 * ../kernels/build/threeLayerMulti.wasm.ts (not from the one-output kernel's
 * sources); memory layout and instances: ../kernels/instance.ts. Inside the
 * module a is held transposed, aᵀ (dOut, mp), one padded row per output.
 * No TensorFlow.js is imported here.
 *
 * With `compensated`, every parameter is held as a pair of float32 arrays,
 * θ = θ_hi + θ_lo, updated with TwoSum so that steps far below float32's
 * half-ulp accumulate (src/engine/kernels/assembly/threeLayerMultiCompensated.ts:
 * the gradient is taken at θ_hi, and the error this leaves). loss() is then
 * the loss at θ_hi, and read() returns θ_hi in w1, w2, a and θ_lo in `low`
 * (θ = hi + lo, e.g. RD in float64 from both: train.ts). The initial low
 * parts are `params.low`, or zero.
 */
import type { ActivationName } from '../activations.js';
import { wasmBase64 } from '../kernels/build/threeLayerMulti.wasm.js';
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

export interface ThreeLayerMultiKernelOptions extends KernelOptions {
  /** Keep the second-layer bias b² (default true, as ThreeLayerTf). */
  bias2?: boolean;
  /** Compensated updates: parameters as float32 pairs hi + lo (module comment). Default false. */
  compensated?: boolean;
}

interface ThreeLayerMultiExports extends KernelBaseExports {
  multiForward(n: number, d1: number, m: number, mp: number, x: Ptr, w1: Ptr, w2: Ptr, h1: Ptr, h2: Ptr, scratch: Ptr, bias2: number): void;
  multiLoss(n: number, mp: number, dOut: number, alpha: number, y: Ptr, at: Ptr, h2: Ptr, e: Ptr): number;
  multiUpdate(
    n: number,
    d1: number,
    m: number,
    mp: number,
    dOut: number,
    lr: number,
    gscale: number,
    x: Ptr,
    w1: Ptr,
    w2: Ptr,
    at: Ptr,
    h1: Ptr,
    h2: Ptr,
    dl2: Ptr,
    dl1: Ptr,
    e: Ptr,
    scratch: Ptr,
    zero: Ptr,
    lookahead: number,
    bias2: number,
  ): void;
  multiUpdateCompensated(
    n: number,
    d1: number,
    m: number,
    mp: number,
    dOut: number,
    lr: number,
    gscale: number,
    x: Ptr,
    w1: Ptr,
    w2: Ptr,
    at: Ptr,
    w1lo: Ptr,
    w2lo: Ptr,
    atlo: Ptr,
    h1: Ptr,
    h2: Ptr,
    dl2: Ptr,
    dl1: Ptr,
    e: Ptr,
    scratch: Ptr,
    zero: Ptr,
    delta: Ptr,
    lookahead: number,
    bias2: number,
  ): void;
}

const threeLayerMultiModule = moduleLoader(wasmBase64);

/** Full-batch GD of the three-layer ReLU network, dOut ≥ 1 outputs (layout and loss of ThreeLayerTf). */
export class ThreeLayerMultiKernel implements GdModel<ThreeLayerParams> {
  private k: ThreeLayerMultiExports | undefined;
  private mem: Float32Array;
  private readonly m: number;
  private readonly d: number;
  private readonly dOut: number;
  private readonly mp: number;
  private readonly lookahead: boolean;
  private readonly bias2: boolean;
  private readonly compensated: boolean;
  private readonly p: {
    x: Ptr;
    y: Ptr;
    w1: Ptr;
    w2: Ptr;
    at: Ptr;
    h1: Ptr;
    h2: Ptr;
    dl2: Ptr;
    dl1: Ptr;
    e: Ptr;
    scratch: Ptr;
    zero: Ptr;
    w1lo: Ptr;
    w2lo: Ptr;
    atlo: Ptr;
    delta: Ptr;
  };
  /** h1, h2 hold the forward pass at the current θ */
  private forwardCurrent = false;
  /** e holds the residuals at the current θ */
  private residualsCurrent = false;

  constructor(
    params: ThreeLayerParams,
    x: Float32Array,
    y: Float32Array,
    private readonly n: number,
    private readonly alpha: number,
    activation: ActivationName = 'relu',
    options: ThreeLayerMultiKernelOptions = {},
  ) {
    const { m, d, dOut } = params;
    check(activation === 'relu', `only ReLU is implemented, got ${activation}`);
    check(Number.isInteger(dOut) && dOut >= 1, `dOut must be a positive integer, got ${dOut}`);
    check(params.w1.length === (d + 1) * m && params.w2.length === (m + 1) * m && params.a.length === m * dOut, 'parameter shapes do not match (m, d, dOut)');
    check(x.length === n * d && y.length === n * dOut, 'x must be (n, d) and y (n, dOut)');
    this.m = m;
    this.d = d;
    this.dOut = dOut;
    this.mp = Math.ceil(m / 4) * 4;
    this.lookahead = options.lookahead ?? d + 1 <= 16;
    this.bias2 = options.bias2 ?? true;
    this.compensated = options.compensated ?? false;
    check(!params.low || this.compensated, 'parameters with low parts need the compensated kernel');
    const mp = this.mp;
    const comp = this.compensated;
    const { k, alloc, commit } = instantiate<ThreeLayerMultiExports>(threeLayerMultiModule());
    this.p = {
      x: alloc(n * (d + 1)), // X̃ (n, d+1)
      y: alloc(n * dOut), // Y (n, dOut)
      w1: alloc((d + 1) * mp), // W1 (d+1, mp)
      w2: alloc((m + 1) * mp), // W2 (m+1, mp)
      at: alloc(dOut * mp), // aᵀ (dOut, mp)
      h1: alloc(n * mp), // H1 (n, mp)
      h2: alloc(n * mp), // H2 (n, mp)
      dl2: alloc(n * mp), // δ2 (n, mp)
      dl1: alloc(this.lookahead ? 0 : n * mp), // δ1 (n, mp), without lookahead only
      e: alloc(n * dOut), // E (n, dOut)
      scratch: alloc(4 * dOut + n * dOut + 10 * n + 20), // ∂L/∂a accumulators, dot-product partial sums, active lists, coefficients, dot products, g
      zero: alloc(mp), // a row of zeros
      w1lo: alloc(comp ? (d + 1) * mp : 0), // low parts of W1, W2, aᵀ (compensated only)
      w2lo: alloc(comp ? (m + 1) * mp : 0),
      atlo: alloc(comp ? dOut * mp : 0),
      delta: alloc(comp ? mp : 0), // a row's update (compensated only)
    };
    this.mem = commit();
    this.k = k;
    writeAugmented(this.mem, this.p.x, x, n, d);
    this.mem.set(y, this.p.y / 4);
    writePadded(this.mem, this.p.w1, params.w1, d + 1, m, mp);
    writePadded(this.mem, this.p.w2, params.w2, m + 1, m, mp);
    const at = this.p.at / 4;
    for (let kk = 0; kk < m; kk++) for (let o = 0; o < dOut; o++) this.mem[at + o * mp + kk] = params.a[kk * dOut + o];
    if (params.low) {
      writePadded(this.mem, this.p.w1lo, params.low.w1, d + 1, m, mp);
      writePadded(this.mem, this.p.w2lo, params.low.w2, m + 1, m, mp);
      const atlo = this.p.atlo / 4;
      for (let kk = 0; kk < m; kk++) for (let o = 0; o < dOut; o++) this.mem[atlo + o * mp + kk] = params.low.a[kk * dOut + o];
    }
  }

  /** L(θ) = (1/n) Σ_i Σ_o E_io² at the current parameters. */
  loss(): number {
    const k = this.live();
    const { x, y, w1, w2, at, h1, h2, e, scratch } = this.p;
    if (!this.forwardCurrent) k.multiForward(this.n, this.d + 1, this.m, this.mp, x, w1, w2, h1, h2, scratch, this.bias2 ? 1 : 0);
    this.forwardCurrent = true;
    this.residualsCurrent = true;
    return k.multiLoss(this.n, this.mp, this.dOut, this.alpha, y, at, h2, e);
  }

  /** θ ← θ − lr ∇L(θ) from the last loss() (with lookahead, also the next forward pass). */
  update(lr: number): void {
    const k = this.live();
    if (!this.residualsCurrent) throw new Error('update() before loss()');
    const { x, w1, w2, at, h1, h2, dl2, dl1, e, scratch, zero } = this.p;
    if (this.compensated) {
      const { w1lo, w2lo, atlo, delta } = this.p;
      k.multiUpdateCompensated(
        this.n,
        this.d + 1,
        this.m,
        this.mp,
        this.dOut,
        lr,
        2 / (this.n * this.alpha),
        x,
        w1,
        w2,
        at,
        w1lo,
        w2lo,
        atlo,
        h1,
        h2,
        dl2,
        dl1,
        e,
        scratch,
        zero,
        delta,
        this.lookahead ? 1 : 0,
        this.bias2 ? 1 : 0,
      );
      this.residualsCurrent = false;
      this.forwardCurrent = this.lookahead;
      return;
    }
    k.multiUpdate(
      this.n,
      this.d + 1,
      this.m,
      this.mp,
      this.dOut,
      lr,
      2 / (this.n * this.alpha),
      x,
      w1,
      w2,
      at,
      h1,
      h2,
      dl2,
      dl1,
      e,
      scratch,
      zero,
      this.lookahead ? 1 : 0,
      this.bias2 ? 1 : 0,
    );
    this.residualsCurrent = false;
    this.forwardCurrent = this.lookahead;
  }

  /** The parameters (θ_hi); with `compensated` also the low parts θ_lo in `low`. */
  read(): ThreeLayerParams {
    this.live();
    const { m, d, dOut, mp } = this;
    const readA = (p: Ptr) => {
      const a = new Float32Array(m * dOut);
      const at = p / 4;
      for (let kk = 0; kk < m; kk++) for (let o = 0; o < dOut; o++) a[kk * dOut + o] = this.mem[at + o * mp + kk];
      return a;
    };
    const params: ThreeLayerParams = {
      m,
      d,
      dOut,
      w1: readPadded(this.mem, this.p.w1, d + 1, m, mp),
      w2: readPadded(this.mem, this.p.w2, m + 1, m, mp),
      a: readA(this.p.at),
    };
    if (this.compensated) {
      params.low = { w1: readPadded(this.mem, this.p.w1lo, d + 1, m, mp), w2: readPadded(this.mem, this.p.w2lo, m + 1, m, mp), a: readA(this.p.atlo) };
    }
    return params;
  }

  dispose(): void {
    this.k = undefined;
    this.mem = new Float32Array(0);
  }

  private live(): ThreeLayerMultiExports {
    if (!this.k) throw new Error('ThreeLayerMultiKernel used after dispose()');
    return this.k;
  }
}
