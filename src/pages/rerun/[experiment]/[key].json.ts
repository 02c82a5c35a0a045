/**
 * /rerun/<experiment>/<key>.json: the stored entry of a cell the reader can
 * re-run in the browser (src/components/rerun.ts), once per experiment (the
 * figures of one experiment share its cells).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../../components/figures';
import { rerunEntries, type StoredCell } from '../../../components/rerun';

export const getStaticPaths = (async () => {
  const paths = new Map<string, { params: { experiment: string; key: string }; props: { entry: StoredCell } }>();
  for (const figure of await builtFigures()) {
    const experiment = figure.provenance.experiment;
    for (const entry of rerunEntries(figure)) paths.set(`${experiment}/${entry.key}`, { params: { experiment, key: entry.key }, props: { entry } });
  }
  return [...paths.values()];
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: StoredCell }> = ({ props }) => {
  const { key, digest, inputs, result } = props.entry;
  return new Response(JSON.stringify({ key, digest, inputs, result }), { headers: { 'Content-Type': 'application/json' } });
};
