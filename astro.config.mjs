// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkPageIndex from './src/components/remarkPageIndex.ts';
import rehypeScrollable from './src/components/rehypeScrollable.ts';
import rehypeSections from './src/components/rehypeSections.ts';
import asciiHtml from './src/components/asciiHtml.ts';
import { rerunSources } from './src/components/rerunSources.ts';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// On GitHub Pages the site lives under /<repository>/: the workflow sets SITE_URL and SITE_BASE.
export default defineConfig({
  site: process.env.SITE_URL || undefined,
  base: process.env.SITE_BASE || '/',
  trailingSlash: 'ignore',
  // asciiHtml: the built pages' non-ASCII characters as character references (Chromium decodes an ASCII page faster)
  integrations: [mdx(), asciiHtml()],
  markdown: {
    // Astro 7's default processor ignores remark/rehype plugins; MDX inherits this one.
    // remarkPageIndex numbers the <Figure>s and indexes headings and math: after remarkMath, which makes the math nodes.
    // rehypeScrollable lets display math and the prose's tables scroll sideways, reachable from the keyboard;
    // rehypeSections wraps each h2 part in a <section> that is laid out only near the viewport (site.css).
    processor: unified({ remarkPlugins: [remarkMath, remarkPageIndex], rehypePlugins: [rehypeKatex, rehypeScrollable, rehypeSections] }),
  },
  build: { format: 'directory' },
  vite: {
    // TensorFlow.js is never part of the site: figures read stored results.
    ssr: { external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node'] },
    // the re-run worker (src/components/islands/rerun.worker.ts) carries the hashes of the sources it runs
    plugins: [rerunSources(root)],
    worker: { format: 'es', plugins: () => [rerunSources(root)] },
  },
});
