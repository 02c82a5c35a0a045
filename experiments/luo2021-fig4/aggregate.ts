/** luo2021-fig4: S_w per (γ, γ') cell, its zero crossings along γ, and the theoretical boundary. */
import type { AggregateInput, FigureData } from '../../src/pipeline/experiment.js';
import { sHeatmapData } from '../shared/sHeatmap.js';
import { midpoints, type Config, type Params, type Result } from './experiment.js';

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const runs = cells.map(({ cell, result }) => ({ gamma: cell.params.gamma, gammaPrime: cell.params.gammaPrime, m: cell.params.m, rdW: result.rdW, converged: result.status === 'converged' }));
  return { 'luo2021-fig4': sHeatmapData(midpoints(config.gammaEdges), config.gammaEdges, config.gammaPrimes, runs) };
}
