/** /data/<figure>.json: a figure's tidy rows with what made them. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../components/figures';
import type { LoadedFigure } from '../../pipeline/manifest';

export const getStaticPaths = (async () =>
  (await builtFigures()).map((figure) => ({ params: { figure: figure.provenance.figure }, props: { figure } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ figure: LoadedFigure }> = ({ props }) => {
  const { build, provenance: p, data } = props.figure;
  const body = {
    figure: p.figure,
    title: p.title,
    experiment: p.experiment,
    key: p.aggregateKey,
    commit: build.commit,
    profile: p.profile,
    config: p.config,
    sourcesHash: p.sourcesHash,
    sourcesAtBuildCommit: p.sourcesAtBuildCommit,
    cells: p.cells.map(({ id, seed, key, backend, implementation, computeSeconds, commit, sourcesAtCommit }) => ({
      id,
      seed,
      key,
      backend,
      implementation,
      computeSeconds,
      commit,
      sourcesAtCommit,
    })),
    packages: p.packages,
    tensorflow: p.tensorflow,
    values: data.values ?? {},
    rows: data.rows,
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
