/** One cell of luo2021-fig6: train, then keep a compact sample of the neurons' features. */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { orientationAmplitude } from '../../src/engine/metrics/features.js';
import { uniformSource } from '../../src/engine/random.js';
import { twoLayerKernel } from '../../src/engine/twoLayer/kernel.js';
import { twoLayerScales } from '../../src/engine/twoLayer/parametrisation.js';
import { trainTwoLayer } from '../../src/engine/twoLayer/train.js';
import { significant } from '../../src/pipeline/compact.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import { outcomeOf } from '../shared/outcome.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  // β1 = 1, β2 = m^{γ'}, α = m^{γ+γ'}, as in luo2021-fig4
  const scales = twoLayerScales(p.m, p.gamma, p.gammaPrime, 1);
  const trained = trainTwoLayer({
    data: toy1d(),
    m: p.m,
    scales,
    activation: 'relu',
    seed,
    antisymmetric: p.antisymmetric,
    protocol: p.protocol,
    model: twoLayerKernel,
    onProgress: ctx.progress,
  });
  const { gd } = trained;
  const features = orientationAmplitude(gd.final.a, gd.final.w, p.m);
  const order = Array.from(features.keys()).sort((i, j) => features[j].amplitude - features[i].amplitude || i - j);
  const top = order.slice(0, p.top);
  // a seeded uniform sample of the rest (partial Fisher–Yates)
  const rest = order.slice(p.top);
  const uniform = uniformSource(seed + 1);
  const picked: number[] = [];
  for (let i = 0; i < Math.min(p.sample, rest.length); i++) {
    const j = i + Math.floor(uniform() * (rest.length - i));
    [rest[i], rest[j]] = [rest[j], rest[i]];
    picked.push(rest[i]);
  }
  const kept = [...top, ...picked];
  return {
    ...outcomeOf(trained),
    rdW: trained.rdW,
    orientation: significant(
      kept.map((k) => features[k].orientation),
      4,
    ),
    amplitude: significant(
      kept.map((k) => features[k].amplitude),
      4,
    ),
    isTop: kept.map((_, i) => i < top.length),
    maxAmplitude: features[order[0]].amplitude,
  };
}
