/** luo2021-fig5: the MNIST S_w heatmap (same construction as Fig. 4, uniform γ grid). */
import type { AggregateInput, FigureData } from '../../src/pipeline/experiment.js';
import { sHeatmapData } from '../shared/sHeatmap.js';
import type { Config, Params, Result } from './experiment.js';

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const runs = cells.map(({ cell, result }) => ({ gamma: cell.params.gamma, gammaPrime: cell.params.gammaPrime, m: cell.params.m, rdW: result.rdW, converged: result.status === 'converged' }));
  const g = config.gammas;
  const half = (g[1] - g[0]) / 2;
  const edges = [...g.map((v) => Number((v - half).toFixed(6))), Number((g.at(-1)! + half).toFixed(6))];
  const data = sHeatmapData(g, edges, config.gammaPrimes, runs);
  data.values = { ...data.values, n: config.n, scaling: config.scaling, tol: config.tol };
  return { 'luo2021-fig5': data };
}
