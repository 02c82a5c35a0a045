/** chen2023-condensation: features per activation, and the orientation counts against p. */
import type { AggregateInput, FigureData, Row } from '../../src/pipeline/experiment.js';
import type { Config, Params, Result } from './experiment.js';

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const rows: Row[] = [];
  const values: Record<string, number | string> = { m: config.m, s: config.s, gamma: 2 * config.s };
  for (const { cell, result } of cells) {
    const { label, p, name } = cell.params.activation;
    for (const stage of ['initial', 'final'] as const) {
      result[stage].orientation.forEach((orientation, k) =>
        rows.push({ mark: 'feature', activation: label, p, stage: stage === 'final' ? 'plateau end' : 'initial', orientation, amplitude: result[stage].amplitude[k] }),
      );
    }
    for (const o of [result.zOrientation, result.zOrientation > 0 ? result.zOrientation - Math.PI : result.zOrientation + Math.PI]) {
      rows.push({ mark: 'z', activation: label, p, orientation: o });
    }
    rows.push({ mark: 'count', activation: label, p, orientations: result.orientations, lines: result.lines, bound: 2 * p, alignment: result.alignment, steps: result.steps, tau: result.tau, status: result.status });
    values[`orientations@${name}`] = result.orientations;
    values[`lines@${name}`] = result.lines;
    values[`alignment@${name}`] = result.alignment;
    values[`steps@${name}`] = result.steps;
  }
  return { 'chen2023-condensation': { rows, values } };
}
