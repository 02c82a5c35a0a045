/**
 * /thumbs/<figure>.svg: the first chart of a figure as a standalone SVG file,
 * the thumbnail of the home page's gallery (loaded lazily as an <img>, so the
 * home page itself stays light). Figures drawn as tables only have none.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import { chartView } from '../../components/views';
import { renderPanel } from '../../figures/render';
import type { FigureView } from '../../figures/types';
import type { LoadedFigure } from '../../pipeline/manifest';

export const getStaticPaths = (async () =>
  (await builtFigures())
    .filter((figure) => chartView(figure.provenance.figure, figure))
    .map((figure) => ({ params: { figure: figure.provenance.figure }, props: { figure } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ figure: LoadedFigure }> = ({ props }) => {
  const { provenance, data } = props.figure;
  const view = chartView(provenance.figure, props.figure) as FigureView;
  const first = view.panels(data)[0];
  // a standalone file: the chart alone (the last <svg>: Plot may wrap it in a <figure> after its legends), with its namespace
  const svgs = renderPanel(first, provenance.title).match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
  let svg = svgs.at(-1) ?? '<svg></svg>';
  if (!/^<svg[^>]*\sxmlns=/.test(svg)) svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
};
