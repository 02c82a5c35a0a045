/** luo2021 Fig. 5: the S_w heatmap on MNIST, drawn like Fig. 4 (src/figures/shared/sHeatmap.ts). */
import type { figures } from '../../experiments/luo2021-fig5/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { sHeatmap } from './shared/sHeatmap.js';
import type { FigureView } from './types.js';

export const figure: FigureView<FigureDataOf<(typeof figures)['luo2021-fig5']>> = {
  columns: 1,
  degenerateMark: 'cell',
  panels: (data) => [{ options: sHeatmap(data, { id: 'luo2021-fig5' }) }],
};
