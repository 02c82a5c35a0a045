/** /source/<file>.txt: the source files each figure's data depends on, as built. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { readManifest } from '../../pipeline/manifest';

export const getStaticPaths: GetStaticPaths = () => {
  const files = new Set<string>();
  for (const p of Object.values(readManifest(process.cwd()).figures)) for (const f of [p.definitionFile, ...p.sources]) files.add(f);
  return [...files].sort().map((file) => ({ params: { path: file } }));
};

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(path.join(process.cwd(), params.path!), 'utf8'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
