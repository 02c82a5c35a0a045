/**
 * zhou2022 Table 2 under the settings the paper leaves open: one row of each
 * group, per data set, step size (lr0) and RD with or without the biases,
 * the measured S_W1 and S_W2 (mean ± standard deviation over seeds) beside
 * the paper's value; the degenerate runs each fit leaves out.
 */
import type { figures } from '../../experiments/zhou2022-table2-variants/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table2-variants']>;

const fixed = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits).replace('-', '−'));
const withStd = (v: number | null, std: number | null) => (v === null ? '–' : `${fixed(v)} ± ${fixed(std)}`);
const dataLabel = { luo2021: 'x = ±1/2, ±1/6; y = x² (Luo et al. 2021)', teaching: 'x = ±1, ±1/3; y = 0.2 ReLU(|x| − 1/3) (teaching code)' };

export const figure: FigureView<Data> = {
  columns: 1,
  degenerateMark: 'table',
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'table_row', label: 'row (group)', format: (v, r) => `${v} (${r.group})` },
      { key: 'data', label: 'data', format: (v) => dataLabel[v] },
      { key: 'lr0', label: 'lr<sub>0</sub>', format: (v) => String(v) },
      { key: 'biases', label: 'RD', format: (v) => (v === 'with' ? 'with biases' : 'weights only') },
      { key: 's_w1', label: 'S<sub>W1</sub>', format: (v, r) => withStd(v, r.s_w1_std) },
      { key: 'paper_s_w1', label: 'paper', format: (v) => fixed(v, 4) },
      { key: 's_w2', label: 'S<sub>W2</sub>', format: (v, r) => withStd(v, r.s_w2_std) },
      { key: 'paper_s_w2', label: 'paper', format: (v) => fixed(v, 4) },
      { key: 'seeds', label: 'seeds', format: (v) => String(v) },
      { key: 'degenerate', label: 'degenerate runs (left out)', format: (v) => v ?? '–' },
    ]),
};
