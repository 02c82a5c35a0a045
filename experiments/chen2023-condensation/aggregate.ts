/** chen2023-condensation: features per activation, and the orientation counts against the bound 2p. */
import { orientationBound } from '../../src/engine/theory/chen2023.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['chen2023-condensation']>;

/** The orientation opposite to o, in (−π, π]. */
export const opposite = (o: number) => (o > 0 ? o - Math.PI : o + Math.PI);

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'chen2023-condensation': Data } {
  const rows: Data['rows'] = [];
  const perActivation: Record<string, number> = {};
  for (const { cell, result } of cells) {
    const { label, p, name } = cell.params.activation;
    for (const stage of ['initial', 'final'] as const) {
      result[stage].orientation.forEach((orientation, k) => {
        rows.push({
          mark: 'feature',
          activation: label,
          p,
          stage: stage === 'final' ? 'plateau end' : 'initial',
          orientation,
          amplitude: result[stage].amplitude[k],
        });
      });
    }
    for (const o of [result.zOrientation, opposite(result.zOrientation)]) rows.push({ mark: 'z', activation: label, p, orientation: o });
    rows.push({
      mark: 'count',
      activation: label,
      p,
      orientations: result.orientations,
      lines: result.lines,
      bound: orientationBound(p),
      alignment: result.alignment,
      steps: result.steps,
      tau: result.tau,
      status: result.status,
      degenerate: degenerateOf(result),
    });
    perActivation[`orientations@${name}`] = result.orientations;
    perActivation[`lines@${name}`] = result.lines;
    perActivation[`alignment@${name}`] = result.alignment;
    perActivation[`steps@${name}`] = result.steps;
  }
  // γ = 2s: β1 = β2 = m^{−s} with α = 1
  return {
    'chen2023-condensation': {
      rows,
      values: { m: config.m, s: config.s, gamma: 2 * config.s, ...perActivation, ...degenerateCounts(cells.map((c) => c.result)) },
    },
  };
}
