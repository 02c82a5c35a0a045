/**
 * npm run lighthouse [-- --build] [--dist DIR] [--out DIR] [--min 90] [--pages /,/luo2021/]
 *
 * Lighthouse (the npm `lighthouse` package, a devDependency: `npm i -D -E
 * lighthouse@12.2.3`) on every page of the built site, mobile and desktop,
 * in Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH), offline: the
 * site is served by `astro preview` on 127.0.0.1 and makes no request
 * elsewhere. Prints the four category scores (performance, accessibility,
 * best practices, SEO) per page and form factor, and the site's weight
 * (scripts/site-weight.ts); writes each report's JSON and a summary to
 * .build/lighthouse/ (not committed).
 *   --build       run `npm run build` first (paper profile); otherwise dist/ as it is
 *   --dist DIR    the built site (default: dist); served with `astro preview --outDir`
 *   --out DIR     where the reports go (default: .build/lighthouse)
 *   --min N       exit 1 when any score is below N (default: report only)
 *   --pages LIST  comma-separated site paths (default: every dist/**\/index.html)
 * Scores depend on the machine's load (performance most): say so with them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { siteWeight } from './site-weight.js';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const { values } = parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: '.build/lighthouse' },
    min: { type: 'string' },
    pages: { type: 'string' },
  },
});

function pagesOf(dir: string, prefix = '/'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'index.html') out.push(prefix);
    if (entry.isDirectory()) out.push(...pagesOf(path.join(dir, entry.name), `${prefix}${entry.name}/`));
  }
  return out.sort();
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the preview server did not answer at ${url} within ${ms / 1000} s`);
}

/** The parts of lighthouse's and chrome-launcher's APIs used here (typed locally: the packages are optional). */
interface Lhr {
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { numericValue?: number } | undefined>;
}
type Lighthouse = (url: string, flags: object, config?: object) => Promise<{ lhr: Lhr } | undefined>;
type Launch = (options: { chromePath: string; chromeFlags: string[] }) => Promise<{ port: number; kill: () => Promise<void> | void }>;
/** A module by a name held in a variable: TypeScript does not resolve it (lighthouse may be absent). */
const load = (name: string) => import(name) as Promise<Record<string, unknown>>;

async function main() {
  let lighthouse: Lighthouse;
  let desktopConfig: object;
  let launch: Launch;
  try {
    lighthouse = (await load('lighthouse')).default as Lighthouse;
    desktopConfig = (await load('lighthouse/core/config/desktop-config.js')).default as object;
    launch = (await load('chrome-launcher')).launch as Launch;
  } catch (e) {
    console.error(`lighthouse is not installed (${(e as Error).message.split('\n')[0]}): npm i -D -E lighthouse@12.2.3`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  if (values.build) {
    const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
  }
  const dist = path.resolve(values.dist);
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html missing: build the site first (npm run build, or --build)`);
  const pages = values.pages ? values.pages.split(',') : pagesOf(dist);
  const out = path.resolve(values.out);
  mkdirSync(out, { recursive: true });

  const port = await freePort();
  const preview = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port), '--outDir', dist], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const summary: { page: string; formFactor: string; scores: Record<string, number | null>; lcpMs: number | null; tbtMs: number | null }[] = [];
  try {
    await waitFor(`${origin}/`, 60_000);
    for (const page of pages) {
      for (const formFactor of ['mobile', 'desktop'] as const) {
        const result = await lighthouse(
          origin + page,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
          formFactor === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`lighthouse returned nothing for ${page} (${formFactor})`);
        const { lhr } = result;
        const name = `${page.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home'}-${formFactor}.json`;
        writeFileSync(path.join(out, name), JSON.stringify(lhr));
        const scores = Object.fromEntries(
          CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
        );
        const lcp = lhr.audits['largest-contentful-paint']?.numericValue ?? null;
        const tbt = lhr.audits['total-blocking-time']?.numericValue ?? null;
        summary.push({ page, formFactor, scores, lcpMs: lcp, tbtMs: tbt });
        console.log(
          `${page.padEnd(16)} ${formFactor.padEnd(8)} ${CATEGORIES.map((c) => `${c} ${scores[c] ?? '—'}`).join('  ')}  (LCP ${lcp == null ? '—' : `${(lcp / 1000).toFixed(1)} s`})`,
        );
      }
    }
  } finally {
    await chrome.kill();
    if (preview.pid) process.kill(-preview.pid);
  }
  const weight = siteWeight(dist).map(({ page, bytes, elements }) => ({ page, bytes, elements }));
  writeFileSync(path.join(out, 'summary.json'), `${JSON.stringify({ at: new Date().toISOString(), origin, summary, weight }, null, 2)}\n`);
  console.log(`\nreports in ${path.relative(process.cwd(), out)}/ (summary.json); scores vary with the machine's load`);
  if (values.min !== undefined) {
    const min = Number(values.min);
    const low = summary.flatMap((s) => CATEGORIES.filter((c) => (s.scores[c] ?? 0) < min).map((c) => `${s.page} ${s.formFactor} ${c} ${s.scores[c]}`));
    if (low.length > 0) {
      console.error(`below ${min}:\n  ${low.join('\n  ')}`);
      process.exit(1);
    }
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
