/**
 * Rehype plugin (astro.config.mjs): wraps each `##` part of a page (its h2 and what follows, up to the next
 * h2) in a `<section class="page-section">`, so that site.css can leave the parts off screen unstyled and
 * unlaid-out (`content-visibility: auto`) until the reader scrolls near them: most of a long page's loading
 * time is styling and laying out its math (KaTeX) and charts. What precedes the first h2 stays as it is.
 * Pure: no Astro imports (astro.config.mjs loads it).
 */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const isH2 = (node: HastNode) => node.type === 'element' && node.tagName === 'h2';

export default function rehypeSections() {
  return (tree: HastNode) => {
    const children = tree.children ?? [];
    if (!children.some(isH2)) return;
    const out: HastNode[] = [];
    let section: HastNode | undefined;
    for (const child of children) {
      if (isH2(child)) {
        section = { type: 'element', tagName: 'section', properties: { className: ['page-section'] }, children: [] };
        out.push(section);
      }
      // MDX's import/export statements stay at the top level of the module
      (section && child.type !== 'mdxjsEsm' ? section.children! : out).push(child);
    }
    tree.children = out;
  };
}
