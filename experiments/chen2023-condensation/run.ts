/** One cell of chen2023-condensation: train until the first plateau ends, then read the neurons. */
import { points1d } from '../../src/engine/data/points1d.js';
import { amplitudes, alignmentWith, countOrientations, targetDirection } from '../../src/engine/metrics/condensation.js';
import { orientationAmplitude } from '../../src/engine/metrics/features.js';
import type { TwoLayerParams } from '../../src/engine/models/twoLayer.js';
import { trainTwoLayer } from '../../src/engine/train/twoLayerRun.js';
import { significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

/** W (2, m) row-major → rows (m, 2): row k = (w_k, b_k). */
function neuronRows(w: Float32Array, m: number): Float64Array {
  const rows = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    rows[2 * k] = w[k];
    rows[2 * k + 1] = w[m + k];
  }
  return rows;
}

/** The neurons examined: this fraction of the width, by decreasing amplitude. */
const TOP = 0.05;
/** Share of those neurons a cluster needs to count as a condensed orientation. */
const MIN_SHARE = 0.05;
/** Angular radius of an orientation cluster: at the plateau's end condensed neurons still spread by ~15°. */
const ANGLE = Math.PI / 9;

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = points1d(p.target);
  // f ≈ 0 at a small initialisation, so L(θ0) ≈ (1/n) Σ y_i²
  const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n;
  const beta = p.m ** -p.s;
  const scales = { alpha: 1, beta1: beta, beta2: beta };
  const { gd } = trainTwoLayer({
    data,
    m: p.m,
    scales,
    activation: p.activation.name,
    seed,
    antisymmetric: false,
    lr0: p.lr0,
    tol: p.plateauEnd * L0,
    maxSteps: p.maxSteps,
    maxRestarts: p.maxRestarts,
    onProgress: ctx.progress,
  });
  const z = targetDirection(data.x, data.y, data.n, data.d); // (d+1)
  const rows = neuronRows(gd.final.w, p.m);
  const amps = amplitudes(gd.final.a, rows, p.m, 2);
  const align = alignmentWith(rows, p.m, 2, z);
  let num = 0;
  let den = 0;
  for (let k = 0; k < p.m; k++) {
    num += amps[k] * align[k];
    den += amps[k];
  }
  // Condensed orientations among the TOP fraction of neurons by amplitude: clusters (caps of
  // ANGLE around their largest member) holding at least MIN_SHARE of those neurons. Counting
  // neurons, not amplitude, because with p ≥ 2 the growth is faster than exponential and a
  // single neuron can carry most of the amplitude.
  const K = Math.max(4, Math.round(TOP * p.m));
  const top = Array.from(amps.keys()).sort((i, j) => amps[j] - amps[i] || i - j).slice(0, K);
  const topRows = Float64Array.from(top.flatMap((k) => [rows[2 * k], rows[2 * k + 1]]));
  const count = countOrientations({ rows: topRows, dim: 2 }, top.map((k) => amps[k]), {
    amplitudeFraction: 0,
    angleTol: ANGLE,
    minClusterSize: Math.ceil(MIN_SHARE * K),
  });
  const feat = (params: TwoLayerParams) => {
    const list = orientationAmplitude(params.a, params.w, p.m);
    return { orientation: significant(list.map((n) => n.orientation)), amplitude: significant(list.map((n) => n.amplitude)) };
  };
  return {
    status: gd.status,
    steps: gd.steps,
    lr: gd.lr,
    restarts: gd.restarts.length,
    tau: (2 * gd.lr * gd.steps) / scales.alpha,
    zOrientation: Math.atan2(z[1], z[0]),
    alignment: num / den,
    orientations: count.orientations,
    lines: count.lines,
    initial: feat(gd.initial),
    final: feat(gd.final),
  };
}
