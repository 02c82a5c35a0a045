/** luo2021 Table 1: the schemes' scales, κ, κ' and coordinates, asymptotic and at finite m. */
import type { figures } from '../../experiments/luo2021-schemes/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { coordinate as coord, scale as num, powers } from './shared/format.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-table1']>;

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'scheme', label: 'scheme', format: (v) => powers(v) },
      { key: 'm', label: 'm', format: num },
      { key: 'alpha', label: 'α', format: num },
      { key: 'beta1', label: 'β<sub>1</sub>', format: num },
      { key: 'beta2', label: 'β<sub>2</sub>', format: num },
      { key: 'kappa', label: 'κ', format: num },
      { key: 'kappaPrime', label: 'κ′', format: num },
      { key: 'gammaAtM', label: '−log κ / log m', format: coord },
      { key: 'gammaPrimeAtM', label: '−log κ′ / log m', format: coord },
      { key: 'gamma', label: 'γ (m → ∞)', format: coord },
      { key: 'gammaPrime', label: 'γ′ (m → ∞)', format: coord },
    ]),
};
