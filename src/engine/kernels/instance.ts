/**
 * Shared JS glue of the fused WebAssembly (SIMD) kernels, one module per
 * network family (src/engine/twoLayer/kernel.ts, src/engine/threeLayer/kernel.ts;
 * the AssemblyScript sources are in ./assembly, compiled by `npm run kernels`
 * into ./build/twoLayer.wasm.ts and ./build/threeLayer.wasm.ts).
 *
 * Each kernel object owns one WebAssembly.Instance with its own linear
 * memory, holding the parameters between steps (copied in by the
 * constructor, out by read()); any number may be alive at once. dispose()
 * drops the instance (the memory goes with it).
 *
 * Memory layout: every (·, m) array is stored with rows padded to
 * mp = 4⌈m/4⌉ floats (zeros, which stay zero), 16-byte aligned.
 */

export type Ptr = number;

/** What every kernel module exports, besides its family's functions. */
export interface KernelBaseExports {
  memory: WebAssembly.Memory;
  /** First free byte of linear memory (after static data). */
  heapBase(): Ptr;
}

export interface KernelOptions {
  /**
   * Fold the next forward pass into update(), so that each parameter is read
   * and written once per step. Default: on when d + 1 ≤ 16. For large d it
   * costs more arithmetic than it saves memory traffic, and the forward pass
   * runs separately (keeping H for the update). Both ways give the same bits.
   */
  lookahead?: boolean;
}

/**
 * The compiled module of a base64-encoded wasm binary, compiled on first use
 * and then once per process (synchronous: Node has no size limit).
 */
export function moduleLoader(wasmBase64: string): () => WebAssembly.Module {
  let compiled: WebAssembly.Module | undefined;
  return () => {
    if (!compiled) {
      const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
      compiled = new WebAssembly.Module(bytes);
    }
    return compiled;
  };
}

/**
 * A fresh instance with its own linear memory. alloc(floats) reserves a
 * 16-byte-aligned block and returns its byte offset; commit() grows the
 * memory to hold every block (call it once, after the last alloc).
 */
export function instantiate<E extends KernelBaseExports>(module: WebAssembly.Module): { k: E; alloc: (floats: number) => Ptr; commit: () => Float32Array } {
  const k = new WebAssembly.Instance(module, {}).exports as unknown as E;
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
export function writeAugmented(mem: Float32Array, p: Ptr, x: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mem[p / 4 + i * (d + 1) + j] = x[i * d + j];
    mem[p / 4 + i * (d + 1) + d] = 1;
  }
}

/** Copy rows × m row-major into rows padded to mp (and back). */
export function writePadded(mem: Float32Array, p: Ptr, src: Float32Array, rows: number, m: number, mp: number): void {
  for (let r = 0; r < rows; r++) mem.set(src.subarray(r * m, (r + 1) * m), p / 4 + r * mp);
}
export function readPadded(mem: Float32Array, p: Ptr, rows: number, m: number, mp: number): Float32Array {
  const out = new Float32Array(rows * m);
  for (let r = 0; r < rows; r++) out.set(mem.subarray(p / 4 + r * mp, p / 4 + r * mp + m), r * m);
  return out;
}

export function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`relu kernel: ${what}`);
}
