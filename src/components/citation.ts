/**
 * How to cite this site: the values of CITATION.cff (at the repository's
 * root; test/site/bibliography.test.ts checks that the two agree) and the BibTeX
 * entry that the home page shows. Pure: no Astro imports.
 */

export const SITE_CITATION = {
  title: 'condensation-companion',
  /** an entity, not persons: CITATION.cff `authors: - name: …` */
  author: 'The condensation-companion authors',
  /** the subtitle of the BibTeX title */
  description: 'Reproducible figures for the papers on condensation and phase diagrams of neural networks',
} as const;

export interface SiteBuild {
  /** package.json version */
  version: string;
  /** year of the build */
  year: number;
  /** where the site is published (Astro's `site` and base), when known */
  url?: string;
  /** the repository's web address, when known */
  repository?: string;
  /** the commit the site was built from, when known */
  commit?: string | null;
}

/** The site's BibTeX entry (@misc: understood by BibTeX and biblatex alike). */
export function siteBibtex(build: SiteBuild): string {
  const notes = [`Version ${build.version}`];
  if (build.commit) notes.push(`commit ${build.commit.slice(0, 12)}`);
  const fields: [string, string | undefined][] = [
    ['author', `{${SITE_CITATION.author}}`],
    ['title', `{${SITE_CITATION.title}}: ${SITE_CITATION.description}`],
    ['year', String(build.year)],
    ['howpublished', build.url ?? build.repository],
    ['url', build.url ?? build.repository],
    ['note', notes.join(', ')],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([name, value]) => `  ${name} = {${value}},`)
    .join('\n');
  return `@misc{condensation-companion,\n${body}\n}`;
}
