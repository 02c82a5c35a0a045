/**
 * A page's index as remarkPageIndex.ts makes it (its figures numbered "Figure N" in the order of the
 * MDX source), for the parts of the site that list or name the figures of pages from elsewhere: the
 * home gallery and the claims tables.
 */
import { type CollectionEntry, getCollection, render } from 'astro:content';
import { PAGE_INDEX_KEY, type PageIndex } from './remarkPageIndex';

/** The index of `page` (undefined when the remark plugin did not run on it). */
export async function pageIndex(page: CollectionEntry<'pages'>): Promise<PageIndex | undefined> {
  return (await render(page)).remarkPluginFrontmatter[PAGE_INDEX_KEY] as PageIndex | undefined;
}

let numbers: Promise<Map<string, number>> | undefined;

const key = (page: string, figure: string) => `${page}\u0000${figure}`;

async function load(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const page of await getCollection('pages')) {
    for (const { id, number } of (await pageIndex(page))?.figures ?? []) if (id) out.set(key(page.id, id), number);
  }
  return out;
}

/** The number of figure `figure` on page `page`, or undefined when the page does not show it. */
export async function figureNumberOn(page: string, figure: string): Promise<number | undefined> {
  // astro dev: read anew, as pages are edited
  if (!numbers || import.meta.env.DEV) numbers = load();
  return (await numbers).get(key(page, figure));
}
