/** The drawing of each figure (src/figures/<id>.ts), for the figure component, the thumbnails and the gallery. */
import type { FigureView } from '../figures/types';
import type { LoadedFigure } from '../pipeline/manifest';

const views = import.meta.glob<{ figure: FigureView }>('../figures/*.ts', { eager: true });

/** The view of figure `id`, or undefined when src/figures/<id>.ts is missing. */
export function viewOf(id: string): FigureView | undefined {
  return views[`../figures/${id}.ts`]?.figure;
}

/** The view of a figure that draws at least one chart (not a table only), or undefined. */
export function chartView(id: string, figure: LoadedFigure): FigureView | undefined {
  const view = viewOf(id);
  return view && view.panels(figure.data).length > 0 ? view : undefined;
}
