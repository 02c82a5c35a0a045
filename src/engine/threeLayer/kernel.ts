/**
 * Fused WebAssembly (SIMD) kernel for full-batch GD of the three-layer ReLU
 * network with one output (zhou2022 §3):
 *
 *   f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1])
 *
 * Same loss L = (1/n) Σ_i (f(x_i) − y_i)², same parameter layout and the
 * same GdModel protocol as ThreeLayerTf (./tf.ts): loss() is the forward pass
 * at the current θ, update(lr) the step θ ← θ − lr ∇L(θ) from it.
 * The module is built only from the three-layer AssemblyScript sources
 * (src/engine/kernels/assembly/threeLayerIndex.ts and its imports) into
 * ../kernels/build/threeLayer.wasm.ts; memory layout and instances:
 * ../kernels/instance.ts. No TensorFlow.js is imported here.
 */
import type { ActivationName } from '../activations.js';
import { wasmBase64 } from '../kernels/build/threeLayer.wasm.js';
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

export interface ThreeLayerKernelOptions extends KernelOptions {
  /** Keep the second-layer bias b² (default true, as ThreeLayerTf). */
  bias2?: boolean;
}

interface ThreeLayerExports extends KernelBaseExports {
  threeForward(n: number, d1: number, m: number, mp: number, x: Ptr, w1: Ptr, w2: Ptr, h1: Ptr, h2: Ptr, scratch: Ptr, bias2: number): void;
  threeLoss(n: number, mp: number, alpha: number, y: Ptr, a: Ptr, h2: Ptr, e: Ptr): number;
  threeUpdate(
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
}

const threeLayerModule = moduleLoader(wasmBase64);

/** Full-batch GD of the three-layer ReLU network, one output (layout and loss of ThreeLayerTf). */
export class ThreeLayerKernel implements GdModel<ThreeLayerParams> {
  private k: ThreeLayerExports | undefined;
  private mem: Float32Array;
  private readonly m: number;
  private readonly d: number;
  private readonly mp: number;
  private readonly lookahead: boolean;
  private readonly bias2: boolean;
  private readonly p: {
    x: Ptr;
    y: Ptr;
    w1: Ptr;
    w2: Ptr;
    a: Ptr;
    h1: Ptr;
    h2: Ptr;
    dl2: Ptr;
    dl1: Ptr;
    e: Ptr;
    scratch: Ptr;
    zero: Ptr;
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
    options: ThreeLayerKernelOptions = {},
  ) {
    const { m, d, dOut } = params;
    check(activation === 'relu', `only ReLU is implemented, got ${activation}`);
    check(dOut === 1, `only one output is implemented, got dOut = ${dOut}`);
    check(params.w1.length === (d + 1) * m && params.w2.length === (m + 1) * m && params.a.length === m * dOut, 'parameter shapes do not match (m, d, dOut)');
    check(x.length === n * d && y.length === n * dOut, 'x must be (n, d) and y (n, dOut)');
    this.m = m;
    this.d = d;
    this.mp = Math.ceil(m / 4) * 4;
    this.lookahead = options.lookahead ?? d + 1 <= 16;
    this.bias2 = options.bias2 ?? true;
    const mp = this.mp;
    const { k, alloc, commit } = instantiate<ThreeLayerExports>(threeLayerModule());
    this.p = {
      x: alloc(n * (d + 1)), // X̃ (n, d+1)
      y: alloc(n), // Y (n)
      w1: alloc((d + 1) * mp), // W1 (d+1, mp)
      w2: alloc((m + 1) * mp), // W2 (m+1, mp)
      a: alloc(mp), // a (mp)
      h1: alloc(n * mp), // H1 (n, mp)
      h2: alloc(n * mp), // H2 (n, mp)
      dl2: alloc(n * mp), // δ2 (n, mp)
      dl1: alloc(this.lookahead ? 0 : n * mp), // δ1 (n, mp), without lookahead only
      e: alloc(n), // E (n)
      scratch: alloc(8 * n + 4), // active lists, coefficients, dot products, g
      zero: alloc(mp), // a row of zeros
    };
    this.mem = commit();
    this.k = k;
    writeAugmented(this.mem, this.p.x, x, n, d);
    this.mem.set(y, this.p.y / 4);
    writePadded(this.mem, this.p.w1, params.w1, d + 1, m, mp);
    writePadded(this.mem, this.p.w2, params.w2, m + 1, m, mp);
    this.mem.set(params.a, this.p.a / 4);
  }

  /** L(θ) = (1/n) Σ e_i² at the current parameters. */
  loss(): number {
    const k = this.live();
    const { x, y, w1, w2, a, h1, h2, e, scratch } = this.p;
    if (!this.forwardCurrent) k.threeForward(this.n, this.d + 1, this.m, this.mp, x, w1, w2, h1, h2, scratch, this.bias2 ? 1 : 0);
    this.forwardCurrent = true;
    this.residualsCurrent = true;
    return k.threeLoss(this.n, this.mp, this.alpha, y, a, h2, e);
  }

  /** θ ← θ − lr ∇L(θ) from the last loss() (with lookahead, also the next forward pass). */
  update(lr: number): void {
    const k = this.live();
    if (!this.residualsCurrent) throw new Error('update() before loss()');
    const { x, w1, w2, a, h1, h2, dl2, dl1, e, scratch, zero } = this.p;
    k.threeUpdate(
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

  read(): ThreeLayerParams {
    this.live();
    const { m, d, mp } = this;
    return {
      m,
      d,
      dOut: 1,
      w1: readPadded(this.mem, this.p.w1, d + 1, m, mp),
      w2: readPadded(this.mem, this.p.w2, m + 1, m, mp),
      a: this.mem.slice(this.p.a / 4, this.p.a / 4 + m),
    };
  }

  dispose(): void {
    this.k = undefined;
    this.mem = new Float32Array(0);
  }

  private live(): ThreeLayerExports {
    if (!this.k) throw new Error('ThreeLayerKernel used after dispose()');
    return this.k;
  }
}
