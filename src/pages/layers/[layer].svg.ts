/**
 * /layers/<figure>-<panel>-<layer>.svg: a dense scatter of a figure's chart as
 * a standalone SVG, which the chart on the page draws with an SVG <image>
 * (src/figures/render.ts, layeredPanel) from its PNG (./[layer].png.ts): the
 * page's HTML stays light. The vector file is the group's `data-layer-svg`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import { layerName, pagePanels } from '../../components/panels';
import { chartView } from '../../components/views';

export const getStaticPaths = (async () =>
  (await builtFigures())
    .filter((figure) => chartView(figure.provenance.figure, figure))
    .flatMap((figure) =>
      pagePanels(figure.provenance.figure, figure).flatMap((panel, k) =>
        panel.layers.map((svg, j) => ({ params: { layer: layerName(figure.provenance.figure, k, j) }, props: { svg } })),
      ),
    )) satisfies GetStaticPaths;

export const GET: APIRoute<{ svg: string }> = ({ props }) => new Response(props.svg, { headers: { 'Content-Type': 'image/svg+xml' } });
