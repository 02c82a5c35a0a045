/** /data/<figure>.csv: a figure's tidy rows, one row per mark element. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { csvFormat } from 'd3-dsv';
import { figureIds, loadFigure } from '../../pipeline/manifest';

export const getStaticPaths: GetStaticPaths = () => figureIds(process.cwd()).map((figure) => ({ params: { figure } }));

export const GET: APIRoute = ({ params }) => {
  const { data } = loadFigure(process.cwd(), params.figure!, `/data/${params.figure}.csv`);
  const columns = [...new Set(data.rows.flatMap((r) => Object.keys(r)))];
  return new Response(`${csvFormat(data.rows, columns)}\n`, { headers: { 'Content-Type': 'text/csv' } });
};
