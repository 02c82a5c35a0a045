/**
 * Neuron amplitudes and their alignment with the direction small-initialisation
 * neurons condense on (luo2021 §3.1, chen2023). Neuron vectors come as a
 * row-major (count, dim) matrix, row k = w_k (with the bias as the last
 * component when the input is augmented, x̃ = (x, 1)). Float64 throughout.
 */
import { rowNorms } from './rows.js';

type Vec = ArrayLike<number>;

/**
 * Amplitude of each neuron (luo2021 §3.1, §4.2): A_k = |a_k| ‖w_k‖₂ → (count).
 */
export function amplitudes(a: Vec, rows: Vec, count: number, dim: number): Float64Array {
  if (a.length !== count) throw new Error(`amplitudes: a has ${a.length} entries for ${count} neurons`);
  const norms = rowNorms(rows, count, dim);
  return Float64Array.from(norms, (n, k) => Math.abs(a[k]) * n);
}

/**
 * The direction that small-initialisation neurons align with (chen2023,
 * science.md "Mechanism [D]"): z = (1/n) Σ_i y_i x̃_i, x̃_i = (x_i, 1) ∈ R^{d+1}.
 * x is row-major (n, d), y has n scalar targets → z (d+1).
 */
export function targetDirection(x: Vec, y: Vec, n: number, d: number): Float64Array {
  if (x.length !== n * d) throw new Error(`targetDirection: x has ${x.length} entries, expected (${n}, ${d})`);
  if (y.length !== n) throw new Error(`targetDirection: y has ${y.length} entries, expected ${n} scalar targets`);
  const z = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] += y[i] * x[i * d + j];
    z[d] += y[i];
  }
  for (let j = 0; j <= d; j++) z[j] /= n;
  return z;
}

/**
 * Alignment of each row with a direction z: |D(w_k, z)| = |w_k·z| / (‖w_k‖ ‖z‖)
 * → (count), in [0, 1]; 1 means w_k ∥ ±z. A zero row (or z = 0) gives 0.
 */
export function alignmentWith(rows: Vec, count: number, dim: number, z: Vec): Float64Array {
  if (z.length !== dim) throw new Error(`alignmentWith: z has ${z.length} components, rows have ${dim}`);
  if (rows.length !== count * dim) throw new Error(`alignmentWith: expected (${count}, ${dim}) = ${count * dim} entries, got ${rows.length}`);
  let zz = 0;
  for (let j = 0; j < dim; j++) zz += z[j] * z[j];
  const norms = rowNorms(rows, count, dim);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    if (norms[k] === 0 || zz === 0) continue;
    let wz = 0;
    for (let j = 0; j < dim; j++) wz += rows[k * dim + j] * z[j];
    out[k] = Math.min(1, Math.abs(wz) / (norms[k] * Math.sqrt(zz)));
  }
  return out;
}
