// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Fused full-batch GD kernels for two- and three-layer ReLU networks,
 * compiled to WebAssembly with 128-bit SIMD. No runtime, no allocation:
 * the JS glue (src/engine/kernels/reluKernels.ts) lays out every buffer in
 * linear memory, above heapBase(), and passes byte offsets.
 */
export { twoForward, twoLoss, twoUpdate } from './twoLayer';
export { threeForward, threeLoss, threeUpdate } from './threeLayer';

/** First free byte of linear memory (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
