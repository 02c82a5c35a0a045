/** luo2021-lr-rule: the sign changes of S_w of Fig. 4 under this reproduction's learning-rate rule and the authors'. */
import type { figures } from '../../experiments/luo2021-lr-rule/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-lr-rule-fig4']>;

const fixed = (v: number | null, digits = 3) => (v === null ? '–' : (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits).replace('-', '−'));

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'gamma_prime', label: 'γ′', format: (v) => fixed(v, 1) },
      { key: 'boundary', label: 'boundary γ', format: (v) => fixed(v, 2) },
      { key: 'stars_stiffness', label: 'sign change, lr ∝ min(α, α²/(mβ<sub>1</sub>β<sub>2</sub>))' },
      { key: 'stars_code', label: 'sign change, lr ∝ α√(β<sub>1</sub>β<sub>2</sub>) (code)' },
      { key: 'max_delta', label: 'largest |ΔS<sub>w</sub>| in the row', format: (v) => fixed(v) },
      { key: 'not_converged', label: 'not converged', format: (v) => String(v) },
    ]),
};
