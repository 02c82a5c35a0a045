/**
 * End-to-end check of the built site in a real browser.
 *
 * beforeAll copies the project to a temporary folder (test/helpers/fixture.ts,
 * ProjectCopy), runs the quick-profile experiments there (from the committed
 * results store), builds the copy's site with Astro, serves the copy's dist/
 * on 127.0.0.1 and crawls it from `/` in headless Chromium (Debian's
 * /usr/bin/chromium, or $CHROMIUM_PATH). Every page found by the crawl, and
 * every page in dist/, is opened once; what the browser saw is recorded and
 * the tests below judge it. This working tree's results/, .build/ and dist/
 * are never written.
 *
 * SITE_TEST_NO_BUILD=1 skips the build and tests this tree's dist/ as it is
 * (it must have been built with --profile quick); SITE_TEST_ROOT=<dir> tests
 * the dist/ of the project at <dir> as it is (built the same way).
 *
 * Nothing outside 127.0.0.1 is ever fetched: the browser aborts any other
 * request (and the test reports it), and links marked data-external are only
 * checked for shape, never followed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_PAGES } from '../../src/claims/claim.js';
import { CLAIMS, claimsOfPage } from '../../src/claims/index.js';
import { ProjectCopy } from '../helpers/fixture.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The project the site is built from: a temporary copy, or this tree with SITE_TEST_NO_BUILD=1. */
let ROOT = process.env.SITE_TEST_ROOT ? path.resolve(process.env.SITE_TEST_ROOT) : REPO;
let DIST = path.join(ROOT, 'dist');
let copy: ProjectCopy | undefined;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROFILE = 'quick';
const MAX_PAGES = 200;
/** The phone width at which figures must stay legible (and the site accessible). */
const PHONE = { width: 390, height: 844 };
/** The smallest rendered size (CSS px) of any text in a figure. */
const MIN_TEXT_PX = 9;

/**
 * axe-core's browser bundle, when the package is installed (it is a
 * devDependency to add: `npm i -D -E axe-core`); without it the axe test is
 * skipped and says so, and the site's own accessibility checks (auditPage)
 * still run.
 */
const AXE_SOURCE = (() => {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    return undefined;
  }
})();

// ---------------------------------------------------------------- static server

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

/** A GitHub-Pages-like file server: directory -> index.html, /dir -> 301 /dir/, otherwise 404. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const file = path.join(dir, path.normalize(pathname));
    if (!file.startsWith(dir) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    let target = file;
    if (existsSync(target) && statSync(target).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      target = path.join(target, 'index.html');
    }
    if (!existsSync(target) || !statSync(target).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = readFileSync(target);
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Every dist/**\/index.html, as a site path ('/', '/luo2021/'). */
function builtPages(dir: string, prefix = '/'): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'index.html') pages.push(prefix);
    if (entry.isDirectory()) pages.push(...builtPages(path.join(dir, entry.name), `${prefix}${entry.name}/`));
  }
  return pages.sort();
}

// ---------------------------------------------------------------- what the browser saw

interface Link {
  href: string;
  text: string;
  provenance: string | null;
  external: boolean;
}

interface FigureFacts {
  id: string | null;
  /** marks: circle/path/line/rect elements inline and in the panel's layer files (layers: their hrefs and mark counts). */
  panels: {
    title: string;
    svgs: number;
    marks: number;
    markGroups: string[];
    width: number;
    height: number;
    layers: { href: string; svg: string; marks: number }[];
  }[];
  /** Data rows of the figure's table (a figure drawn as a table has no panels). */
  tableRows: number;
  caption: string;
  hasProvenance: boolean;
  provenance: Link[];
  /** Text of the provenance panel's "Packages" and "TensorFlow.js" rows. */
  packages: string | null;
  tensorflow: string | null;
  /** The caption's label ("Figure 2 (paper: Fig. 1)") and the href of its permalink. */
  label: string;
  permalink: string | null;
}

interface PageFacts {
  title: string;
  ids: string[];
  links: Link[];
  katex: number;
  katexErrors: string[];
  katexFontFamily: string | null;
  katexFontsLoaded: string[];
  /**
   * Rendered size of each KaTeX sub- or superscript (.msupsub) against its
   * base: the height of the script's first glyph box over the base's. A
   * stylesheet from another KaTeX version renders scripts full-size (ratio 1).
   */
  scriptRatios: { tex: string; ratio: number }[];
  /** The charts' labels and panel titles: sub- and superscripts set as math (their size against their label's), and labels still written as TeX. */
  chartMath: { scripts: { label: string; ratio: number; lowered: number }[]; plainTex: string[] };
  /** Text outside pre/code/script/style and outside KaTeX's MathML copy. */
  prose: string;
  figures: FigureFacts[];
  /** The fragments the table of contents links to, or null without one. */
  toc: string[] | null;
  /** Links of the References section, or null without one. */
  references: Link[] | null;
}

interface Visit {
  path: string;
  consoleErrors: string[];
  requestFailures: string[];
  externalRequests: string[];
  /** Same-origin responses: url -> status. */
  responses: Map<string, number>;
  facts: PageFacts;
  /** Accessibility problems found by auditPage (light theme, 1280 px). */
  audit: string[];
  /** axe-core violations at 1280 px, when axe-core is installed. */
  axe: string[];
}

/** The same page at phone width (and in the dark theme at desktop width). */
interface PhoneVisit {
  path: string;
  audit: string[];
  axe: string[];
  /** Figure text rendered smaller than MIN_TEXT_PX. */
  smallText: string[];
  /** Elements reaching past the screen's edges outside any region that scrolls or clips them: cut off for the reader. */
  cutOff: string[];
  /** Contrast problems in the dark theme (prefers-color-scheme: dark, 1280 px). */
  darkAudit: string[];
}

