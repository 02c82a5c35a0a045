/** /train-own/<page>.json: what the "Train your own" island of a page reads when opened (src/components/trainOwn.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import { type TrainOwnCatalog, trainOwnCatalog } from '../../components/trainOwn';
import { TRAIN_OWN } from '../../components/trainOwnSpec';

export const getStaticPaths = (async () => {
  const figures = await builtFigures();
  return Object.keys(TRAIN_OWN).flatMap((page) => {
    const catalog = trainOwnCatalog(page, figures);
    return catalog ? [{ params: { page }, props: { catalog } }] : [];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ catalog: TrainOwnCatalog }> = ({ props }) =>
  new Response(JSON.stringify(props.catalog), { headers: { 'Content-Type': 'application/json' } });
