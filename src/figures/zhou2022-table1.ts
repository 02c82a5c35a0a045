/** zhou2022 Table 1: the three-layer schemes' scales, κ2, κ3 and coordinates, asymptotic and at finite m. */
import type { figures } from '../../experiments/zhou2022-schemes/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { coordinate as coord, scale as num } from './shared/format.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table1']>;

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'scheme', label: 'scheme', format: (v, row) => (row.inPaper ? v : `${v} (added here)`) },
      { key: 'm', label: 'm', format: num },
      { key: 'alpha', label: 'α', format: num },
      { key: 'beta1', label: 'β<sub>1</sub>', format: num },
      { key: 'beta2', label: 'β<sub>2</sub>', format: num },
      { key: 'beta3', label: 'β<sub>3</sub>', format: num },
      { key: 'kappa2', label: 'κ<sub>2</sub>', format: num },
      { key: 'kappa3', label: 'κ<sub>3</sub>', format: num },
      { key: 'gamma2AtM', label: '−log κ<sub>2</sub> / log m', format: coord },
      { key: 'gamma3AtM', label: '−log κ<sub>3</sub> / log m', format: coord },
      { key: 'gamma2', label: 'γ<sub>2</sub> (m → ∞)', format: coord },
      { key: 'gamma3', label: 'γ<sub>3</sub> (m → ∞)', format: coord },
    ]),
};
