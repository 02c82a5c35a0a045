/**
 * Weight of the built site: for every page of dist/ (or the folder given),
 * the HTML bytes, the DOM element count, and the part of both that the
 * figures' inline SVG and the provenance panels take; the heaviest figures.
 *
 *   npx tsx scripts/site-weight.ts [dist] [--json out.json]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

interface FigureWeight {
  id: string;
  svgBytes: number;
  svgElements: number;
  provenanceBytes: number;
}
interface PageWeight {
  page: string;
  bytes: number;
  elements: number;
  svgBytes: number;
  svgElements: number;
  provenanceBytes: number;
  provenanceElements: number;
  figures: FigureWeight[];
}

function pagesOf(dir: string, prefix = '/'): { page: string; file: string }[] {
  const out: { page: string; file: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'index.html') out.push({ page: prefix, file: path.join(dir, entry.name) });
    if (entry.isDirectory()) out.push(...pagesOf(path.join(dir, entry.name), `${prefix}${entry.name}/`));
  }
  return out.sort((a, b) => a.page.localeCompare(b.page));
}

const count = (root: Element) => root.querySelectorAll('*').length + 1;

export function siteWeight(dist: string): PageWeight[] {
  return pagesOf(dist).map(({ page, file }) => {
    const html = readFileSync(file, 'utf8');
    const { document } = parseHTML(html);
    const figures = [...document.querySelectorAll('figure.cc-figure')].map((fig) => {
      const svgs = [...fig.querySelectorAll('svg')];
      const prov = fig.querySelector('details.provenance');
      return {
        id: fig.getAttribute('data-figure') ?? '?',
        svgBytes: svgs.reduce((k, s) => k + Buffer.byteLength(s.outerHTML), 0),
        svgElements: svgs.reduce((k, s) => k + count(s), 0),
        provenanceBytes: prov ? Buffer.byteLength(prov.outerHTML) : 0,
        provenanceElements: prov ? count(prov) : 0,
      };
    });
    return {
      page,
      bytes: statSync(file).size,
      elements: document.querySelectorAll('*').length,
      svgBytes: figures.reduce((k, f) => k + f.svgBytes, 0),
      svgElements: figures.reduce((k, f) => k + f.svgElements, 0),
      provenanceBytes: figures.reduce((k, f) => k + f.provenanceBytes, 0),
      provenanceElements: figures.reduce((k, f) => k + f.provenanceElements, 0),
      figures: figures.map(({ provenanceElements: _, ...f }) => f),
    };
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const out = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
  const dist = path.resolve(args[0] ?? 'dist');
  const weights = siteWeight(dist);
  console.log(
    `${'page'.padEnd(16)} ${'HTML'.padStart(8)} ${'elements'.padStart(9)} ${'SVG'.padStart(8)} ${'SVG el.'.padStart(8)} ${'prov.'.padStart(8)} ${'prov. el.'.padStart(9)}`,
  );
  for (const w of weights) {
    console.log(
      `${w.page.padEnd(16)} ${kb(w.bytes).padStart(8)} ${String(w.elements).padStart(9)} ${kb(w.svgBytes).padStart(8)} ${String(w.svgElements).padStart(8)} ${kb(w.provenanceBytes).padStart(8)} ${String(w.provenanceElements).padStart(9)}`,
    );
  }
  const heaviest = weights.flatMap((w) => w.figures.map((f) => ({ ...f, page: w.page }))).sort((a, b) => b.svgElements - a.svgElements);
  console.log('\nheaviest figures (SVG elements, SVG bytes, provenance bytes):');
  for (const f of heaviest.slice(0, 10))
    console.log(`  ${f.id.padEnd(28)} ${String(f.svgElements).padStart(7)} ${kb(f.svgBytes).padStart(8)} ${kb(f.provenanceBytes).padStart(8)}`);
  if (out) writeFileSync(out, `${JSON.stringify(weights, null, 2)}\n`);
}
