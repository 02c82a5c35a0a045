/** /rerun/<figure>/<key>.json: the stored entry of a cell the reader can re-run in the browser (src/components/rerun.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../../components/figures';
import { rerunEntries, type StoredCell } from '../../../components/rerun';

export const getStaticPaths = (async () =>
  (await builtFigures()).flatMap((figure) =>
    rerunEntries(figure).map((entry) => ({ params: { figure: figure.provenance.figure, key: entry.key }, props: { entry } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: StoredCell }> = ({ props }) => {
  const { key, digest, inputs, result } = props.entry;
  return new Response(JSON.stringify({ key, digest, inputs, result }), { headers: { 'Content-Type': 'application/json' } });
};
