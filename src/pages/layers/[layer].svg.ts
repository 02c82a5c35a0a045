/**
 * /layers/<figure>-<panel>-<layer>.svg: a dense scatter of a figure's chart as
 * a standalone SVG, which the chart on the page draws with an SVG <image>
 * (src/figures/render.ts, layeredPanel) from its PNG (./[layer].png.ts): the
 * page's HTML stays light. The vector file is the group's `data-layer-svg`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import { layerPaths } from '../../components/panels';

export const getStaticPaths = (async () => layerPaths(await builtFigures())) satisfies GetStaticPaths;

export const GET: APIRoute<{ svg: string }> = ({ props }) => new Response(props.svg, { headers: { 'Content-Type': 'image/svg+xml' } });
