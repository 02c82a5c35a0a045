/**
 * Rehype plugin (after rehype-katex in astro.config.mjs): what may be wider
 * than a phone's screen scrolls sideways instead of being cut off (site.css:
 * `.katex-display`, `.table-wrap`), and a region that scrolls must be
 * reachable from the keyboard. So each display math gets tabindex="0", and
 * each table of the prose (a Markdown table) is wrapped in
 * `<div class="table-wrap" tabindex="0">`, as the figures' tables are
 * (Figure.astro). Pure: no Astro imports (astro.config.mjs loads it).
 */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const classes = (node: HastNode): string[] => {
  const c = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

export default function rehypeScrollable() {
  return (tree: HastNode) => {
    const walk = (node: HastNode, inWrap: boolean) => {
      if (node.type === 'element' && classes(node).includes('katex-display')) node.properties = { ...node.properties, tabIndex: 0 };
      const wrap = inWrap || (node.type === 'element' && classes(node).includes('table-wrap'));
      node.children = node.children?.map((child) =>
        child.type === 'element' && child.tagName === 'table' && !wrap
          ? { type: 'element', tagName: 'div', properties: { className: ['table-wrap'], tabIndex: 0 }, children: [child] }
          : child,
      );
      for (const child of node.children ?? []) walk(child, wrap);
    };
    walk(tree, false);
  };
}
