/** luo2021 Table 1: the schemes' scales, κ, κ' and coordinates, asymptotic and at finite m. */
import type { figures } from '../../experiments/luo2021-schemes/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-table1']>;

/** A scale: exponential notation when very large or small, else 4 significant digits. */
const num = (v: number) => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString());
/** A coordinate, to 3 decimals. */
const coord = (v: number) => Number(v.toFixed(3)).toString();

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'scheme', label: 'scheme' },
      { key: 'm', label: 'm', format: (v) => v.toLocaleString('en-US') },
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
