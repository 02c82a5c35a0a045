/**
 * Fused WebAssembly (SIMD) kernels for full-batch GD of ReLU networks with
 * one output: the hot path of the experiments, instead of op-by-op tfjs.
 *
 *   TwoLayerKernel    f(x) = (1/α) Σ_k a_k σ(w_k · x̃)               (luo2021 §3)
 *   ThreeLayerKernel  f(x) = (1/α) aᵀ σ(W² [σ(W¹ x̃); 1])          (zhou2022 §3)
 *
 * Same loss L = (1/n) Σ_i (f(x_i) − y_i)², same parameter layouts and the
 * same GdModel protocol as TwoLayerTf / ThreeLayerTf: loss() is the forward
 * pass at the current θ, update(lr) the step θ ← θ − lr ∇L(θ) from it.
 * The source is src/engine/kernels/assembly/*.ts (AssemblyScript), compiled
 * by `npm run kernels` into ./build/reluKernels.wasm.ts.
 *
 * Each kernel object owns one WebAssembly.Instance with its own linear
 * memory, holding the parameters between steps (copied in by the
 * constructor, out by read()); any number may be alive at once. dispose()
 * drops the instance (the memory goes with it).
 *
 * Memory layout: every (·, m) array is stored with rows padded to
 * mp = 4⌈m/4⌉ floats (zeros, which stay zero), 16-byte aligned.
 */
import type { ActivationName } from '../activations.js';
import type { TwoLayerParams } from '../models/twoLayer.js';
import type { ThreeLayerParams } from '../models/threeLayerParams.js';
import type { GdModel } from '../train/gd.js';
import { wasmBase64 } from './build/reluKernels.wasm.js';

