// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Entry of the three-layer WebAssembly module (kernels/build/threeLayer.wasm.ts):
 * fused full-batch GD of the three-layer ReLU network, 128-bit SIMD. No
 * runtime, no allocation: the JS glue (src/engine/threeLayer/kernel.ts, via
 * src/engine/kernels/instance.ts) lays out every buffer in linear memory,
 * above heapBase(), and passes byte offsets.
 *
 * Only the files this entry imports (transitively) are compiled into, and
 * hashed for, the three-layer module: no two-layer-only source enters it.
 */
export { threeForward, threeLoss, threeUpdate } from './threeLayer';

/** First free byte of linear memory (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
