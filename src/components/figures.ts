/**
 * A figure's data and provenance for a page, from the `figures` content
 * collection (src/content.config.ts). Throws, naming the figure and the page,
 * when the build has no data for it.
 */
import { getCollection, getEntry } from 'astro:content';
import { MANIFEST_FILE, type LoadedFigure } from '../pipeline/manifest';
import { PAGE } from './page';

export async function figureEntry(id: string, page: string): Promise<LoadedFigure> {
  const entry = await getEntry('figures', id);
  if (!entry) {
    if ((await getCollection('figures')).length === 0) {
      throw new Error(
        `figure "${id}" used in page ${page}: the build has no figure data (${MANIFEST_FILE} is missing or lists none): run \`npm run experiments\` (or \`npm run build\`) before building the site`,
      );
    }
    throw new Error(`figure "${id}" used in page ${page} is provided by no experiment (experiments/*/experiment.ts, field figures)`);
  }
  if (!entry.data.ok) throw new Error(entry.data.error.replaceAll(PAGE, page));
  const { build, provenance, data } = entry.data;
  return { build, provenance, data };
}

/** Every figure with data in this build. */
export async function builtFigures(): Promise<LoadedFigure[]> {
  const entries = await getCollection('figures');
  return entries.flatMap((e) => (e.data.ok ? [{ build: e.data.build, provenance: e.data.provenance, data: e.data.data }] : []));
}
