/** luo2021-fig2: tidy rows for the output curves, the data and the neuron features. */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { countOrientations } from '../../src/engine/metrics/orientations.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig2']>;

export function aggregate({ cells }: AggregateInput<Config, Params, Result>): { 'luo2021-fig2': Data } {
  const data = toy1d();
  const rows: Data['rows'] = [];
  const values: Record<string, number | string> = {};
  for (const { cell, result } of cells) {
    const gamma = cell.params.gamma;
    result.curve.x.forEach((x, i) => {
      rows.push({ mark: 'output', gamma, x, y: result.curve.f[i] });
    });
    for (let i = 0; i < data.n; i++) rows.push({ mark: 'data', gamma, x: data.x[i], y: data.y[i] });
    for (const stage of ['initial', 'final'] as const) {
      const feat = result[stage];
      feat.orientation.forEach((orientation, k) => {
        rows.push({ mark: 'feature', gamma, stage, neuron: k, orientation, amplitude: feat.amplitude[k] });
      });
    }
    values[`rd_w@${gamma}`] = result.rdW;
    values[`steps@${gamma}`] = result.steps;
    values[`loss@${gamma}`] = result.finalLoss ?? 'non-finite';
    values[`status@${gamma}`] = result.status;
    values[`lr0@${gamma}`] = result.lr0;
    values[`restarts@${gamma}`] = result.restarts;
    values[`alpha@${gamma}`] = result.alpha;
    values[`degenerate@${gamma}`] = degenerateOf(result) ?? '';
    // condensed orientations: clusters (10° caps) among the neurons with A ≥ 0.1 max A holding ≥ 5% of them
    const large = result.final.amplitude.filter((a) => a >= 0.1 * Math.max(...result.final.amplitude)).length;
    values[`orientations@${gamma}`] = countOrientations({ angles: result.final.orientation }, result.final.amplitude, {
      minClusterSize: Math.max(2, Math.ceil(0.05 * large)),
    }).orientations;
  }
  return { 'luo2021-fig2': { rows, values: { ...values, m: cells[0]?.cell.params.m ?? 0, ...degenerateCounts(cells.map((c) => c.result)) } } };
}