/**
 * Runs in the page: the accessibility rules axe reported on this site, and
 * others of its kind, checked without axe: ARIA names on elements that may
 * not have one, scrollable regions the keyboard cannot reach, text contrast
 * (WCAG AA: 4.5:1, 3:1 for large text), images, links, buttons and form
 * fields without a name, duplicate ids, the page's language. `contrastOnly`
 * skips all but contrast. Must be self-contained.
 */
function auditPage(contrastOnly: boolean): string[] {
  const problems: string[] = [];
  const describe = (e: Element) => {
    const id = e.id ? `#${e.id}` : '';
    const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
    const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${e.tagName.toLowerCase()}${id}${cls}>${text ? ` "${text}"` : ''}`;
  };
  const parse = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 1];
    const p = m[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
  };
  const luminance = ([r, g, b]: number[]) => {
    const f = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  /** The opaque colour behind an element: its and its ancestors' background colours blended down to the canvas. */
  const backgroundOf = (e: Element | null): [number, number, number] => {
    const layers: [number, number, number, number][] = [];
    for (let n = e; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out: [number, number, number] = matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18] : [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
    return out;
  };
  const visible = (e: Element) => (e as HTMLElement).checkVisibility?.({ visibilityProperty: true, opacityProperty: true }) ?? true;
  // contrast of HTML text (SVG charts are images with their own palette on a light card)
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('svg, .katex-mathml, script, style, noscript') || !visible(e)) continue;
    if (![...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())) continue;
    const style = getComputedStyle(e);
    const fg = parse(style.color);
    const bg = backgroundOf(e);
    const blended = [fg[0] * fg[3] + bg[0] * (1 - fg[3]), fg[1] * fg[3] + bg[1] * (1 - fg[3]), fg[2] * fg[3] + bg[2] * (1 - fg[3])];
    const [l1, l2] = [luminance(blended), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1! + 0.05) / (l2! + 0.05);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) - 0.005)
      problems.push(`color-contrast: ${describe(e)} ${style.color} on rgb(${bg.map(Math.round).join(', ')}): ${ratio.toFixed(2)}:1`);
  }
  if (contrastOnly) return problems;
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  for (const e of document.querySelectorAll('[aria-label], [aria-labelledby], [aria-description]')) {
    const tag = e.tagName.toLowerCase();
    if (!e.hasAttribute('role') && ['g', 'div', 'span', 'p', 'b', 'i', 'code', 'pre', 'strong', 'em'].includes(tag) && !e.matches(focusable))
      problems.push(`aria-prohibited-attr: ${describe(e)} has aria-label/-labelledby/-description without a role`);
  }
  for (const e of document.body.querySelectorAll<HTMLElement>('*')) {
    const style = getComputedStyle(e);
    const scrolls = (o: string) => o === 'auto' || o === 'scroll';
    const overflowing = (scrolls(style.overflowX) && e.scrollWidth > e.clientWidth + 1) || (scrolls(style.overflowY) && e.scrollHeight > e.clientHeight + 1);
    if (!overflowing || !visible(e) || e.matches(focusable) || e.querySelector(focusable)) continue;
    problems.push(
      `scrollable-region-focusable: ${describe(e)} scrolls (${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}) and cannot be focused`,
    );
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(`image-alt: ${describe(img)} ${img.src}`);
  for (const svg of document.querySelectorAll('svg[role="img"]'))
    if (!(svg.getAttribute('aria-label') ?? '').trim() && !svg.hasAttribute('aria-labelledby')) problems.push(`svg-img-alt: ${describe(svg)}`);
  const named = (e: Element) =>
    !!((e.textContent ?? '').trim() || e.getAttribute('aria-label')?.trim() || e.querySelector('img[alt]:not([alt=""]), svg[aria-label]'));
  for (const a of document.querySelectorAll('a[href]')) if (!named(a)) problems.push(`link-name: ${describe(a)} ${a.getAttribute('href')}`);
  for (const b of document.querySelectorAll('button')) if (!named(b)) problems.push(`button-name: ${describe(b)}`);
  for (const input of document.querySelectorAll<HTMLInputElement>('input, select, textarea'))
    if (input.type !== 'hidden' && !input.labels?.length && !input.getAttribute('aria-label')) problems.push(`label: ${describe(input)}`);
  const ids = new Map<string, number>();
  for (const e of document.querySelectorAll('[id]')) ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`duplicate-id: "${id}" ${n} times`);
  if (!document.documentElement.lang) problems.push('html-has-lang: <html> has no lang');
  return problems;
}

/**
 * Runs in the page: visible elements that reach past the viewport's left or right edge with no ancestor
 * that scrolls or clips them sideways (a table-wrap, a display, a panel, an SVG): the page's sections
 * (content-visibility: auto) would cut them off at their edge, where the reader cannot scroll to them.
 */
function cutOffElements(): string[] {
  const style = document.createElement('style');
  style.textContent = '.cc-figure, .page-section { content-visibility: visible !important; }';
  document.head.append(style);
  const out: string[] = [];
  const width = document.documentElement.clientWidth;
  const held = (e: Element) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || (r.right <= width + 1 && r.left >= -1) || !e.checkVisibility() || held(e)) continue;
    out.push(
      `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> "${(e.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(r.left)}–${Math.round(r.right)} px`,
    );
  }
  style.remove();
  return out;
}

/** Runs in the page: text of figures (SVG and HTML) rendered smaller than `min` CSS px, at the current width. */
function smallFigureText(min: number): string[] {
  const out: string[] = [];
  for (const fig of document.querySelectorAll<HTMLElement>('figure.cc-figure')) {
    const id = fig.getAttribute('data-figure');
    const seen = new Set<string>();
    // a <text>, and each <tspan> of one (the sub- and superscripts of math labels: src/figures/shared/mathLabel.ts)
    for (const text of fig.querySelectorAll<SVGTextContentElement>('svg text, svg tspan')) {
      const svg = text.ownerSVGElement;
      if (!svg || !(text.textContent ?? '').trim()) continue;
      const box = svg.viewBox.baseVal;
      const drawnWidth = box && box.width > 0 ? box.width : svg.width.baseVal.value;
      const scale = drawnWidth > 0 ? svg.getBoundingClientRect().width / drawnWidth : 1;
      const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
      const key = `${size.toFixed(1)}`;
      if (size < min && !seen.has(key)) {
        seen.add(key);
        out.push(`${id}: SVG text "${(text.textContent ?? '').trim().slice(0, 30)}" at ${size.toFixed(1)} px`);
      }
    }
    for (const e of fig.querySelectorAll<HTMLElement>('.legend *, .panel-title, figcaption, .figure-table')) {
      if (e.closest('svg')) continue;
      const size = Number.parseFloat(getComputedStyle(e).fontSize);
      if (size < min && (e.textContent ?? '').trim()) out.push(`${id}: "${(e.textContent ?? '').trim().slice(0, 30)}" at ${size.toFixed(1)} px`);
    }
  }
  return out;
}

