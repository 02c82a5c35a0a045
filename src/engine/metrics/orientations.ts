/**
 * Counting condensed orientations: how many distinct directions the
 * large-amplitude neurons concentrate on (chen2023, luo2021 Fig. 2).
 * Float64 throughout.
 */
import { normalizeRows, rowNorms } from './rows.js';

type Vec = ArrayLike<number>;

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
    if (directions.rows.length !== count * dim)
      throw new Error(`countOrientations: expected (${count}, ${dim}) direction entries, got ${directions.rows.length}`);
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
