// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Entry of the three-layer smooth-activation WebAssembly module
 * (kernels/build/threeLayerSmooth.wasm.ts): fused full-batch GD of the
 * three-layer network with tanh, sigmoid, softplus, x·tanh x, sigmoid0 or
 * softplus0, one output, 128-bit SIMD. Same memory conventions as
 * threeLayerIndex.ts; JS glue: src/engine/threeLayer/kernelSmooth.ts.
 *
 * A module of its own, apart from the ReLU one: the zhou2022 experiments'
 * keys cover threeLayer.wasm.ts only, and do not change with this one.
 */
export { threeSmoothForward, threeSmoothInit, threeSmoothLoss, threeSmoothUpdate } from './threeLayerSmooth';

/** First free byte of linear memory (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
