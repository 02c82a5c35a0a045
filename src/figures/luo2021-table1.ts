/** luo2021 Table 1: the schemes' scales, κ, κ' and coordinates, asymptotic and at finite m. */
import type { FigureData, Row } from '../pipeline/experiment.js';
import type { FigureView } from './types.js';

const num = (v: Row[string]) => (typeof v === 'number' ? (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString()) : String(v));
const coord = (v: Row[string]) => (typeof v === 'number' ? Number(v.toFixed(3)).toString() : String(v));

export const figure: FigureView = {
  columns: 1,
  panels: () => [],
  table: (data: FigureData) => ({
    columns: [
      { key: 'scheme', label: 'scheme' },
      { key: 'm', label: 'm', format: (v) => Number(v).toLocaleString('en-US') },
      { key: 'alpha', label: 'α', format: num },
      { key: 'beta1', label: 'β<sub>1</sub>', format: num },
      { key: 'beta2', label: 'β<sub>2</sub>', format: num },
      { key: 'kappa', label: 'κ', format: num },
      { key: 'kappaPrime', label: 'κ′', format: num },
      { key: 'gammaAtM', label: '−log κ / log m', format: coord },
      { key: 'gammaPrimeAtM', label: '−log κ′ / log m', format: coord },
      { key: 'gamma', label: 'γ (m → ∞)', format: coord },
      { key: 'gammaPrime', label: 'γ′ (m → ∞)', format: coord },
    ],
    rows: data.rows.filter((r) => r.mark === 'row'),
  }),
};
