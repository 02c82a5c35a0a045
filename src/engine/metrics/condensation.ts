/**
 * Measures of condensation: how strongly neuron vectors concentrate on a few
 * orientations.
 *
 * Neuron vectors come as a row-major (count, dim) matrix, row k = w_k (with the
 * bias as the last component when the input is augmented, x̃ = (x, 1)).
 * Everything is accumulated in float64.
 */
import { normalizeRows, rowNorms, selectRows, similarityMatrix, topByNorm } from './cosineSimilarity.js';

type Vec = ArrayLike<number>;

/**
 * ζ from a similarity matrix of M rows: the mean of |D_{kk'}| over the
 * M(M − 1) ordered pairs k ≠ k'. NaN when M < 2.
 */
export function zetaFromSimilarity(D: Vec, M: number): number {
  if (D.length !== M * M) throw new Error(`zetaFromSimilarity: expected ${M}×${M} entries, got ${D.length}`);
  if (M < 2) return NaN;
  let s = 0;
  for (let k = 0; k < M; k++) {
    for (let l = 0; l < M; l++) if (l !== k) s += Math.abs(D[k * M + l]);
  }
  return s / (M * (M - 1));
}

/**
 * Condensation degree ζ of the rows of W^{[2]} (zhou2022 §5.4, Fig. 8).
 *
 * The paper's formula is garbled in the available text; legible are a sum of
 * D(W_[k], W_[k']) over rows ranked by magnitude, and ζ ∈ [0, 1] with 1 = all
 * rows in one direction and 0 = mutually orthogonal rows. This is the
 * PROPOSED DEFAULT of the reproduction (science.md [G]), not the paper's
 * verified formula:
 *
 *   ζ = (1 / (M(M − 1))) Σ_{k ≠ k' ≤ M} |D(W_[k], W_[k'])|,
 *
 * where W_[k] is the row with the k-th largest norm and M = round(fraction · m)
 * (fraction = 1/2 by default, the half drawn in zhou2022 Fig. 3).
 * |D| counts opposite rows (one line, two orientations) as condensed.
 * For random rows in dimension n, ζ ≈ sqrt(2/(π n)). Cost O(M² dim).
 */
export function condensationDegree(rows: Vec, count: number, dim: number, fraction = 0.5): number {
  const top = topByNorm(rows, count, dim, fraction);
  const M = top.length;
  const D = similarityMatrix(selectRows(rows, dim, top), M, dim); // (M, M)
  return zetaFromSimilarity(D, M);
}

/**
 * Amplitude of each neuron (luo2021 §3.1, §4.2): A_k = |a_k| ‖w_k‖₂ → (count).
 */
export function amplitudes(a: Vec, rows: Vec, count: number, dim: number): Float64Array {
  if (a.length !== count) throw new Error(`amplitudes: a has ${a.length} entries for ${count} neurons`);
  const norms = rowNorms(rows, count, dim);
  return Float64Array.from(norms, (n, k) => Math.abs(a[k]) * n);
}

/**
 * Projection of each unit neuron vector on a reference direction
 * (luo2021 §4.2, high-dimensional condensation maps, Fig. 7):
 *
 *   I_k = ŵ_k · p,   ŵ_k = w_k / ‖w_k‖,   p = (1, …, 1, 0, …, 0) / √pDim,
 *
 * with ones in the first pDim components. The default pDim = dim is the
 * original code's choice (S6: `sum(v)/||v||/sqrt(dim)` over the augmented
 * vector (w_k, b_k), i.e. p = 1/√(d+1)); pDim = dim − 1 reads the paper's
 * p = 1/√d over the input components only (ŵ still normalised with the bias).
 * A zero row gives I = 0.
 */
export function projectionI(rows: Vec, count: number, dim: number, pDim = dim): Float64Array {
  if (!(pDim >= 1 && pDim <= dim)) throw new Error(`projectionI: pDim must be in [1, ${dim}], got ${pDim}`);
  const unit = normalizeRows(rows, count, dim); // (count, dim)
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let s = 0;
    for (let j = 0; j < pDim; j++) s += unit[k * dim + j];
    out[k] = s / Math.sqrt(pDim);
  }
  return out;
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

/** Neuron directions: 1-d feature angles (luo2021 §3.1), or rows of a (count, dim) matrix. */
export type Directions = { angles: Vec } | { rows: Vec; dim: number };