/** Runs axe-core (injected into the page) and lists its violations, one line per rule and node. */
async function runAxe(page: Page): Promise<string[]> {
  if (!AXE_SOURCE) return [];
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) =>
      v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}): ${v.help}: ${n.target.join(' ')}${v.nodes.length > 5 ? ` (and ${v.nodes.length - 5} more)` : ''}`),
    );
  });
}

/** Runs in the page: collects everything the tests check. Must be self-contained. */
async function collectFacts(): Promise<PageFacts> {
  await document.fonts.ready;
  const linkOf = (a: HTMLAnchorElement) => ({
    href: a.href,
    text: (a.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80),
    provenance: a.getAttribute('data-provenance'),
    external: a.hasAttribute('data-external'),
  });
  const skip = 'pre, code, script, style, .katex-mathml, annotation';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && !parent.closest(skip)) parts.push(n.textContent ?? '');
  }
  const katex = document.querySelector<HTMLElement>('.katex');
  const figures = [...document.querySelectorAll<HTMLElement>('figure.cc-figure')].map((fig) => ({
    id: fig.getAttribute('data-figure'),
    tableRows: fig.querySelectorAll('table.figure-table tbody tr').length,
    panels: [...fig.querySelectorAll<HTMLElement>('.panel')].map((panel) => {
      // Plot may put a legend (small swatch svgs) before the chart: judge the largest svg.
      const svgs = [...panel.querySelectorAll<SVGSVGElement>('svg')];
      const rects = svgs.map((s) => s.getBoundingClientRect());
      const rect = rects.sort((a, b) => b.width * b.height - a.width * a.height)[0];
      return {
        title: (panel.querySelector('.panel-title')?.textContent ?? '').trim(),
        svgs: svgs.length,
        marks:
          svgs.reduce((k, s) => k + s.querySelectorAll('circle, path, line, rect, polyline, polygon').length, 0) +
          [...panel.querySelectorAll('g[data-layer-marks]')].reduce((k, g) => k + Number(g.getAttribute('data-layer-marks')), 0),
        layers: [...panel.querySelectorAll('g[data-layer-marks]')].map((g) => ({
          href: new URL(g.querySelector('foreignObject > img')?.getAttribute('src') ?? '', document.baseURI).href,
          svg: new URL(g.getAttribute('data-layer-svg') ?? '', document.baseURI).href,
          marks: Number(g.getAttribute('data-layer-marks')),
        })),
        markGroups: svgs.flatMap((s) =>
          [...s.querySelectorAll('g[data-mark]')].filter((g) => g.childElementCount > 0).map((g) => g.getAttribute('data-mark') ?? ''),
        ),
        width: rect?.width ?? 0,
        height: rect?.height ?? 0,
      };
    }),
    caption: (fig.querySelector('figcaption')?.textContent ?? '').trim(),
    hasProvenance: fig.querySelector('details.provenance') !== null,
    provenance: [...fig.querySelectorAll<HTMLAnchorElement>('a[data-provenance]')].map(linkOf),
    packages: fig.querySelector('[data-packages]')?.textContent ?? null,
    tensorflow: fig.querySelector('[data-tensorflow]')?.textContent ?? null,
    label: (fig.querySelector('figcaption .figure-label')?.textContent ?? '').trim().replace(/\s+/g, ' '),
    permalink: fig.querySelector<HTMLAnchorElement>('figcaption a.permalink')?.getAttribute('href') ?? null,
  }));
  const toc = document.querySelector('nav.toc');
  const references = document.querySelector('section.references');
  return {
    title: document.title,
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    links: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map(linkOf),
    katex: document.querySelectorAll('.katex').length,
    katexErrors: [...document.querySelectorAll('.katex-error')].map((e) => `${e.textContent} (${e.getAttribute('title') ?? ''})`),
    katexFontFamily: katex ? getComputedStyle(katex).fontFamily : null,
    katexFontsLoaded: [...document.fonts].filter((f) => f.status === 'loaded' && /katex/i.test(f.family)).map((f) => `${f.family} ${f.style} ${f.weight}`),
    scriptRatios: [...document.querySelectorAll<HTMLElement>('.katex-html .msupsub')].slice(0, 50).flatMap((script) => {
      const base = script.parentElement?.firstElementChild as HTMLElement | null;
      const glyph = script.querySelector<HTMLElement>('.mord, .mbin, .mrel, .mop');
      if (!base || base === script || !glyph) return [];
      const size = (e: HTMLElement) => Number.parseFloat(getComputedStyle(e).fontSize);
      const tex = script.closest('.katex')?.querySelector('annotation')?.textContent ?? '';
      return [{ tex, ratio: size(glyph) / size(base) }];
    }),
    prose: parts.join(''),
    chartMath: {
      // svg text: a sub- or superscript tspan against its <text>; a title: <sub>/<sup> against the title
      scripts: [
        ...document.querySelectorAll<SVGElement>('figure.cc-figure svg [data-math="sub"], figure.cc-figure svg [data-math="sup"]'),
        ...document.querySelectorAll<HTMLElement>('figure.cc-figure .panel-title :is(sub, sup)'),
      ].flatMap((script) => {
        const label = script.closest<Element>('text, .panel-title');
        if (!label) return [];
        const size = (e: Element) => Number.parseFloat(getComputedStyle(e).fontSize);
        const middle = (e: Element) => {
          const r = e.getBoundingClientRect();
          return r.top + r.height / 2;
        };
        // how far the script's middle sits from its label's: + below (a subscript), − above (a superscript)
        const sub = script.matches('[data-math="sub"], sub');
        return [{ label: (label.textContent ?? '').trim(), ratio: size(script) / size(label), lowered: (sub ? 1 : -1) * (middle(script) - middle(label)) }];
      }),
      plainTex: [...document.querySelectorAll('figure.cc-figure svg text, figure.cc-figure .panel-title')]
        .filter((e) => !e.parentElement?.closest('text'))
        .map((e) => (e.textContent ?? '').trim())
        .filter((t) => /[A-Za-z0-9)\]]_[A-Za-z0-9{]|\^\{|\$|\\[A-Za-z]/.test(t)),
    },
    figures,
    toc: toc ? [...toc.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href') ?? '') : null,
    references: references ? [...references.querySelectorAll<HTMLAnchorElement>('a[href]')].map(linkOf) : null,
  };
}

let server: Server | undefined;
let context: BrowserContext | undefined;
let userDataDir: string | undefined;
let origin = '';
const visits = new Map<string, Visit>();
const phoneVisits = new Map<string, PhoneVisit>();
/** Pages in dist/ that the crawl from / did not reach. */
let orphans: string[] = [];
let built: string[] = [];

async function visit(pagePath: string): Promise<Visit> {
  const page = await context!.newPage();
  const v: Visit = {
    path: pagePath,
    consoleErrors: [],
    requestFailures: [],
    externalRequests: [],
    responses: new Map(),
    facts: undefined!,
    audit: [],
    axe: [],
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') v.consoleErrors.push(`${msg.text()}${msg.location().url ? ` (at ${msg.location().url})` : ''}`);
  });
  page.on('pageerror', (err) => v.consoleErrors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(origin)) v.requestFailures.push(`${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (res) => {
    if (!res.url().startsWith(origin)) return;
    v.responses.set(res.url(), res.status());
    if (res.status() >= 400) v.requestFailures.push(`${res.url()}: HTTP ${res.status()}`);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    v.externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  try {
    const response = await page.goto(origin + pagePath, { waitUntil: 'load', timeout: 30_000 });
    if (response?.status() !== 200) v.requestFailures.push(`${origin}${pagePath}: page itself returned ${response?.status()}`);
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
    v.facts = await page.evaluate(collectFacts);
    v.audit = await page.evaluate(auditPage, false);
    v.axe = await runAxe(page);
  } finally {
    await page.close();
  }
  return v;
}

/** A page at phone width: accessibility, text sizes; then at desktop width in the dark theme: contrast. */
async function visitPhone(pagePath: string): Promise<PhoneVisit> {
  const page = await context!.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient')));
  try {
    await page.setViewportSize(PHONE);
    await page.goto(origin + pagePath, { waitUntil: 'load', timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready);
    const audit = await page.evaluate(auditPage, false);
    const axe = await runAxe(page);
    const smallText = await page.evaluate(smallFigureText, MIN_TEXT_PX);
    const cutOff = await page.evaluate(cutOffElements);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 900 });
    const darkAudit = await page.evaluate(auditPage, true);
    return { path: pagePath, audit, axe, smallText, cutOff, darkAudit };
  } finally {
    await page.close();
  }
}

