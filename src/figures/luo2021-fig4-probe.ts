/**
 * luo2021-fig4-probe: per setting and γ′, where S_w changes sign along γ near
 * the boundary of Fig. 4 (mean ± standard deviation over seeds where several).
 */
import type { figures } from '../../experiments/luo2021-fig4-probe/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig4-probe']>;

const fixed = (v: number | null, digits = 3) => (v === null ? '–' : (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits).replace('-', '−'));

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'setting', label: 'setting' },
      { key: 'widths', label: 'widths m' },
      { key: 'seeds', label: 'seeds', format: (v) => String(v) },
      { key: 'gamma_prime', label: 'γ′', format: (v) => fixed(v, 1) },
      { key: 'gamma_star', label: 'sign change γ*', format: (v, r) => (r.gamma_star_std === null ? fixed(v) : `${fixed(v)} ± ${fixed(r.gamma_star_std)}`) },
      { key: 'zeros', label: 'zeros per seed' },
      { key: 's_w_near', label: 'S<sub>w</sub> at γ ≈ 0.95', format: (v) => fixed(v) },
      { key: 'not_converged', label: 'not converged', format: (v, r) => `${v} of ${r.runs}` },
    ]),
};
