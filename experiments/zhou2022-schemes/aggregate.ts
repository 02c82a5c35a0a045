/** zhou2022 Table 1 rows. */
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Table = FigureDataOf<(typeof figures)['zhou2022-table1']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'zhou2022-table1': Table } {
  const all = cells[0].result.rows;
  return {
    'zhou2022-table1': {
      rows: all.map((r) => ({ mark: 'row', ...r })),
      values: { widths: config.widths.join(', '), d: config.d, d_out: config.dOut, schemes: new Set(all.map((r) => r.scheme)).size },
    },
  };
}