/** A same-origin URL without its fragment, as a site path. */
const sitePath = (href: string) => {
  const u = new URL(href);
  return u.pathname + u.search;
};
const sameOrigin = (href: string) => new URL(href).origin === origin;
const looksLikePage = (p: string) => !/\.[a-z0-9]+$/i.test(p.replace(/[?#].*$/, '')) || p.endsWith('.html');

/** Fetch from Node, following redirects like a browser would (our server only redirects /dir -> /dir/). */
const bodies = new Map<string, Promise<{ status: number; type: string; text: string; finalPath: string }>>();
function get(p: string) {
  let r = bodies.get(p);
  if (!r) {
    r = fetch(origin + p).then(async (res) => ({
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: await res.text(),
      finalPath: sitePath(res.url),
    }));
    bodies.set(p, r);
  }
  return r;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  if (process.env.SITE_TEST_NO_BUILD !== '1' && !process.env.SITE_TEST_ROOT) {
    copy = new ProjectCopy('cc-site-');
    ROOT = copy.root;
    DIST = path.join(ROOT, 'dist');
    copy.experiments(['--profile', PROFILE]);
    const r = copy.build();
    if (r.status !== 0) throw new Error(`astro build in ${ROOT} failed (exit ${r.status}):\n${r.output.split('\n').slice(-60).join('\n')}`);
  }
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html missing after the build`);
  built = builtPages(DIST);

  server = await serve(DIST);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  userDataDir = mkdtempSync(path.join(tmpdir(), 'cc-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });

  // Crawl from / through same-origin links to HTML pages; then any built page the crawl missed.
  const queue = ['/'];
  const seen = new Set(queue);
  while (queue.length > 0 && visits.size < MAX_PAGES) {
    const p = queue.shift()!;
    const v = await visit(p);
    visits.set(p, v);
    for (const link of v.facts.links) {
      if (link.external || link.provenance || !sameOrigin(link.href)) continue;
      const target = sitePath(link.href);
      if (!looksLikePage(target)) continue;
      const res = await get(target);
      if (res.status !== 200 || !res.type.startsWith('text/html')) continue; // reported by the link test
      if (!seen.has(res.finalPath)) {
        seen.add(res.finalPath);
        queue.push(res.finalPath);
      }
    }
  }
  orphans = built.filter((p) => !visits.has(p));
  for (const p of orphans) visits.set(p, await visit(p));
  for (const p of visits.keys()) phoneVisits.set(p, await visitPhone(p));
}, 420_000);

afterAll(async () => {
  if (process.env.SITE_TEST_DEBUG === '1') {
    for (const v of visits.values())
      console.log(v.path, { ...v.facts, prose: v.facts.prose.slice(0, 400), ids: v.facts.ids.length, links: v.facts.links.length }, [...v.responses]);
  }
  await context?.close().catch(() => {});
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  copy?.remove();
}, 60_000);

const pages = () => [...visits.values()];

// ---------------------------------------------------------------- tests

describe('built site in Chromium', () => {
  it('has a home page and at least one content page, all reachable from /', () => {
    expect(built, 'dist/**/index.html').toContain('/');
    expect(built.length, `pages in dist: ${built.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(orphans, 'pages in dist/ not linked (transitively) from /').toEqual([]);
    for (const v of pages()) expect(v.facts.title, `title of ${v.path}`).toMatch(/\S/);
  });

  it('loads every page without console errors, failed or external requests', () => {
    const problems: string[] = [];
    for (const v of pages()) {
      for (const e of v.consoleErrors) problems.push(`${v.path}: console error: ${e}`);
      for (const e of v.requestFailures) problems.push(`${v.path}: failed request: ${e}`);
      for (const e of v.externalRequests) problems.push(`${v.path}: request to another origin (blocked): ${e}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no broken same-origin links or fragments', async () => {
    const problems: string[] = [];
    for (const v of pages()) {
      for (const link of v.facts.links) {
        const where = `${v.path}: link "${link.text}" -> ${link.href}`;
        if (link.external) {
          if (sameOrigin(link.href)) problems.push(`${where}: marked data-external but points into the site`);
          continue;
        }
        if (!sameOrigin(link.href)) continue; // never fetched
        const target = sitePath(link.href);
        const res = await get(target);
        if (res.status !== 200) {
          problems.push(`${where}: HTTP ${res.status}`);
          continue;
        }
        const hash = new URL(link.href).hash.slice(1);
        if (hash) {
          const ids = visits.get(res.finalPath)?.facts.ids;
          if (ids && !ids.includes(decodeURIComponent(hash))) problems.push(`${where}: no element with id "${hash}" on ${res.finalPath}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('renders math with KaTeX and leaves no raw TeX in the text', () => {
    const problems: string[] = [];
    for (const v of pages()) {
      const { prose, katex, katexErrors } = v.facts;
      for (const e of katexErrors) problems.push(`${v.path}: KaTeX error: ${e}`);
      const context = (i: number) => JSON.stringify(prose.slice(Math.max(0, i - 40), i + 40).replace(/\s+/g, ' '));
      for (const m of prose.matchAll(/\$/g)) problems.push(`${v.path}: raw "$" in text (${katex} .katex elements): ${context(m.index)}`);
      for (const m of prose.matchAll(/\\(?:[a-zA-Z]+|[()[\]])/g)) problems.push(`${v.path}: raw TeX "${m[0]}" in text: ${context(m.index)}`);
    }
    expect(problems.slice(0, 30)).toEqual([]);
    expect(
      pages().some((v) => v.facts.katex > 0),
      'no page has any .katex element: is remark-math/rehype-katex running?',
    ).toBe(true);
  });

  it('renders sub- and superscripts smaller than their base (KaTeX HTML and CSS of one version)', () => {
    const ratios = pages().flatMap((v) => v.facts.scriptRatios.map((r) => ({ ...r, path: v.path })));
    expect(ratios.length, 'no sub- or superscript found on any page').toBeGreaterThan(0);
    const fullSize = ratios.filter((r) => !(r.ratio < 0.85)).map((r) => `${r.path}: ${r.tex} (script/base font size ${r.ratio.toFixed(2)})`);
    expect(fullSize).toEqual([]);
  });

  it("sets the charts' labels and panel titles as math: sub- and superscripts smaller and off the baseline, no TeX left", () => {
    const scripts = pages().flatMap((v) => v.facts.chartMath.scripts.map((s) => ({ ...s, path: v.path })));
    // chen2024's charts label their axes and titles with R_S, W^[1]_k, |cos(w_k, z)|
    expect(scripts.filter((s) => s.path === '/chen2024/').length, 'no sub- or superscript in the charts of /chen2024/').toBeGreaterThan(5);
    const wrong = scripts
      .filter((s) => !(s.ratio < 0.95) || !(s.lowered > 0))
      .map((s) => `${s.path}: "${s.label}" (size ratio ${s.ratio.toFixed(2)}, off the middle by ${s.lowered.toFixed(1)} px)`);
    expect(wrong).toEqual([]);
    expect(pages().flatMap((v) => v.facts.chartMath.plainTex.map((t) => `${v.path}: ${t}`))).toEqual([]);
  });

  it('applies the self-hosted KaTeX stylesheet and fonts where there is math', () => {
    const problems: string[] = [];
    for (const v of pages().filter((p) => p.facts.katex > 0)) {
      const family = v.facts.katexFontFamily ?? '';
      if (!/KaTeX/.test(family)) problems.push(`${v.path}: .katex has font-family ${JSON.stringify(family)}: KaTeX CSS not applied`);
      if (v.facts.katexFontsLoaded.length === 0) problems.push(`${v.path}: document.fonts has no loaded KaTeX face`);
      const fonts = [...v.responses].filter(([url, status]) => /KaTeX_.*\.woff2$/.test(url) && status === 200);
      if (fonts.length === 0) problems.push(`${v.path}: no KaTeX .woff2 font was loaded from ${origin}`);
      const css = [...v.responses].filter(([url, status]) => url.endsWith('.css') && status === 200);
      if (css.length === 0) problems.push(`${v.path}: no same-origin stylesheet loaded`);
    }
    expect(problems).toEqual([]);
  });

  it('loads the KaTeX stylesheet and fonts only on pages with math', () => {
    const problems: string[] = [];
    for (const v of pages().filter((p) => p.facts.katex === 0)) {
      for (const url of v.responses.keys()) if (/katex[^/]*\.css$|KaTeX_/i.test(url)) problems.push(`${v.path}: no math, yet loads ${url}`);
    }
    expect(problems).toEqual([]);
  });

  it("numbers the figures of each page in order, with the paper's number and a permalink", () => {
    const problems: string[] = [];
    for (const v of pages()) {
      for (const [i, f] of v.facts.figures.entries()) {
        const where = `${v.path}: figure ${f.id}`;
        const paper = /^[a-z]+\d{4}[a-z]?-(fig|table)(\d+[a-z]?)$/.exec(f.id ?? '');
        const expected = `Figure ${i + 1}${paper ? ` (paper: ${paper[1] === 'fig' ? 'Fig.' : 'Table'} ${paper[2]})` : ''}#`;
        if (f.label !== expected) problems.push(`${where}: caption label "${f.label}", expected "${expected}"`);
        if (f.permalink !== `#figure-${f.id}`) problems.push(`${where}: permalink ${f.permalink}`);
        if (!f.caption.startsWith(f.label.replace(/#$/, ''))) problems.push(`${where}: the caption does not start with its label: "${f.caption.slice(0, 60)}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists every figure of every page in the home gallery, linked to its anchor, with a thumbnail that loads', async () => {
    const home = await get('/');
    const links = new Set(
      [...home.text.matchAll(/<a href="([^"]*#figure-[^"]+)"/g)].map((m) => new URL(m[1], `${origin}/`).pathname + new URL(m[1], `${origin}/`).hash),
    );
    const problems: string[] = [];
    let figures = 0;
    for (const v of pages()) {
      for (const f of v.facts.figures) {
        figures++;
        if (!links.has(`${v.path}#figure-${f.id}`)) problems.push(`home gallery has no link to ${v.path}#figure-${f.id}`);
      }
    }
    // thumbnails are WebP rasters made at build time (an SVG image is decoded on the main thread: Lighthouse's TBT)
    const thumbs = [...home.text.matchAll(/<img src="([^"]*\/thumbs\/[^"]+\.webp)"/g)].map((m) => new URL(m[1], `${origin}/`).pathname);
    for (const t of thumbs) {
      const r = await get(t);
      if (r.status !== 200 || !r.type.includes('image/webp') || !r.text.startsWith('RIFF') || !r.text.includes('WEBP'))
        problems.push(`${t}: HTTP ${r.status}, ${r.type}`);
    }
    expect(problems).toEqual([]);
    expect(figures).toBeGreaterThan(0);
    expect(thumbs.length, 'thumbnails on the home page').toBeGreaterThan(figures / 2);
  });

  it("shows every page's claims in a paper-vs-measured table, links each verdict of the prose to its row, and lists all on /claims/", async () => {
    const problems: string[] = [];
    for (const p of CLAIM_PAGES) {
      const html = (await get(`/${p}/`)).text;
      const rows = new Set([...html.matchAll(/<tr id="claim-([^"]+)" data-claim="[^"]+" data-verdict="(?:reproduced|partly|not)"/g)].map((m) => m[1]));
      const declared = claimsOfPage(p).map((c) => c.id);
      if ([...rows].sort().join() !== [...declared].sort().join()) problems.push(`/${p}/: table rows ${[...rows].join(', ')}, declared ${declared.join(', ')}`);
      for (const m of html.matchAll(/<a class="verdict verdict-[a-z]+" href="#claim-([^"]+)"/g))
        if (!rows.has(m[1]!)) problems.push(`/${p}/: verdict of ${m[1]} has no row`);
      // each row names its figure as the page numbers it ("Figure 3"), not by its id
      for (const m of html.matchAll(/<a class="claim-figure" href="#figure-([^"]+)">([^<]*)<\/a>/g)) {
        const number = new RegExp(`<figure class="cc-figure" id="figure-${m[1]}"[^>]*data-figure-number="(\\d+)"`).exec(html)?.[1];
        if (!number || m[2] !== `Figure ${number}`) problems.push(`/${p}/: a claim names figure ${m[1]} "${m[2]}", the page numbers it ${number ?? 'nowhere'}`);
      }
    }
    const all = (await get('/claims/')).text;
    const listed = [...all.matchAll(/<tr data-claim="([^"]+)" data-verdict="(?:reproduced|partly|not)"/g)].map((m) => m[1]);
    if (listed.length !== CLAIMS.length) problems.push(`/claims/ lists ${listed.length} claims of ${CLAIMS.length}`);
    expect(problems).toEqual([]);
  });

  it('gives every page with figures a table of contents and a reference list with arXiv links', () => {
    const problems: string[] = [];
    for (const v of pages().filter((p) => p.facts.figures.length > 0)) {
      const { toc, references, figures } = v.facts;
      if (!toc) problems.push(`${v.path}: no nav.toc`);
      else for (const f of figures) if (!toc.includes(`#figure-${f.id}`)) problems.push(`${v.path}: figure ${f.id} missing from the table of contents`);
      if (!references) problems.push(`${v.path}: no section.references`);
      else if (!references.some((l) => l.external && /^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/.test(l.href)))
        problems.push(`${v.path}: no arXiv link (marked data-external) in the references`);
    }
    expect(problems).toEqual([]);
  });

  it('draws every figure as SVG charts with marks (or a table with rows), a caption and provenance', () => {
    const problems: string[] = [];
    let figures = 0;
    for (const v of pages()) {
      for (const [i, f] of v.facts.figures.entries()) {
        figures++;
        const where = `${v.path}: figure ${f.id ?? `#${i} (no data-figure)`}`;
        if (!f.id) problems.push(`${where}: missing data-figure`);
        if (f.panels.length === 0 && f.tableRows === 0) problems.push(`${where}: neither a .panel nor a table with rows`);
        for (const [j, p] of f.panels.entries()) {
          const at = `${where}, panel ${j + 1} "${p.title}"`;
          if (p.svgs === 0) problems.push(`${at}: no <svg>`);
          else if (p.width < 50 || p.height < 50) problems.push(`${at}: svg is ${p.width}x${p.height} px`);
          if (p.marks <= 10) problems.push(`${at}: only ${p.marks} circle/path/line/rect elements`);
          if (!p.markGroups.some((g) => !/axis|rule|frame|grid/.test(g))) {
            problems.push(`${at}: no data marks, only [${p.markGroups.join(', ')}]`);
          }
        }
        if (!f.caption) problems.push(`${where}: empty figcaption`);
        if (!f.hasProvenance) problems.push(`${where}: no details.provenance`);
        const data = f.provenance.filter((l) => l.provenance === 'data').map((l) => sitePath(l.href));
        for (const ext of ['json', 'csv']) {
          if (!data.includes(`/data/${f.id}.${ext}`)) problems.push(`${where}: no data link to /data/${f.id}.${ext} (has ${data.join(', ')})`);
        }
        if (!f.provenance.some((l) => l.provenance === 'source')) problems.push(`${where}: no source links`);
      }
    }
    expect(problems).toEqual([]);
    expect(figures, 'figures on the whole site').toBeGreaterThan(0);
  });

  it('serves the layer files of the dense marks, as SVG holding the marks the page says, drawn from their PNG', async () => {
    const problems: string[] = [];
    const layers = pages().flatMap((v) =>
      v.facts.figures.flatMap((f) => f.panels.flatMap((p) => p.layers.map((l) => ({ ...l, where: `${v.path}: figure ${f.id}` })))),
    );
    for (const l of layers) {
      const res = await get(sitePath(l.svg));
      const marks = (res.text.match(/<(circle|path|rect)\b/g) ?? []).length;
      if (res.status !== 200 || !res.type.includes('image/svg+xml')) problems.push(`${l.where}: layer ${l.svg}: HTTP ${res.status}, ${res.type}`);
      else if (!res.text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') || marks !== l.marks)
        problems.push(`${l.where}: layer ${l.svg} holds ${marks} marks, the page says ${l.marks}`);
      // the page draws the layer's raster (an SVG image is decoded on the main thread), made from the same file
      if (l.href.replace(/\.png$/, '.svg') !== l.svg) problems.push(`${l.where}: the chart draws ${l.href}, not the PNG of ${l.svg}`);
      const png = await get(sitePath(l.href));
      if (png.status !== 200 || !png.type.includes('image/png') || !png.text.slice(1, 4).includes('PNG'))
        problems.push(`${l.where}: layer ${l.href}: HTTP ${png.status}, ${png.type}`);
    }
    expect(problems).toEqual([]);
    expect(layers.length, 'layer files on the whole site').toBeGreaterThan(0);
  });

  it('serves every provenance link (source copies and data files)', async () => {
    const problems: string[] = [];
    const links = pages().flatMap((v) => [...v.facts.links.filter((l) => l.provenance).map((l) => ({ page: v.path, link: l }))]);
    expect(links.length, 'provenance links on the whole site').toBeGreaterThan(0);
    for (const { page, link } of links) {
      const where = `${page}: ${link.provenance} link "${link.text}" -> ${link.href}`;
      if (!sameOrigin(link.href)) {
        problems.push(`${where}: not on this site`);
        continue;
      }
      const target = sitePath(link.href);
      const res = await get(target);
      if (res.status !== 200) problems.push(`${where}: HTTP ${res.status}`);
      else if (res.text.trim().length === 0) problems.push(`${where}: empty body`);
      if (link.provenance === 'source') {
        const m = /^\/source\/(.+)\.txt$/.exec(target);
        if (!m) problems.push(`${where}: not of the form /source/<path>.txt`);
        else if (!existsSync(path.join(ROOT, m[1]!))) problems.push(`${where}: ${m[1]} is not a file of the repository`);
      } else if (link.provenance === 'data') {
        if (!/^\/data\/(runs\/)?[^/]+\.(json|csv)$/.test(target))
          problems.push(`${where}: not of the form /data/<figure>.(json|csv) or /data/runs/<figure>.csv`);
      } else {
        problems.push(`${where}: unknown data-provenance value`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('offers figure data as JSON and CSV that agree', async () => {
    const problems: string[] = [];
    const ids = [...new Set(pages().flatMap((v) => v.facts.figures.map((f) => f.id).filter((id): id is string => !!id)))];
    expect(ids.length, 'figure ids on the whole site').toBeGreaterThan(0);
    for (const id of ids) {
      const where = `/data/${id}`;
      const json = await get(`/data/${id}.json`);
      const csv = await get(`/data/${id}.csv`);
      if (json.status !== 200 || csv.status !== 200) {
        problems.push(`${where}: .json HTTP ${json.status}, .csv HTTP ${csv.status}`);
        continue;
      }
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(json.text);
      } catch (e) {
        problems.push(`${where}.json: does not parse: ${(e as Error).message}`);
        continue;
      }
      if (data.figure !== id) problems.push(`${where}.json: figure is ${JSON.stringify(data.figure)}`);
      if (typeof data.experiment !== 'string' || !data.experiment) problems.push(`${where}.json: experiment is ${JSON.stringify(data.experiment)}`);
      if (typeof data.key !== 'string' || !/^[0-9a-f]{64}$/.test(data.key))
        problems.push(`${where}.json: key is ${JSON.stringify(data.key)}, not 64 hex digits`);
      if (!('commit' in data)) problems.push(`${where}.json: no commit`);
      else if (data.commit !== null && !(typeof data.commit === 'string' && /^[0-9a-f]{40}$/.test(data.commit))) {
        problems.push(`${where}.json: commit is ${JSON.stringify(data.commit)}`);
      }
      if (data.profile !== PROFILE) problems.push(`${where}.json: profile is ${JSON.stringify(data.profile)}, built with ${PROFILE}`);
      const rows = data.rows;
      if (!Array.isArray(rows) || rows.length === 0) {
        problems.push(`${where}.json: rows is not a non-empty array`);
        continue;
      }
      const table = csvParse(csv.text.trim());
      if (!table.columns.includes('mark')) problems.push(`${where}.csv: header [${table.columns.join(', ')}] has no "mark"`);
      if (table.length !== rows.length) problems.push(`${where}.csv: ${table.length} rows, the JSON has ${rows.length}`);
      const marks = (rows as Record<string, unknown>[]).map((r) => String(r.mark ?? ''));
      const first = table.findIndex((r, i) => r.mark !== marks[i]);
      if (first >= 0) problems.push(`${where}.csv: row ${first + 1} has mark ${JSON.stringify(table[first]!.mark)}, the JSON ${JSON.stringify(marks[first])}`);
      // the provenance panel's per-run table, as a download: the JSON's cells, in order
      const runs = await get(`/data/runs/${id}.csv`);
      const cells = (data.cells ?? []) as { id: string; key: string }[];
      if (runs.status !== 200) problems.push(`/data/runs/${id}.csv: HTTP ${runs.status}`);
      else {
        const runRows = csvParse(runs.text.trim());
        const keys = runRows.map((r) => `${r.cell} ${r.key}`).join('\n');
        if (keys !== cells.map((c) => `${c.id} ${c.key}`).join('\n'))
          problems.push(`/data/runs/${id}.csv: ${runRows.length} runs (cell and key) that are not the JSON's ${cells.length} cells`);
      }
    }
    expect(problems).toEqual([]);
  });
  it('says in the provenance panel what the figure data says: packages, and TensorFlow.js only when used', async () => {
    const problems: string[] = [];
    for (const v of pages()) {
      for (const f of v.facts.figures) {
        if (!f.id) continue;
        const where = `${v.path}: figure ${f.id}`;
        const res = await get(`/data/${f.id}.json`);
        if (res.status !== 200) continue; // reported by the data test
        const data = JSON.parse(res.text) as { packages: Record<string, string>; tensorflow: { backends: string[] } | null };
        if (f.packages === null || f.tensorflow === null) {
          problems.push(`${where}: provenance has no Packages or TensorFlow.js row`);
          continue;
        }
        for (const [name, version] of Object.entries(data.packages)) {
          if (!f.packages.includes(`${name} ${version}`)) problems.push(`${where}: Packages row "${f.packages}" lacks ${name} ${version}`);
        }
        if (data.tensorflow === null) {
          if (!f.tensorflow.startsWith('not used')) problems.push(`${where}: no run uses TensorFlow.js, the panel says "${f.tensorflow}"`);
          if (f.packages.includes('@tensorflow/')) problems.push(`${where}: no run uses TensorFlow.js, yet Packages lists "${f.packages}"`);
        } else {
          for (const b of data.tensorflow.backends)
            if (!f.tensorflow.includes(b)) problems.push(`${where}: TensorFlow.js row "${f.tensorflow}" lacks backend ${b}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('passes the accessibility checks on every page at 1280 and 390 px, and text contrast in the dark theme', () => {
    const problems: string[] = [];
    for (const v of pages()) for (const p of v.audit) problems.push(`${v.path} (1280 px): ${p}`);
    for (const v of phoneVisits.values()) {
      for (const p of v.audit) problems.push(`${v.path} (390 px): ${p}`);
      for (const p of v.darkAudit) problems.push(`${v.path} (dark theme): ${p}`);
    }
    expect(phoneVisits.size, 'pages visited at phone width').toBe(visits.size);
    expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);
  });

  it('finds each kind of accessibility problem it checks for (a page made to have them)', async () => {
    const page = await context!.newPage();
    try {
      await page.setContent(`<!doctype html><html><body>
        <div aria-label="named div">x</div>
        <div style="width:100px;height:40px;overflow:auto"><p style="width:400px">wide text</p></div>
        <p style="color:#aaa">faint text</p>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <a href="#x"></a><button></button><input type="text">
        <span id="twice">a</span><span id="twice">b</span>
        <svg role="img" width="10" height="10"></svg>
      </body></html>`);
      const found = new Set((await page.evaluate(auditPage, false)).map((p) => p.split(':')[0]));
      const rules = [
        'aria-prohibited-attr',
        'scrollable-region-focusable',
        'color-contrast',
        'image-alt',
        'link-name',
        'button-name',
        'label',
        'duplicate-id',
        'html-has-lang',
        'svg-img-alt',
      ];
      expect(rules.filter((r) => !found.has(r))).toEqual([]);
      await page.setViewportSize({ width: 300, height: 600 });
      await page.setContent(
        '<!doctype html><html lang="en"><body><figure class="cc-figure" data-figure="t"><svg width="600" height="50" viewBox="0 0 600 50" style="width:300px"><text y="20" font-size="12">halved</text></svg></figure></body></html>',
      );
      expect(await page.evaluate(smallFigureText, MIN_TEXT_PX)).toEqual(['t: SVG text "halved" at 6.0 px']);
    } finally {
      await page.close();
    }
  });

  it.skipIf(!AXE_SOURCE)('has no axe-core violations on any page at 1280 and 390 px (axe-core installed)', () => {
    const problems: string[] = [];
    for (const v of pages()) for (const p of v.axe) problems.push(`${v.path} (1280 px): ${p}`);
    for (const v of phoneVisits.values()) for (const p of v.axe) problems.push(`${v.path} (390 px): ${p}`);
    expect(problems.slice(0, 40), `${problems.length} violations`).toEqual([]);
  });

  it(`renders no figure text smaller than ${MIN_TEXT_PX} px at ${PHONE.width} px`, () => {
    const problems = [...phoneVisits.values()].flatMap((v) => v.smallText.map((t) => `${v.path}: ${t}`));
    expect(problems.slice(0, 40), `${problems.length} texts`).toEqual([]);
  });

  it(`cuts nothing off at ${PHONE.width} px: what is wider than the screen scrolls sideways`, () => {
    const problems = [...phoneVisits.values()].flatMap((v) => v.cutOff.map((t) => `${v.path}: ${t}`));
    expect(problems.slice(0, 40), `${problems.length} elements`).toEqual([]);
  });
});
