/** /data/<figure>.csv: a figure's tidy rows, one row per mark element. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { csvFormat } from 'd3-dsv';
import { builtFigures } from '../../components/figures';
import type { LoadedFigure } from '../../pipeline/manifest';

export const getStaticPaths = (async () =>
  (await builtFigures()).map((figure) => ({ params: { figure: figure.provenance.figure }, props: { figure } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ figure: LoadedFigure }> = ({ props }) => {
  const { rows } = props.figure.data;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return new Response(`${csvFormat(rows, columns)}\n`, { headers: { 'Content-Type': 'text/csv' } });
};
