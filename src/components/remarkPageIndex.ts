/**
 * Remark plugin (registered in astro.config.mjs, after remark-math): reads
 * an MDX page's syntax tree once, in document order, and
 *
 * - numbers its figures: every `<Figure …>` element gets `number="N"`
 *   (1-based, order of appearance on the page), which the Figure component
 *   prints as "Figure N";
 * - records the page's index in the frontmatter that `render()` returns as
 *   `remarkPluginFrontmatter.pageIndex` (see PageIndex): the figures, the
 *   headings as text and TeX parts (Astro's own `headings` flatten KaTeX's
 *   output into its text, TeX source included), and whether the page has
 *   math (the page loads the KaTeX stylesheet only then).
 *
 * The numbers come from the source, not from the order in which Astro
 * happens to render components, so they cannot depend on rendering
 * concurrency. Pure: no Astro imports (astro.config.mjs loads it).
 */

/** A heading's text, with inline math kept as TeX to render with KaTeX. */
export type HeadingPart = { text: string } | { math: string };

export interface PageIndex {
  /** the `<Figure>` elements in order; `number` is 1-based; `section` is the index in `headings` of the heading above it, or -1 */
  figures: { id: string | null; number: number; section: number }[];
  /** every heading of the MDX source, in order (the order of Astro's `headings`) */
  headings: { depth: number; parts: HeadingPart[] }[];
  /** true when the page has inline or display math */
  math: boolean;
}

/** The frontmatter key under which the index is stored. */
export const PAGE_INDEX_KEY = 'pageIndex';

/** The subset of mdast / mdast-util-mdx-jsx that the plugin reads. */
interface Node {
  type: string;
  children?: Node[];
  value?: string;
  depth?: number;
  name?: string | null;
  alt?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
}

interface FileLike {
  data: { astro?: { frontmatter?: Record<string, unknown> } };
}

const JSX = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement']);

function headingParts(node: Node): HeadingPart[] {
  const parts: HeadingPart[] = [];
  const walk = (n: Node) => {
    if (n.type === 'inlineMath' || n.type === 'math') parts.push({ math: n.value ?? '' });
    else if (n.type === 'text' || n.type === 'inlineCode') parts.push({ text: n.value ?? '' });
    else if (n.type === 'image') parts.push({ text: n.alt ?? '' });
    else if (n.type === 'break') parts.push({ text: ' ' });
    else for (const c of n.children ?? []) walk(c);
  };
  for (const c of node.children ?? []) walk(c);
  // merge neighbouring text parts
  return parts.reduce<HeadingPart[]>((out, p) => {
    const last = out[out.length - 1];
    if (last && 'text' in last && 'text' in p) out[out.length - 1] = { text: last.text + p.text };
    else out.push(p);
    return out;
  }, []);
}

/** Numbers the figures of `tree` (in place) and returns the page's index. */
export function indexPage(tree: Node): PageIndex {
  const index: PageIndex = { figures: [], headings: [], math: false };
  const walk = (node: Node) => {
    if (node.type === 'math' || node.type === 'inlineMath') index.math = true;
    if (node.type === 'heading') index.headings.push({ depth: node.depth ?? 1, parts: headingParts(node) });
    if (JSX.has(node.type) && node.name === 'Figure') {
      const number = index.figures.length + 1;
      const attributes = (node.attributes ?? []).filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'number'));
      const id = attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
      attributes.push({ type: 'mdxJsxAttribute', name: 'number', value: String(number) });
      node.attributes = attributes;
      index.figures.push({ id: typeof id === 'string' ? id : null, number, section: index.headings.length - 1 });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return index;
}

export default function remarkPageIndex() {
  return (tree: Node, file: FileLike) => {
    const index = indexPage(tree);
    file.data.astro ??= {};
    file.data.astro.frontmatter ??= {};
    file.data.astro.frontmatter[PAGE_INDEX_KEY] = index;
  };
}
