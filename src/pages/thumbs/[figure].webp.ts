/**
 * /thumbs/<figure>.webp: the first chart of a figure as a small WebP made at build time
 * (src/components/raster.ts), the thumbnail of the home page's gallery (loaded lazily as an <img>).
 * A raster rather than the chart's SVG: the browser decodes an SVG image on the page's main thread,
 * styling and laying out each of its marks (14,000 dots for luo2021 Fig. 6), which made the home page
 * slow; the 26 WebP files weigh 0.4 MB where the SVG weighed 1.8 MB. Figures drawn as tables only have none.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import { thumbnailWebp } from '../../components/raster';
import { chartView } from '../../components/views';
import { renderPanel } from '../../figures/render';
import type { FigureView } from '../../figures/types';
import type { LoadedFigure } from '../../pipeline/manifest';

/** The size (device px) a thumbnail fits in: the gallery's box is 170 CSS px high, ×2.65 for phones' screens. */
const THUMB_BOX = { width: 640, height: 452 };

export const getStaticPaths = (async () =>
  (await builtFigures())
    .filter((figure) => chartView(figure.provenance.figure, figure))
    .map((figure) => ({ params: { figure: figure.provenance.figure }, props: { figure } }))) satisfies GetStaticPaths;

/** The chart alone as a standalone SVG (the last <svg>: Plot may wrap it in a <figure> after its legends), with its namespace. */
function standaloneSvg(figure: LoadedFigure): string {
  const { provenance, data } = figure;
  const view = chartView(provenance.figure, figure) as FigureView;
  const first = view.panels(data)[0];
  const svgs = renderPanel(first, provenance.title).match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
  let svg = svgs.at(-1) ?? '<svg></svg>';
  if (!/^<svg[^>]*\sxmlns=/.test(svg)) svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return svg;
}

export const GET: APIRoute<{ figure: LoadedFigure }> = async ({ props }) => {
  const id = props.figure.provenance.figure;
  const webp = await thumbnailWebp(standaloneSvg(props.figure), `thumbnail of ${id}`, THUMB_BOX);
  return new Response(webp, { headers: { 'Content-Type': 'image/webp' } });
};
