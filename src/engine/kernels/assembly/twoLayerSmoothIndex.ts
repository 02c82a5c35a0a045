// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Entry of the two-layer smooth-activation WebAssembly module
 * (kernels/build/twoLayerSmooth.wasm.ts): fused full-batch GD of the
 * two-layer network with tanh, sigmoid, softplus, x·tanh x, sigmoid0 or
 * softplus0, 128-bit SIMD. Same memory conventions as twoLayerIndex.ts; JS
 * glue: src/engine/twoLayer/kernelSmooth.ts.
 *
 * A module of its own, apart from the ReLU one: the ReLU experiments' keys
 * cover twoLayer.wasm.ts only, and do not change with this one.
 */
export { smoothForward, smoothLoss, smoothUpdate } from './twoLayerSmooth';

/** First free byte of linear memory (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
