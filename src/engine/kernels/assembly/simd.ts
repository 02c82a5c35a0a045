// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * SIMD helpers shared by both network families (twoLayer.ts, rows.ts, threeLayer.ts).
 */

/** Sum of the four lanes of v: ((v0 + v1) + v2) + v3. */
export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}
