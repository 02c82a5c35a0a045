/** Links inside the site, under Astro's base path. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

/** Where the site serves a copy of a project source file. */
export function sourceHref(file: string): string {
  return href(`source/${file}.txt`);
}
