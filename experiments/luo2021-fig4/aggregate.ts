/** luo2021-fig4: S_w per (γ, γ') cell, its zero crossings along γ, and the theoretical boundary. */
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { midpoints, rdRuns, sHeatmapData } from '../shared/sHeatmap.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig4']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-fig4': Data } {
  const runs = rdRuns(cells);
  return { 'luo2021-fig4': sHeatmapData(midpoints(config.gammaEdges), config.gammaEdges, config.gammaPrimes, runs) };
}
