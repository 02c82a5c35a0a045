/**
 * The seed rule of the results computed before src/pipeline/grid.ts: the base
 * seed plus each axis index times a stride,
 *
 *   seed = base + Σ_k strides[k] · indices[k]      (e.g. base + 100_000 i + 1000 j + k),
 *
 * kept so that those cells keep their seeds (and their stored values). A
 * stride of 0 makes cells along that axis share a seed. The strides
 * (nonzero ones decreasing) form a mixed radix: the rule is collision-free as
 * long as (index_k + 1) · stride_k ≤ stride_{k−1} for consecutive nonzero
 * strides, which is checked, so it throws rather than collide (e.g. past 100
 * γ values with strides [100_000, 1000, 1]). New experiments use the hash rule
 * of cellGrid instead.
 */
export function legacySeed(base: number, strides: readonly number[]): (point: { indices: readonly number[]; id: string }) => number {
  return ({ indices, id }) => {
    if (indices.length !== strides.length) throw new Error(`legacySeed: cell "${id}" has ${indices.length} axes, the rule ${strides.length} strides`);
    let seed = base;
    let previous = Infinity;
    indices.forEach((index, k) => {
      const stride = strides[k];
      if (!(Number.isInteger(stride) && stride >= 0)) throw new Error(`legacySeed: stride ${stride} is not a nonnegative integer`);
      if (!(Number.isInteger(index) && index >= 0)) throw new Error(`legacySeed: cell "${id}" has index ${index} along axis ${k}`);
      if (stride === 0) return;
      if ((index + 1) * stride > previous) {
        throw new Error(
          `legacySeed: cell "${id}": index ${index} along axis ${k} overflows its stride (${index} · ${stride} must stay below ${previous}); its seed could collide with another cell's`,
        );
      }
      previous = stride;
      seed += stride * index;
    });
    return seed;
  };
}
