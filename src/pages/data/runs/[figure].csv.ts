/**
 * /data/runs/<figure>.csv: the training runs behind a figure, one row per
 * run (cell, seed, cache key, compute time, implementation, commit), the
 * per-run table of the provenance panel as a download (the page shows a
 * summary). /data/<figure>.json holds the same runs under `cells`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { csvFormat } from 'd3-dsv';
import { builtFigures } from '../../../components/figures';
import type { LoadedFigure } from '../../../pipeline/manifest';

export const getStaticPaths = (async () =>
  (await builtFigures()).map((figure) => ({ params: { figure: figure.provenance.figure }, props: { figure } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ figure: LoadedFigure }> = ({ props }) => {
  const rows = props.figure.provenance.cells.map((c) => ({
    cell: c.id,
    seed: c.seed,
    key: c.key,
    computeSeconds: c.computeSeconds,
    implementation: c.implementation ?? '',
    backend: c.backend ?? '',
    commit: c.commit ?? '',
    sourcesAtCommit: c.sourcesAtCommit,
  }));
  const columns = ['cell', 'seed', 'key', 'computeSeconds', 'implementation', 'backend', 'commit', 'sourcesAtCommit'] as const;
  return new Response(`${csvFormat(rows, [...columns])}\n`, { headers: { 'Content-Type': 'text/csv' } });
};
