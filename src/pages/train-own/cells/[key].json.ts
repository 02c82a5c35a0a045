/** /train-own/cells/<key>.json: the stored entry of a cell listed by a "Train your own" catalog (src/components/trainOwn.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../../components/figures';
import type { StoredCell } from '../../../components/rerun';
import { trainOwnCells } from '../../../components/trainOwn';
import { TRAIN_OWN } from '../../../components/trainOwnSpec';

export const getStaticPaths = (async () => {
  const figures = await builtFigures();
  const entries = new Map<string, StoredCell>();
  for (const spec of Object.values(TRAIN_OWN)) for (const { entry } of trainOwnCells(spec, figures)) entries.set(entry.key, entry);
  return [...entries.values()].map((entry) => ({ params: { key: entry.key }, props: { entry } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: StoredCell }> = ({ props }) => {
  const { key, digest, inputs, result } = props.entry;
  return new Response(JSON.stringify({ key, digest, inputs, result }), { headers: { 'Content-Type': 'application/json' } });
};
