/** luo2021 Fig. 5: the S_w heatmap on MNIST, drawn like Fig. 4. */
import type { FigureView } from './types.js';
import { sHeatmap } from './luo2021-fig4.js';

export const figure: FigureView = {
  columns: 1,
  panels: (data) => [{ options: sHeatmap(data) }],
};
