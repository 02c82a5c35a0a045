/**
 * Rehype plugin (after rehype-katex in astro.config.mjs): display math scrolls
 * sideways when wider than the screen (site.css, `.katex-display`), and a
 * region that scrolls must be reachable from the keyboard, so each display
 * gets tabindex="0". Pure: no Astro imports (astro.config.mjs loads it).
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

export default function rehypeScrollableMath() {
  return (tree: HastNode) => {
    const walk = (node: HastNode) => {
      if (node.type === 'element' && classes(node).includes('katex-display')) node.properties = { ...node.properties, tabIndex: 0 };
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  };
}
