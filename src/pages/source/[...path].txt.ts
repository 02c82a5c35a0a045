/** /source/<file>.txt: the source files each figure's data depends on, as built (the `sources` collection). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';

export const getStaticPaths = (async () =>
  (await getCollection('sources')).map((entry) => ({ params: { path: entry.id }, props: { text: entry.body ?? '' } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: string }> = ({ props }) => new Response(props.text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
