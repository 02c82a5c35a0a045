/**
 * A built site for browser tests: a copy of this project (./fixture.ts
 * ProjectCopy) with only some content pages, its experiments run at the
 * quick profile (from the copied store), built with Astro, its dist/ served
 * on 127.0.0.1, and headless Chromium (playwright-core).
 *
 * Test files that ask for the same pages share one build within a vitest
 * run: ./globalSetup.ts provides a temporary folder, where the first such
 * file leaves the built copy and the next ones find it (vitest runs the
 * files one at a time, fileParallelism: false); the folder is removed when
 * the run ends. Without it (vitest run with another config) each file builds
 * its own copy and removes it. `distEnv`: the name of a variable that, when
 * set, names a dist/ built already to test instead.
 *
 * Nothing is written into this working tree.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { ProjectCopy } from './fixture.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** dist/ as a file server: a directory answers with its index.html, anything else missing with 404. */
export function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = path.join(dir, path.normalize(pathname));
    if (file.startsWith(dir) && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const type =
      { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' }[path.extname(file)] ??
      'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** uncaught errors of the page (and console errors, with `consoleErrors`) */
  errors: string[];
  /** pathnames of the scripts the page requested */
  scripts: string[];
}

/** The folder ./globalSetup.ts provides for this run's shared builds, if any. */
function sharedFolder(): string | undefined {
  try {
    const dir = inject('sharedSites');
    return dir && existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Copy the project, keep only the `keep` content pages, run the experiments at the quick profile and build. */
function buildCopy(prefix: string, keep: string[]): ProjectCopy {
  const copy = new ProjectCopy(prefix);
  for (const file of readdirSync(path.join(copy.root, 'content'))) if (!keep.includes(file)) rmSync(path.join(copy.root, 'content', file));
  copy.experiments(['--profile', 'quick', '--jobs', '1']);
  const r = copy.build();
  if (r.status !== 0) {
    copy.remove();
    throw new Error(`astro build in ${copy.root} failed (exit ${r.status}):\n${r.output.split('\n').slice(-60).join('\n')}`);
  }
  return copy;
}

export class TestSite {
  /** the built project (its results/ and dist/), or undefined when testing a dist/ named by `distEnv` */
  root: string | undefined;
  dist = '';
  origin = '';
  browser!: Browser;
  private server: Server | undefined;
  private owned: ProjectCopy | undefined;

  /** Build (or find) the site with the content pages `keep`, serve it and launch Chromium. */
  static async start(options: { prefix: string; keep: string[]; distEnv?: string }): Promise<TestSite> {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    const site = new TestSite();
    const prebuilt = options.distEnv ? process.env[options.distEnv] : undefined;
    if (prebuilt) {
      site.dist = path.resolve(prebuilt);
    } else {
      const shared = sharedFolder();
      const name = [...options.keep]
        .sort()
        .join('+')
        .replace(/[^A-Za-z0-9+.-]/g, '_');
      const at = shared ? path.join(shared, name) : undefined;
      if (at && existsSync(path.join(at, '.built'))) {
        site.root = at;
      } else {
        const copy = buildCopy(options.prefix, options.keep);
        if (at) {
          mkdirSync(path.dirname(at), { recursive: true });
          renameSync(copy.root, at);
          writeFileSync(path.join(at, '.built'), `${options.keep.join('\n')}\n`);
          site.root = at;
        } else {
          site.owned = copy;
          site.root = copy.root;
        }
      }
      site.dist = path.join(site.root, 'dist');
    }
    site.server = await serve(site.dist);
    site.origin = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
    site.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    return site;
  }

  /** Open `at` (a path of the site) in a new context; collects the page's errors and the scripts it requests. */
  async openPage(at: string, options: { javaScriptEnabled?: boolean; consoleErrors?: boolean } = {}): Promise<OpenedPage> {
    const { consoleErrors, ...contextOptions } = options;
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
    const page = await context.newPage();
    const errors: string[] = [];
    if (consoleErrors)
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    page.on('pageerror', (e) => errors.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(this.origin + at, { waitUntil: 'load' });
    return { context, page, errors, scripts };
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => {});
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.owned?.remove();
  }
}
