/** luo2021-fig5: the MNIST S_w heatmap (same construction as Fig. 4, uniform γ grid). */
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { rdRuns, sHeatmapData } from '../shared/sHeatmap.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig5']>;

/** Edges of cells centred on an evenly spaced grid (half a step beyond each end), to 6 decimals. */
export function centredEdges(g: number[]): number[] {
  const half = (g[1] - g[0]) / 2;
  return [...g.map((v) => Number((v - half).toFixed(6))), Number((g.at(-1)! + half).toFixed(6))];
}

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-fig5': Data } {
  const runs = rdRuns(cells);
  const { rows, values } = sHeatmapData(config.gammas, centredEdges(config.gammas), config.gammaPrimes, runs);
  return { 'luo2021-fig5': { rows, values: { ...values, n: config.n, scaling: config.scaling, tol: config.protocol.tol } } };
}
