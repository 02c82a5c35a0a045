/**
 * The figure numbers of every page ("Figure N" in the order of its MDX source, as remarkPageIndex.ts
 * numbers them), keyed by page id and figure id: for the parts of the site that name a figure of a
 * page from elsewhere (the claims tables).
 */
import { getCollection, render } from 'astro:content';
import { PAGE_INDEX_KEY, type PageIndex } from './remarkPageIndex';

let numbers: Promise<Map<string, number>> | undefined;

const key = (page: string, figure: string) => `${page}\u0000${figure}`;

async function load(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const page of await getCollection('pages')) {
    const index = (await render(page)).remarkPluginFrontmatter[PAGE_INDEX_KEY] as PageIndex | undefined;
    for (const { id, number } of index?.figures ?? []) if (id) out.set(key(page.id, id), number);
  }
  return out;
}

/** The number of figure `figure` on page `page`, or undefined when the page does not show it. */
export async function figureNumberOn(page: string, figure: string): Promise<number | undefined> {
  // astro dev: read anew, as pages are edited
  if (!numbers || import.meta.env.DEV) numbers = load();
  return (await numbers).get(key(page, figure));
}
