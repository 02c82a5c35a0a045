/**
 * /rerun/<experiment>/all.json: the keys of the cells that "all N cells"
 * re-runs (src/components/rerun.ts rerunOffer), in cell order, for the
 * island (src/components/islands/rerun.ts); kept out of the page, where a
 * figure of 120 cells would carry 120 keys.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { builtFigures } from '../../../components/figures';
import { rerunOffer, rerunPlan } from '../../../components/rerun';

export const getStaticPaths = (async () => {
  const paths = new Map<string, { params: { experiment: string }; props: { keys: string[] } }>();
  for (const figure of await builtFigures()) {
    const plan = rerunPlan(figure);
    const all = plan ? rerunOffer(plan).all : [];
    if (plan && all.length > 0) paths.set(plan.experiment, { params: { experiment: plan.experiment }, props: { keys: all.map((c) => c.key) } });
  }
  return [...paths.values()];
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ keys: string[] }> = ({ props }) =>
  new Response(JSON.stringify({ keys: props.keys }), { headers: { 'Content-Type': 'application/json' } });
