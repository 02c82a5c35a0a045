/**
 * /layers/<figure>-<panel>-<layer>.png: the layer file /layers/<…>.svg (a dense scatter of a figure's
 * chart) as a palette PNG at twice the chart's size (src/components/raster.ts). The chart on the page draws
 * this one (src/components/panels.ts): the browser decodes an SVG image on the page's main thread, styling
 * and laying out each of its thousands of marks as the page loads, and a PNG off it.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import { layerPaths } from '../../components/panels';
import { layerPng } from '../../components/raster';

export const getStaticPaths = (async () => layerPaths(await builtFigures())) satisfies GetStaticPaths;

export const GET: APIRoute<{ svg: string }> = async ({ params, props }) =>
  new Response(await layerPng(props.svg, `layer ${params.layer}`), { headers: { 'Content-Type': 'image/png' } });
