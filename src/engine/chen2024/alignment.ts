/**
 * Alignment of a first layer with z (chen2024, issue 9 item 6): for each row
 * w_k of a first-layer matrix W (m, d1) row-major, its norm and its cosine with
 * z = (1/n) Σ_i y_i x̃_i ∈ R^{d1} (bias coordinate included, the vector of the
 * effective model: Ẇ1 = W2ᵀa zᵀ, so rows grow along this z), and the same
 * cosine with the bias coordinate left out of both w_k and z.
 *
 * "Large-norm" rows are the top half by norm: the ⌈m/2⌉ rows of largest norm
 * (ties broken by index). A row is aligned when |cos(w_k, z)| > threshold.
 * Kept apart from measures.ts so that only chen2024-blowup depends on it.
 */

export interface RowAlignment {
  /** |w_k| for every row */
  norm: number[];
  /** cos(w_k, z), z with its bias coordinate (0 for a zero row) */
  cos: number[];
  /** cos of the first d1 − 1 coordinates of w_k and z (the bias coordinate left out) */
  cosNoBias: number[];
}

function cosine(w: ArrayLike<number>, off: number, z: ArrayLike<number>, len: number): number {
  let dot = 0;
  let ww = 0;
  let zz = 0;
  for (let j = 0; j < len; j++) {
    dot += w[off + j] * z[j];
    ww += w[off + j] * w[off + j];
    zz += z[j] * z[j];
  }
  return ww > 0 && zz > 0 ? dot / Math.sqrt(ww * zz) : 0;
}

/** Norm and cosines with z of every row of W (m, d1) row-major, z ∈ R^{d1} with the bias coordinate last. */
export function rowAlignment(W: ArrayLike<number>, m: number, z: ArrayLike<number>): RowAlignment {
  const d1 = z.length;
  if (W.length !== m * d1) throw new Error(`rowAlignment: W has ${W.length} entries, expected m · d1 = ${m} · ${d1}`);
  if (d1 < 2) throw new Error('rowAlignment: z needs at least one input coordinate besides the bias');
  const norm: number[] = [];
  const cos: number[] = [];
  const cosNoBias: number[] = [];
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let j = 0; j < d1; j++) s += W[k * d1 + j] ** 2;
    norm.push(Math.sqrt(s));
    cos.push(cosine(W, k * d1, z, d1));
    cosNoBias.push(cosine(W, k * d1, z, d1 - 1));
  }
  return { norm, cos, cosNoBias };
}

/** Indices of the ⌈m/2⌉ rows of largest norm (ties: the lower index first). */
export function topHalfByNorm(norm: readonly number[]): number[] {
  const order = norm.map((_, k) => k).sort((p, q) => norm[q] - norm[p] || p - q);
  return order.slice(0, Math.ceil(norm.length / 2));
}

/** Among the top half of rows by norm, the fraction with |cos| > threshold, and how many rows were counted. */
export function alignedFraction(norm: readonly number[], cos: readonly number[], threshold = 0.9): { frac: number; counted: number } {
  if (norm.length !== cos.length) throw new Error('alignedFraction: norm and cos differ in length');
  const top = topHalfByNorm(norm);
  const aligned = top.filter((k) => Math.abs(cos[k]) > threshold).length;
  return { frac: top.length ? aligned / top.length : Number.NaN, counted: top.length };
}
