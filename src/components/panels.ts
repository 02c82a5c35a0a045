/**
 * The charts of a figure as the page draws them (src/figures/render.ts,
 * layeredPanel): markup with dense scatters moved into layer files served at
 * /layers/<figure>-<panel>-<layer>.svg and drawn from their PNG, .png beside it
 * (src/pages/layers/). Rendered once per
 * figure data, for the figure component and the layer route alike.
 */
import { type LayeredPanel, layeredPanel } from '../figures/render';
import type { LoadedFigure } from '../pipeline/manifest';
import { href } from './links';
import { chartView, viewOf } from './views';

export interface PagePanel extends LayeredPanel {
  title?: string;
}

/** Keyed by the figure's data object: new data (astro dev reloads it) is drawn anew. */
const rendered = new WeakMap<object, PagePanel[]>();

/** The file name (under /layers/) of layer `layer` of panel `panel` of figure `id`. */
export const layerName = (id: string, panel: number, layer: number) => `${id}-${panel + 1}-${layer + 1}`;

export function pagePanels(id: string, figure: LoadedFigure): PagePanel[] {
  let panels = rendered.get(figure.data);
  if (!panels) {
    const view = viewOf(id);
    if (!view) throw new Error(`figure "${id}" has no drawing: src/figures/${id}.ts is missing`);
    panels = view.panels(figure.data).map((panel, k) => ({
      title: panel.title,
      // drawn from a PNG of the layer (a raster image is decoded off the page's main thread); its SVG is served beside it
      ...layeredPanel(
        panel,
        (j) => href(`layers/${layerName(id, k, j)}.png`),
        (j) => href(`layers/${layerName(id, k, j)}.svg`),
      ),
    }));
    rendered.set(figure.data, panels);
  }
  return panels;
}

/** One static path per layer file of the charted figures: the routes /layers/<…>.svg and .png (src/pages/layers/). */
export const layerPaths = (figures: LoadedFigure[]) =>
  figures
    .filter((figure) => chartView(figure.provenance.figure, figure))
    .flatMap((figure) =>
      pagePanels(figure.provenance.figure, figure).flatMap((panel, k) =>
        panel.layers.map((svg, j) => ({ params: { layer: layerName(figure.provenance.figure, k, j) }, props: { svg } })),
      ),
    );
