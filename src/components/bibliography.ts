/**
 * The papers the site reproduces or cites: one entry per paper, keyed by the
 * paper key the site uses (../shared/papers/README.md), from which both the
 * reference text and the BibTeX entry are made. The list of what each page
 * cites is `PAGE_REFERENCES`. Pure: no Astro imports.
 */

export interface Author {
  family: string;
  given: string;
}

export interface Paper {
  /** the site's key, also the BibTeX key */
  key: string;
  /** BibTeX entry type */
  type: 'article' | 'inproceedings' | 'misc';
  authors: Author[];
  /** as published; braces protect capitals in BibTeX and are dropped in the text */
  title: string;
  /** journal (article) or proceedings (inproceedings) */
  venue?: string;
  /** the venue as the reference text names it */
  venueShort?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  year: number;
  arxiv: string;
  doi?: string;
  /** the publisher's page when there is no DOI */
  url?: string;
  /** how the site's text names it: "Luo et al. (2021)" */
  cite: string;
}

const XU: Author = { family: 'Xu', given: 'Zhi-Qin John' };
const LUO: Author = { family: 'Luo', given: 'Tao' };
const ZHANG: Author = { family: 'Zhang', given: 'Yaoyu' };

export const BIBLIOGRAPHY = {
  luo2021: {
    key: 'luo2021',
    type: 'article',
    authors: [LUO, XU, { family: 'Ma', given: 'Zheng' }, ZHANG],
    title: 'Phase Diagram for Two-layer {ReLU} Neural Networks at Infinite-width Limit',
    venue: 'Journal of Machine Learning Research',
    venueShort: 'J. Mach. Learn. Res.',
    volume: '22',
    issue: '71',
    pages: '1--47',
    year: 2021,
    arxiv: '2007.07497',
    url: 'https://jmlr.org/papers/v22/20-1123.html',
    cite: 'Luo et al. (2021)',
  },
  chen2023: {
    key: 'chen2023',
    type: 'article',
    authors: [{ family: 'Chen', given: 'Zheng-An' }, { family: 'Li', given: 'Yuqing' }, LUO, { family: 'Zhou', given: 'Zhangchen' }, XU],
    title: 'Phase Diagram of Initial Condensation for Two-Layer Neural Networks',
    venue: 'CSIAM Transactions on Applied Mathematics',
    venueShort: 'CSIAM Trans. Appl. Math.',
    volume: '5',
    issue: '3',
    pages: '448--514',
    year: 2024,
    arxiv: '2303.06561',
    doi: '10.4208/csiam-am.SO-2023-0016',
    cite: 'Chen et al. (2024)',
  },
  zhou2022: {
    key: 'zhou2022',
    type: 'inproceedings',
    authors: [{ family: 'Zhou', given: 'Hanxu' }, { family: 'Zhou', given: 'Qixuan' }, { family: 'Jin', given: 'Zhenyuan' }, LUO, ZHANG, XU],
    title: 'Empirical Phase Diagram for Three-layer Neural Networks with Infinite Width',
    venue: 'Advances in Neural Information Processing Systems',
    venueShort: 'NeurIPS',
    volume: '35',
    year: 2022,
    arxiv: '2205.12101',
    cite: 'Zhou et al. (2022)',
  },
  chen2024: {
    key: 'chen2024',
    type: 'misc',
    authors: [{ family: 'Chen', given: 'Zheng-An' }, LUO],
    title: 'On the dynamics of three-layer neural networks: initial condensation',
    year: 2024,
    arxiv: '2402.15958',
    cite: 'Chen and Luo (2024)',
  },
  e2020: {
    key: 'e2020',
    type: 'article',
    authors: [
      { family: 'E', given: 'Weinan' },
      { family: 'Ma', given: 'Chao' },
      { family: 'Wu', given: 'Lei' },
    ],
    title:
      'A comparative analysis of optimization and generalization properties of two-layer neural network and random feature models under gradient descent dynamics',
    venue: 'Science China Mathematics',
    venueShort: 'Sci. China Math.',
    volume: '63',
    issue: '7',
    pages: '1235--1258',
    year: 2020,
    arxiv: '1904.04326',
    doi: '10.1007/s11425-019-1628-5',
    cite: 'E et al. (2020)',
  },
  zhou2022initial: {
    key: 'zhou2022initial',
    type: 'inproceedings',
    authors: [{ family: 'Zhou', given: 'Hanxu' }, { family: 'Zhou', given: 'Qixuan' }, LUO, ZHANG, XU],
    title: 'Towards Understanding the Condensation of Neural Networks at Initial Training',
    venue: 'Advances in Neural Information Processing Systems',
    venueShort: 'NeurIPS',
    volume: '35',
    year: 2022,
    arxiv: '2105.11686',
    cite: 'Zhou, Zhou, Luo, Zhang, Xu (2022)',
  },
} satisfies Record<string, Paper>;

