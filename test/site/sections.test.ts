import { describe, expect, it } from 'vitest';
import rehypeSections from '../../src/components/rehypeSections';

type Node = { type: string; tagName?: string; value?: string; properties?: Record<string, unknown>; children?: Node[] };
const el = (tagName: string, text = ''): Node => ({ type: 'element', tagName, properties: {}, children: [{ type: 'text', value: text }] });
const shape = (n: Node): unknown =>
  n.type === 'element' && n.tagName === 'section'
    ? { section: ((n.properties?.className as string[] | undefined) ?? []).join(' '), children: n.children?.map(shape) }
    : (n.tagName ?? n.type);

describe('rehypeSections (each ## part of a page in a <section> laid out only near the viewport)', () => {
  it('wraps each h2 and what follows it, up to the next h2, and leaves what precedes the first h2', () => {
    const tree: Node = { type: 'root', children: [el('p'), el('h2'), el('p'), el('h3'), el('p'), el('h2'), el('p')] };
    rehypeSections()(tree);
    expect(tree.children?.map(shape)).toEqual([
      'p',
      { section: 'page-section', children: ['h2', 'p', 'h3', 'p'] },
      { section: 'page-section', children: ['h2', 'p'] },
    ]);
  });

  it("keeps MDX's import/export statements at the module's top level", () => {
    const tree: Node = { type: 'root', children: [el('h2'), { type: 'mdxjsEsm' }, el('p')] };
    rehypeSections()(tree);
    expect(tree.children?.map(shape)).toEqual([{ section: 'page-section', children: ['h2', 'p'] }, 'mdxjsEsm']);
  });

  it('leaves a page without h2 as it is', () => {
    const tree: Node = { type: 'root', children: [el('p'), el('h3')] };
    rehypeSections()(tree);
    expect(tree.children?.map(shape)).toEqual(['p', 'h3']);
  });
});
