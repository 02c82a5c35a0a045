// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * Entry of the three-layer WebAssembly module with several outputs
 * (kernels/build/threeLayerMulti.wasm.ts): fused full-batch GD of the
 * three-layer ReLU network with dOut ≥ 1 outputs, 128-bit SIMD, plain
 * float32 (multiUpdate) or compensated (multiUpdateCompensated: float32
 * pairs θ_hi + θ_lo). No runtime, no allocation: the JS glue
 * (src/engine/threeLayer/kernelMulti.ts, via src/engine/kernels/instance.ts)
 * lays out every buffer in linear memory, above heapBase(), and passes byte
 * offsets.
 *
 * Only the files this entry imports (transitively) are compiled into, and
 * hashed for, this module: the one-output kernel (threeLayer.ts) is not
 * among them, so neither module's stamp moves with the other's sources.
 */
export { multiForward, multiLoss, multiUpdate } from './threeLayerMulti';
export { multiUpdateCompensated } from './threeLayerMultiCompensated';

/** First free byte of linear memory (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
