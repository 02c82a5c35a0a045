// @ts-nocheck -- AssemblyScript (compiled by scripts/build-kernels.mjs), not TypeScript.
/**
 * The input-side products of a first layer W1 (d+1, mp) for large d:
 *
 *   H1 = X̃ W1                (n, mp)     firstLayer
 *   W1 ← W1 − lr X̃ᵀ δ1       (d+1, mp)   firstLayerUpdate
 *
 * X̃ (n, d+1) row-major; rows of W1, H1 and δ1 are `bytes` long (a
 * multiple of 16). Used by the two-layer net (W1 = W) and the three-layer
 * net when d + 1 > 16.
 */

/**
 * H1[i,k] = Σ_l X̃[i,l] W1[l,k], summed from l = 0 up (the order of the
 * column-by-column lookahead passes, so both give the same bits). Register
 * blocks of 4 samples × 4 columns; the last block of samples repeats
 * sample n−1 and stores only the real ones.
 */
export function firstLayer(n: i32, d1: i32, bytes: usize, x: usize, w1: usize, h1: usize): void {
  const xrow = (<usize>d1) << 2;
  const xend = (<usize>d1) << 2;
  for (let k: usize = 0; k < bytes; k += 16) {
    for (let i = 0; i < n; i += 4) {
      // X̃[i+s, ·] for s = 0..3, walked along l together with W1[l, k]
      let x0 = x + <usize>i * xrow;
      let x1 = x + <usize>min(i + 1, n - 1) * xrow;
      let x2 = x + <usize>min(i + 2, n - 1) * xrow;
      let x3 = x + <usize>min(i + 3, n - 1) * xrow;
      const x0end = x0 + xend;
      let wl = w1 + k;
      let w = v128.load(wl);
      let H0 = f32x4.mul(v128.load32_splat(x0), w);
      let H1 = f32x4.mul(v128.load32_splat(x1), w);
      let H2 = f32x4.mul(v128.load32_splat(x2), w);
      let H3 = f32x4.mul(v128.load32_splat(x3), w);
      x0 += 4;
      x1 += 4;
      x2 += 4;
      x3 += 4;
      wl += bytes;
      while (x0 < x0end) {
        w = v128.load(wl);
        H0 = f32x4.add(H0, f32x4.mul(v128.load32_splat(x0), w));
        H1 = f32x4.add(H1, f32x4.mul(v128.load32_splat(x1), w));
        H2 = f32x4.add(H2, f32x4.mul(v128.load32_splat(x2), w));
        H3 = f32x4.add(H3, f32x4.mul(v128.load32_splat(x3), w));
        x0 += 4;
        x1 += 4;
        x2 += 4;
        x3 += 4;
        wl += bytes;
      }
      v128.store(h1 + <usize>i * bytes + k, H0);
      if (i + 1 < n) v128.store(h1 + <usize>(i + 1) * bytes + k, H1);
      if (i + 2 < n) v128.store(h1 + <usize>(i + 2) * bytes + k, H2);
      if (i + 3 < n) v128.store(h1 + <usize>(i + 3) * bytes + k, H3);
    }
  }
}

/**
 * W1[l,k] ← W1[l,k] − lr Σ_i X̃[i,l] δ1[i,k], summed from i = 0 up (as the
 * lookahead passes do). Register blocks of 4 rows l × 4 columns; the last
 * block repeats row d1−1 and stores only the real ones.
 */
export function firstLayerUpdate(n: i32, d1: i32, bytes: usize, lr: f32, x: usize, w1: usize, dl1: usize): void {
  const lrv = f32x4.splat(lr);
  const xrow = (<usize>d1) << 2;
  const dend = dl1 + <usize>n * bytes;
  for (let k: usize = 0; k < bytes; k += 16) {
    for (let l = 0; l < d1; l += 4) {
      // X̃[·, l+r] for r = 0..3, walked along i together with δ1[i, k]
      let x0 = x + ((<usize>l) << 2);
      let x1 = x + ((<usize>min(l + 1, d1 - 1)) << 2);
      let x2 = x + ((<usize>min(l + 2, d1 - 1)) << 2);
      let x3 = x + ((<usize>min(l + 3, d1 - 1)) << 2);
      let G0 = f32x4.splat(0);
      let G1 = f32x4.splat(0);
      let G2 = f32x4.splat(0);
      let G3 = f32x4.splat(0);
      for (let dp = dl1 + k; dp < dend; dp += bytes) {
        const di = v128.load(dp);
        G0 = f32x4.add(G0, f32x4.mul(v128.load32_splat(x0), di));
        G1 = f32x4.add(G1, f32x4.mul(v128.load32_splat(x1), di));
        G2 = f32x4.add(G2, f32x4.mul(v128.load32_splat(x2), di));
        G3 = f32x4.add(G3, f32x4.mul(v128.load32_splat(x3), di));
        x0 += xrow;
        x1 += xrow;
        x2 += xrow;
        x3 += xrow;
      }
      const p0 = w1 + <usize>l * bytes + k;
      v128.store(p0, f32x4.sub(v128.load(p0), f32x4.mul(lrv, G0)));
      if (l + 1 < d1) v128.store(p0 + bytes, f32x4.sub(v128.load(p0 + bytes), f32x4.mul(lrv, G1)));
      if (l + 2 < d1) v128.store(p0 + 2 * bytes, f32x4.sub(v128.load(p0 + 2 * bytes), f32x4.mul(lrv, G2)));
      if (l + 3 < d1) v128.store(p0 + 3 * bytes, f32x4.sub(v128.load(p0 + 3 * bytes), f32x4.mul(lrv, G3)));
    }
  }
}
