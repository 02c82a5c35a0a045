/**
 * Figure numbering (src/components/figureNumber.ts) and the remark plugin that
 * numbers the <Figure>s of a page and indexes its headings and math
 * (src/components/remarkPageIndex.ts). No build: MDX is compiled in memory,
 * nothing is written.
 */
import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { figureLabel, paperNumber, paperNumberLabel } from '../../src/components/figureNumber.js';
import remarkPageIndex, { indexPage, PAGE_INDEX_KEY, type PageIndex } from '../../src/components/remarkPageIndex.js';

describe('paper numbers from figure ids', () => {
  it('reads <paper>-figK and <paper>-tableK', () => {
    expect(paperNumberLabel('luo2021-fig4')).toBe('paper: Fig. 4');
    expect(paperNumberLabel('zhou2022-table2')).toBe('paper: Table 2');
    expect(paperNumberLabel('luo2021-fig12')).toBe('paper: Fig. 12');
    expect(paperNumber('luo2021-table1')).toEqual({ paper: 'luo2021', kind: 'table', number: '1', label: 'Table 1' });
    expect(paperNumber('chen2024-fig3b')).toEqual({ paper: 'chen2024', kind: 'figure', number: '3b', label: 'Fig. 3b' });
  });

  it('gives nothing for ids without a number', () => {
    for (const id of ['chen2023-phase', 'chen2023-condensation', 'zhou2022-fig-something', 'zhou2022-grid', 'luo2021-fig', 'fig2', 'luo2021-fig2-extra', ''])
      expect(paperNumberLabel(id), id).toBeUndefined();
  });

  it('labels the page number', () => {
    expect(figureLabel(3)).toBe('Figure 3');
  });
});

/** A tiny mdast: a heading with math, figures at two levels, a nested heading. */
const tree = () => ({
  type: 'root',
  children: [
    { type: 'heading', depth: 2, children: [{ type: 'text', value: 'The model' }] },
    { type: 'mdxJsxFlowElement', name: 'Figure', attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: 'luo2021-fig2' }], children: [] },
    {
      type: 'heading',
      depth: 2,
      children: [
        { type: 'text', value: 'Table 2: the same ' },
        { type: 'inlineMath', value: '(\\gamma_2, \\gamma_3)' },
        { type: 'emphasis', children: [{ type: 'text', value: ', different' }] },
      ],
    },
    {
      type: 'blockquote',
      children: [
        {
          type: 'mdxJsxFlowElement',
          name: 'Figure',
          attributes: [
            { type: 'mdxJsxAttribute', name: 'id', value: 'chen2023-phase' },
            { type: 'mdxJsxAttribute', name: 'number', value: '99' },
          ],
          children: [],
        },
      ],
    },
    { type: 'mdxJsxFlowElement', name: 'Value', attributes: [], children: [] },
  ],
});

describe('remarkPageIndex', () => {
  it('numbers figures in document order and indexes headings', () => {
    const t = tree();
    const index = indexPage(t);
    expect(index.figures).toEqual([
      { id: 'luo2021-fig2', number: 1, section: 0 },
      { id: 'chen2023-phase', number: 2, section: 1 },
    ]);
    expect(index.headings).toEqual([
      { depth: 2, parts: [{ text: 'The model' }] },
      { depth: 2, parts: [{ text: 'Table 2: the same ' }, { math: '(\\gamma_2, \\gamma_3)' }, { text: ', different' }] },
    ]);
    expect(index.math).toBe(true);
    const numbers = (n: { attributes?: { name?: string; value?: unknown }[] }) => n.attributes?.filter((a) => a.name === 'number').map((a) => a.value);
    expect(numbers(t.children[1] as never)).toEqual(['1']);
    // an author's own number is replaced, not duplicated
    expect(numbers((t.children[3] as { children: never[] }).children[0]!)).toEqual(['2']);
  });

  it('sees no math and no figures in plain prose', () => {
    expect(indexPage({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Fig. 2 says so.' }] }] })).toEqual({
      figures: [],
      headings: [],
      math: false,
    });
  });

  it('passes the numbers through the MDX compiler and stores the index in the frontmatter', async () => {
    const source = [
      '## One $x^2$',
      '',
      '<Figure id="luo2021-fig2">First, as in Fig. 2 of the paper.</Figure>',
      '',
      'Text.',
      '',
      '<Figure id="chen2023-phase">Second.</Figure>',
      '',
      '<Figure id="zhou2022-table1" />',
    ].join('\n');
    const data: { astro: { frontmatter: Record<string, unknown> } } = { astro: { frontmatter: { title: 'T' } } };
    const out = String(await compile({ value: source, data }, { remarkPlugins: [remarkMath, remarkPageIndex] }));
    expect(out).toMatch(/id: "luo2021-fig2",\s*number: "1"/);
    expect(out).toMatch(/id: "chen2023-phase",\s*number: "2"/);
    expect(out).toMatch(/id: "zhou2022-table1",\s*number: "3"/);
    // prose that names the paper's figure is left alone
    expect(out).toContain('First, as in Fig. 2 of the paper.');
    const index = data.astro.frontmatter[PAGE_INDEX_KEY] as PageIndex;
    expect(index.figures.map((f) => [f.id, f.number])).toEqual([
      ['luo2021-fig2', 1],
      ['chen2023-phase', 2],
      ['zhou2022-table1', 3],
    ]);
    expect(index.headings).toEqual([{ depth: 2, parts: [{ text: 'One ' }, { math: 'x^2' }] }]);
    expect(index.math).toBe(true);
    expect(data.astro.frontmatter.title).toBe('T');
  });
});