export type PaperKey = keyof typeof BIBLIOGRAPHY;

/** The papers the site has pages for, in the order the home page lists its references. */
export const SITE_PAPERS: PaperKey[] = ['luo2021', 'chen2023', 'zhou2022', 'chen2024'];

/**
 * The papers each page cites besides its own paper (the frontmatter's
 * `paper`), by page id (content/<id>.mdx). Keep in step with the text.
 */
export const PAGE_REFERENCES: Record<string, PaperKey[]> = {
  introduction: ['luo2021', 'zhou2022', 'zhou2022initial'],
  luo2021: ['e2020'],
  chen2023: ['luo2021', 'zhou2022initial'],
  zhou2022: ['luo2021'],
  chen2024: ['chen2023'],
};

export function isPaperKey(key: string): key is PaperKey {
  return Object.hasOwn(BIBLIOGRAPHY, key);
}

/** The references of a page: its own paper first, then what it cites, each once. */
export function pageReferences(pageId: string, paper?: string): Paper[] {
  const keys = [...(paper ? [paper] : []), ...(PAGE_REFERENCES[pageId] ?? [])];
  return [...new Set(keys)].map((key) => {
    if (!isPaperKey(key)) throw new Error(`page ${pageId} cites "${key}", which src/components/bibliography.ts does not have`);
    return BIBLIOGRAPHY[key];
  });
}

/** "Zhi-Qin John" → "Z.-Q. J." */
export function initials(given: string): string {
  return given
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word
        .split('-')
        .map((part) => `${part[0]}.`)
        .join('-'),
    )
    .join(' ');
}

const plain = (s: string) => s.replace(/[{}]/g, '');

/** The reference as the site prints it: "T. Luo, Z.-Q. J. Xu, … Title. Venue 22(71):1–47, 2021." */
export function referenceText(p: Paper): string {
  const authors = p.authors.map((a) => `${initials(a.given)} ${a.family}`).join(', ');
  let where = '';
  if (p.venueShort) {
    where = p.venueShort;
    if (p.volume && p.type === 'article') where += ` ${p.volume}${p.issue ? `(${p.issue})` : ''}${p.pages ? `:${p.pages.replace('--', '–')}` : ''}`;
    where += `, ${p.year}.`;
  } else {
    where = `Preprint, ${p.year}.`;
  }
  return `${authors}. ${plain(p.title)}. ${where}`;
}

export const arxivUrl = (p: Paper) => `https://arxiv.org/abs/${p.arxiv}`;
export const doiUrl = (p: Paper) => (p.doi ? `https://doi.org/${p.doi}` : undefined);

/** The BibTeX entry of a paper. */
export function bibtex(p: Paper): string {
  const fields: [string, string | undefined][] = [
    ['author', p.authors.map((a) => `${a.family}, ${a.given}`).join(' and ')],
    ['title', p.title],
    [p.type === 'article' ? 'journal' : 'booktitle', p.type === 'misc' ? undefined : p.venue],
    ['volume', p.volume],
    ['number', p.issue],
    ['pages', p.pages],
    ['year', String(p.year)],
    ['doi', p.doi],
    ['url', p.url ?? (p.doi ? undefined : arxivUrl(p))],
    ['eprint', p.arxiv],
    ['archivePrefix', 'arXiv'],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([name, value]) => `  ${name} = {${value}},`)
    .join('\n');
  return `@${p.type}{${p.key},\n${body}\n}`;
}
