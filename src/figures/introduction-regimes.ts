/** The common two-layer schemes at their limit coordinates (γ, γ′) and the regime luo2021's theorems give there. */
import type { figures } from '../../experiments/introduction-regimes/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { coordinate, powers } from './shared/format.js';
import { tableOf } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['introduction-regimes']>;

export const figure: FigureView<Data> = {
  columns: 1,
  panels: () => [],
  table: (data) =>
    tableOf(data.rows, [
      { key: 'scheme', label: 'scheme', format: (v) => powers(v) },
      { key: 'gamma', label: 'γ', format: coordinate },
      { key: 'gammaPrime', label: 'γ′', format: coordinate },
      { key: 'regime', label: 'regime (two layers)' },
    ]),
};
