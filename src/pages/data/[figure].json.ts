/** /data/<figure>.json: a figure's tidy rows with what made them. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { figureIds, loadFigure } from '../../pipeline/manifest';

export const getStaticPaths: GetStaticPaths = () => figureIds(process.cwd()).map((figure) => ({ params: { figure } }));

export const GET: APIRoute = ({ params }) => {
  const { build, provenance: p, data } = loadFigure(process.cwd(), params.figure!, `/data/${params.figure}.json`);
  const body = {
    figure: p.figure,
    title: p.title,
    experiment: p.experiment,
    key: p.aggregateKey,
    commit: build.commit,
    profile: p.profile,
    config: p.config,
    cells: p.cells.map(({ id, seed, key, backend, computeSeconds }) => ({ id, seed, key, backend, computeSeconds })),
    packages: p.packages,
    values: data.values ?? {},
    rows: data.rows,
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
