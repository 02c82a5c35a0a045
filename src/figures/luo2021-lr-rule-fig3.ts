/** luo2021-lr-rule: S_w of Fig. 3 under this reproduction's learning-rate rule and the authors'. */
import type { figures } from '../../experiments/luo2021-lr-rule/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-lr-rule-fig3']>;

const fixed = (v: number | null, digits = 3) => (v === null ? '–' : (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits).replace('-', '−'));
const init = (p: number) => (p === 0 ? '1' : p === 0.5 ? '1/√m' : `m^−${p}`);

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'p', label: 'β<sub>1</sub> = β<sub>2</sub>', format: init },
      { key: 'gamma', label: 'γ', format: (v) => fixed(v, 2) },
      { key: 's_w_stiffness', label: 'S<sub>w</sub>, lr ∝ min(α, α²/(mβ<sub>1</sub>β<sub>2</sub>))', format: (v) => fixed(v) },
      { key: 's_w_code', label: 'S<sub>w</sub>, lr ∝ α√(β<sub>1</sub>β<sub>2</sub>) (code)', format: (v) => fixed(v) },
      { key: 'delta', label: 'difference', format: (v) => fixed(v) },
      { key: 'lr_ratio', label: 'step ratio at the widest m', format: (v) => (v === null ? '–' : v.toPrecision(2)) },
      { key: 'steps_code', label: 'most steps (code)', format: (v) => String(v) },
      { key: 'not_converged', label: 'not converged', format: (v) => String(v) },
    ]),
};
