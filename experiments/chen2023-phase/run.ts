/** One cell of chen2023-phase: alignment with ±z when the loss leaves its plateau. */
import { points1d } from '../../src/engine/data/points1d.js';
import { alignmentWith, amplitudes, targetDirection } from '../../src/engine/metrics/condensation.js';
import { trainTwoLayer } from '../../src/engine/train/twoLayerRun.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = points1d(p.target);
  const L0 = data.y.reduce((s, v) => s + v * v, 0) / data.n;
  // α = 1: κ = β1 β2 = m^{−γ}, κ' = β1/β2 = m^{−γ'}
  const scales = { alpha: 1, beta1: p.m ** (-(p.gamma + p.gammaPrime) / 2), beta2: p.m ** (-(p.gamma - p.gammaPrime) / 2) };
  const { gd, rdW } = trainTwoLayer({
    data,
    m: p.m,
    scales,
    activation: 'tanh',
    seed,
    antisymmetric: false,
    lr0: p.lr0,
    tol: p.plateauEnd * L0,
    maxSteps: p.maxSteps,
    maxRestarts: p.maxRestarts,
    onProgress: ctx.progress,
  });
  const rows = new Float64Array(2 * p.m); // (m, 2): row k = (w_k, b_k)
  for (let k = 0; k < p.m; k++) {
    rows[2 * k] = gd.final.w[k];
    rows[2 * k + 1] = gd.final.w[p.m + k];
  }
  const amps = amplitudes(gd.final.a, rows, p.m, 2);
  const align = alignmentWith(rows, p.m, 2, targetDirection(data.x, data.y, data.n, data.d));
  let num = 0;
  let den = 0;
  for (let k = 0; k < p.m; k++) {
    num += amps[k] * align[k];
    den += amps[k];
  }
  return { status: gd.status, steps: gd.steps, restarts: gd.restarts.length, alignment: num / den, rdW };
}
