/**
 * zhou2022-fig3: the outputs, the data points, and each run's ordered D
 * matrix, block-averaged to at most HEATMAP_CELLS × HEATMAP_CELLS for drawing,
 * as (i, j, d) rows; mean |D| over the drawn pairs from the full matrix.
 */
import { toy1d } from '../../src/engine/data/toy1d.js';
import { downsampleMatrix } from '../../src/engine/metrics/cosineSimilarity.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig3']>;

/** Cells per side of a drawn heatmap (the ordered D is block-averaged to this). */
export const HEATMAP_CELLS = 40;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'zhou2022-fig3': Data } {
  const rows: Data['rows'] = [];
  const values: NonNullable<Data['values']> = {
    gamma2: config.gamma2,
    m: config.m,
    gamma3s: config.gamma3s.join(', '),
    heatmap_rows: Math.min(config.heatmapRows, Math.round(config.m / 2)),
    heatmap_cells: Math.min(HEATMAP_CELLS, config.heatmapRows, Math.round(config.m / 2)),
    top: Math.round(config.m / 2),
    tol: config.protocol.tol,
    ...degenerateCounts(cells.map((c) => c.result)),
  };
  const data = toy1d();
  for (let i = 0; i < data.n; i++) rows.push({ mark: 'data', x: data.x[i], y: data.y[i] });
  for (const { cell, result: r } of [...cells].sort((p, q) => p.cell.params.gamma3 - q.cell.params.gamma3)) {
    const gamma3 = cell.params.gamma3;
    r.curve.x.forEach((x, k) => {
      rows.push({ mark: 'curve', gamma3, x, y: r.curve.y[k] });
    });
    let sum = 0;
    for (let i = 0; i < r.size; i++) for (let j = 0; j < r.size; j++) if (i !== j) sum += Math.abs(r.d[i * r.size + j]);
    const drawn = downsampleMatrix(r.d, r.size, HEATMAP_CELLS);
    for (let i = 0; i < drawn.size; i++) {
      for (let j = 0; j < drawn.size; j++) rows.push({ mark: 'd', gamma3, i, j, d: Number(drawn.data[i * drawn.size + j].toPrecision(3)) });
    }
    const meanAbs = r.size > 1 ? sum / (r.size * (r.size - 1)) : 0;
    rows.push({
      mark: 'run',
      gamma3,
      status: r.status,
      degenerate: degenerateOf(r),
      rd_w1: r.rdW1,
      rd_w2: r.rdW2,
      steps: r.totalSteps,
      size: r.size,
      top: r.top,
      mean_abs_d: meanAbs,
    });
    values[`mean_abs_d@gamma3=${gamma3}`] = meanAbs;
    values[`status@gamma3=${gamma3}`] = r.status;
  }
  return { 'zhou2022-fig3': { rows, values } };
}