type Ptr = number;

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): Ptr;
  twoForward(n: number, d1: number, mp: number, x: Ptr, w: Ptr, a: Ptr, facc: Ptr, h: Ptr): void;
  twoLoss(n: number, alpha: number, y: Ptr, facc: Ptr, e: Ptr): number;
  twoUpdate(
    n: number, d1: number, mp: number, lr: number, gscale: number,
    x: Ptr, w: Ptr, a: Ptr, e: Ptr, facc: Ptr, ds: Ptr, g: Ptr, h: Ptr,
  ): void;
  threeForward(n: number, d1: number, m: number, mp: number, x: Ptr, w1: Ptr, w2: Ptr, h1: Ptr, h2: Ptr, scratch: Ptr, bias2: number): void;
  threeLoss(n: number, mp: number, alpha: number, y: Ptr, a: Ptr, h2: Ptr, e: Ptr): number;
  threeUpdate(
    n: number, d1: number, m: number, mp: number, lr: number, gscale: number,
    x: Ptr, w1: Ptr, w2: Ptr, a: Ptr, h1: Ptr, h2: Ptr, dl2: Ptr, dl1: Ptr, e: Ptr,
    scratch: Ptr, zero: Ptr, lookahead: number, bias2: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled module, once per process (synchronous: Node has no size limit). */
function kernelModule(): WebAssembly.Module {
  if (!compiled) {
    const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/**
 * A fresh instance with its own linear memory. alloc(floats) reserves a
 * 16-byte-aligned block and returns its byte offset; commit() grows the
 * memory to hold every block (call it once, after the last alloc).
 */
function instantiate(): { k: KernelExports; alloc: (floats: number) => Ptr; commit: () => Float32Array } {
  const k = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as KernelExports;
  let top = (k.heapBase() + 15) & ~15;
  return {
    k,
    alloc(floats: number): Ptr {
      const p = top;
      top += Math.ceil(floats / 4) * 16;
      return p;
    },
    /** Grow the memory to hold everything allocated; returns a float view of it. */
    commit(): Float32Array {
      if (top > 2 ** 32 - 65536) throw new Error(`relu kernel: ${(top / 2 ** 30).toFixed(1)} GiB do not fit in 32-bit WebAssembly memory`);
      const need = Math.ceil(top / 65536) - k.memory.buffer.byteLength / 65536;
      if (need > 0) k.memory.grow(need);
      return new Float32Array(k.memory.buffer);
    },
  };
}

/** X̃ = (x, 1), row-major (n, d+1), written at byte offset p. */
function writeAugmented(mem: Float32Array, p: Ptr, x: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mem[p / 4 + i * (d + 1) + j] = x[i * d + j];
    mem[p / 4 + i * (d + 1) + d] = 1;
  }
}

/** Copy rows × m row-major into rows padded to mp (and back). */
function writePadded(mem: Float32Array, p: Ptr, src: Float32Array, rows: number, m: number, mp: number): void {
  for (let r = 0; r < rows; r++) mem.set(src.subarray(r * m, (r + 1) * m), p / 4 + r * mp);
}
function readPadded(mem: Float32Array, p: Ptr, rows: number, m: number, mp: number): Float32Array {
  const out = new Float32Array(rows * m);
  for (let r = 0; r < rows; r++) out.set(mem.subarray(p / 4 + r * mp, p / 4 + r * mp + m), r * m);
  return out;
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`relu kernel: ${what}`);
}

export interface KernelOptions {
  /** Three-layer only: keep the second-layer bias b² (default true, as ThreeLayerTf). */
  bias2?: boolean;
  /**
   * Fold the next forward pass into update(), so that each parameter is read
   * and written once per step. Default: on when d + 1 ≤ 16. For large d it
   * costs more arithmetic than it saves memory traffic, and the forward pass
   * runs separately (keeping H for the update). Both ways give the same bits.
   */
  lookahead?: boolean;
}

/** Full-batch GD of the two-layer ReLU network (layout and loss of TwoLayerTf). */
export class TwoLayerKernel implements GdModel<TwoLayerParams> {
  private k: KernelExports | undefined;
  private mem: Float32Array;
  private readonly m: number;
  private readonly d: number;
  private readonly mp: number;
  private readonly lookahead: boolean;
  private readonly p: { x: Ptr; y: Ptr; w: Ptr; a: Ptr; e: Ptr; facc: Ptr; ds: Ptr; g: Ptr; h: Ptr };
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
    activation: ActivationName = 'relu',
    options: Pick<KernelOptions, 'lookahead'> = {},
  ) {
    const { m, d } = params;
    check(activation === 'relu', `only ReLU is implemented, got ${activation}`);
    check((params.dOut ?? 1) === 1, `only one output is implemented, got dOut = ${params.dOut}`);
    check(params.a.length === m && params.w.length === (d + 1) * m, 'parameter shapes do not match (m, d)');
    check(x.length === n * d && y.length === n, 'x must be (n, d) and y (n, 1)');
    this.m = m;
    this.d = d;
    this.mp = Math.ceil(m / 4) * 4;
    this.lookahead = options.lookahead ?? d + 1 <= 16;
    const { k, alloc, commit } = instantiate();
    this.p = {
      x: alloc(n * (d + 1)), // X̃ (n, d+1)
      y: alloc(n), // Y (n)
      w: alloc((d + 1) * this.mp), // W (d+1, mp)
      a: alloc(this.mp), // a (mp)
      e: alloc(n), // E (n)
      facc: alloc(4 * n), // (n) × 4 lanes
      ds: alloc(8 * n), // (2n) × 4 lanes
      g: alloc(n), // g_i (n)
      h: this.lookahead ? 0 : alloc(n * this.mp), // H (n, mp), without lookahead only
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
    const { x, y, w, a, e, facc, h } = this.p;
    if (!this.forwardCurrent) k.twoForward(this.n, this.d + 1, this.mp, x, w, a, facc, h);
    this.forwardCurrent = true;
    this.residualsCurrent = true;
    return k.twoLoss(this.n, this.alpha, y, facc, e);
  }

  /** θ ← θ − lr ∇L(θ) from the last loss() (with lookahead, also the next forward pass). */
  update(lr: number): void {
    const k = this.live();
    if (!this.residualsCurrent) throw new Error('update() before loss()');
    const { x, w, a, e, facc, ds, g, h } = this.p;
    k.twoUpdate(this.n, this.d + 1, this.mp, lr, 2 / (this.n * this.alpha), x, w, a, e, facc, ds, g, h);
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

  private live(): KernelExports {
    if (!this.k) throw new Error('TwoLayerKernel used after dispose()');
    return this.k;
  }
}

/** Full-batch GD of the three-layer ReLU network, one output (layout and loss of ThreeLayerTf). */
export class ThreeLayerKernel implements GdModel<ThreeLayerParams> {
  private k: KernelExports | undefined;
  private mem: Float32Array;
  private readonly m: number;
  private readonly d: number;
  private readonly mp: number;
  private readonly lookahead: boolean;
  private readonly bias2: boolean;
  private readonly p: {
    x: Ptr; y: Ptr; w1: Ptr; w2: Ptr; a: Ptr;
    h1: Ptr; h2: Ptr; dl2: Ptr; dl1: Ptr; e: Ptr; scratch: Ptr; zero: Ptr;
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
    options: KernelOptions = {},
  ) {
    const { m, d, dOut } = params;
    check(activation === 'relu', `only ReLU is implemented, got ${activation}`);
    check(dOut === 1, `only one output is implemented, got dOut = ${dOut}`);
    check(
      params.w1.length === (d + 1) * m && params.w2.length === (m + 1) * m && params.a.length === m * dOut,
      'parameter shapes do not match (m, d, dOut)',
    );
    check(x.length === n * d && y.length === n * dOut, 'x must be (n, d) and y (n, dOut)');
    this.m = m;
    this.d = d;
    this.mp = Math.ceil(m / 4) * 4;
    this.lookahead = options.lookahead ?? d + 1 <= 16;
    this.bias2 = options.bias2 ?? true;
    const mp = this.mp;
    const { k, alloc, commit } = instantiate();
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
      this.n, this.d + 1, this.m, this.mp, lr, 2 / (this.n * this.alpha),
      x, w1, w2, a, h1, h2, dl2, dl1, e, scratch, zero, this.lookahead ? 1 : 0, this.bias2 ? 1 : 0,
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

  private live(): KernelExports {
    if (!this.k) throw new Error('ThreeLayerKernel used after dispose()');
    return this.k;
  }
}