export interface OrientationCountOptions {
  /** a neuron is "large" when A_k ≥ amplitudeFraction · max_k A_k (default 0.1) */
  amplitudeFraction?: number;
  /** angular tolerance of a cluster, radians (default π/18 = 10°) */
  angleTol?: number;
  /** clusters with fewer members are not counted (default 1: every cluster counts) */
  minClusterSize?: number;
}

export interface OrientationCluster {
  /** the neuron that founded the cluster (the largest amplitude in it) */
  leader: number;
  /** all neurons in the cluster, leader first */
  members: number[];
  /** the leader's unit direction */
  direction: number[];
}

export interface OrientationCount {
  /** distinct orientations on the unit sphere: w and −w are two orientations */
  orientations: number;
  /** distinct lines: w and −w are one line */
  lines: number;
  /** the large-amplitude neurons, by decreasing amplitude */
  large: number[];
  /** the orientation clusters that were counted */
  clusters: OrientationCluster[];
}

/**
 * Number of distinct condensed orientations among the large-amplitude neurons,
 * to compare with the bound "at most 2p condensed orientations in the initial
 * stage" for an activation of multiplicity p (science.md, paper 2 [R]).
 *
 * Rule (deterministic):
 *  1. Large neurons: A_k ≥ amplitudeFraction · max A (neurons with a zero
 *     direction are skipped).
 *  2. Leader clustering on the unit sphere, in order of decreasing amplitude
 *     (ties: lower index first): a neuron joins the first existing cluster
 *     whose leader is within angleTol of it (cos ≥ cos angleTol); otherwise it
 *     founds a new cluster. Each cluster thus lies in a cap of radius angleTol
 *     around its leader, and a non-condensed scatter gives many clusters.
 *  3. `orientations` = clusters with at least minClusterSize members.
 *     `lines` = the same count with w and −w identified (|cos| ≥ cos angleTol).
 *
 * Decision on ±z: orientations are directions on the sphere, so w ∥ z and
 * w ∥ −z count as TWO orientations (on ONE line). This matches "at most 2p
 * orientations": for p = 1 (tanh) the two opposite directions ±z give
 * orientations = 2, lines = 1.
 */
export function countOrientations(directions: Directions, amps: Vec, opts: OrientationCountOptions = {}): OrientationCount {
  const { amplitudeFraction = 0.1, angleTol = Math.PI / 18, minClusterSize = 1 } = opts;
  const count = amps.length;
  // unit directions (count, dim)
  let dim: number;
  let unit: Float64Array;
  if ('angles' in directions) {
    if (directions.angles.length !== count) throw new Error(`countOrientations: ${directions.angles.length} angles for ${count} amplitudes`);
    dim = 2;
    unit = new Float64Array(2 * count);
    for (let k = 0; k < count; k++) {
      unit[2 * k] = Math.cos(directions.angles[k]);
      unit[2 * k + 1] = Math.sin(directions.angles[k]);
    }
  } else {
    dim = directions.dim;
    if (directions.rows.length !== count * dim) throw new Error(`countOrientations: expected (${count}, ${dim}) direction entries, got ${directions.rows.length}`);
    unit = normalizeRows(directions.rows, count, dim);
  }
  const norms = rowNorms(unit, count, dim);

  // 1. large-amplitude neurons, by decreasing amplitude
  let maxA = 0;
  for (let k = 0; k < count; k++) if (amps[k] > maxA) maxA = amps[k];
  const large: number[] = [];
  for (let k = 0; k < count; k++) if (maxA > 0 && amps[k] >= amplitudeFraction * maxA && norms[k] > 0) large.push(k);
  large.sort((k, l) => amps[l] - amps[k] || k - l);

  // 2. leader clustering; `signed` = false identifies w with −w
  const cosTol = Math.cos(angleTol);
  const cluster = (signed: boolean): OrientationCluster[] => {
    const out: OrientationCluster[] = [];
    for (const k of large) {
      let home: OrientationCluster | undefined;
      for (const c of out) {
        let dot = 0;
        for (let j = 0; j < dim; j++) dot += unit[k * dim + j] * unit[c.leader * dim + j];
        if ((signed ? dot : Math.abs(dot)) >= cosTol) {
          home = c;
          break;
        }
      }
      if (home) home.members.push(k);
      else out.push({ leader: k, members: [k], direction: Array.from(unit.subarray(k * dim, (k + 1) * dim)) });
    }
    return out.filter((c) => c.members.length >= minClusterSize);
  };

  // 3. counts
  const clusters = cluster(true);
  const lines = cluster(false).length;
  return { orientations: clusters.length, lines, large, clusters };
}
