// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Entry of the two-layer WebAssembly module (kernels/build/twoLayer.wasm.ts):
 * fused full-batch GD of the two-layer ReLU network, 128-bit SIMD. No
 * runtime, no allocation: the JS glue (src/engine/twoLayer/kernel.ts, via
 * src/engine/kernels/instance.ts) lays out every buffer in linear memory,
 * above heapBase(), and passes byte offsets.
 *
 * Only the files this entry imports (transitively) are compiled into, and
 * hashed for, the two-layer module: no three-layer source enters it.
 */
export { twoForward, twoLoss, twoUpdate } from './twoLayer';

/** First free byte of linear memory (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
