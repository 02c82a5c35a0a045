/** One cell of chen2023-condensation: train until the first plateau ends, then read the neurons. */
import { points1d } from '../../src/engine/data/points1d.js';
import { targetDirection } from '../../src/engine/metrics/alignment.js';
import { orientationAmplitude } from '../../src/engine/metrics/features.js';
import { countOrientations } from '../../src/engine/metrics/orientations.js';
import type { TwoLayerParams } from '../../src/engine/twoLayer/params.js';
import { twoLayerSmoothKernel } from '../../src/engine/twoLayer/kernelSmooth.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import { significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { neuronRows, weightedAlignment } from '../shared/neurons.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

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
  const trained = trainTwoLayer({
    data,
    m: p.m,
    scales,
    activation: p.activation.name,
    seed,
    antisymmetric: false,
    protocol: { ...p.protocol, tol: p.plateauEnd * L0 },
    model: twoLayerSmoothKernel,
    onProgress: ctx.progress,
  });
  const { gd } = trained;
  const z = targetDirection(data.x, data.y, data.n, data.d); // (d+1)
  const rows = neuronRows(gd.final.w, p.m);
  const { amps, alignment } = weightedAlignment(gd.final.a, rows, p.m, z);
  // Condensed orientations among the TOP fraction of neurons by amplitude: clusters (caps of
  // ANGLE around their largest member) holding at least MIN_SHARE of those neurons. Counting
  // neurons, not amplitude, because with p ≥ 2 the growth is faster than exponential and a
  // single neuron can carry most of the amplitude.
  const K = Math.max(4, Math.round(TOP * p.m));
  const top = Array.from(amps.keys())
    .sort((i, j) => amps[j] - amps[i] || i - j)
    .slice(0, K);
  const topRows = Float64Array.from(top.flatMap((k) => [rows[2 * k], rows[2 * k + 1]]));
  const count = countOrientations(
    { rows: topRows, dim: 2 },
    top.map((k) => amps[k]),
    {
      amplitudeFraction: 0,
      angleTol: ANGLE,
      minClusterSize: Math.ceil(MIN_SHARE * K),
    },
  );
  const feat = (params: TwoLayerParams) => {
    const list = orientationAmplitude(params.a, params.w, p.m);
    return { orientation: significant(list.map((n) => n.orientation)), amplitude: significant(list.map((n) => n.amplitude)) };
  };
  return {
    ...outcomeOf(trained),
    lr: gd.lr,
    tau: (2 * gd.lr * gd.steps) / scales.alpha,
    zOrientation: Math.atan2(z[1], z[0]),
    alignment,
    orientations: count.orientations,
    lines: count.lines,
    initial: feat(gd.initial),
    final: feat(gd.final),
  };
}
