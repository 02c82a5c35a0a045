/**
 * The introduction's slider island in Chromium. beforeAll copies the project
 * to a temporary folder (test/helpers/fixture.ts), keeps only the
 * introduction among the content pages, runs its experiments at the quick
 * profile (from the copied store), builds the site with Astro and serves the
 * copy's dist/ on 127.0.0.1. Nothing is written into this working tree.
 *
 * Checked: moving the slider redraws the scatter of neuron features (and the
 * panel titles) for the chosen step; without JavaScript the page still shows
 * the static figure at the last step and no controls; the island's script is
 * loaded by the introduction only; and the page's weight stays modest.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectCopy } from '../helpers/fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE = '/introduction/';

let copy: ProjectCopy;
let dist = '';
let server: Server | undefined;
let browser: Browser | undefined;
let origin = '';

/** dist/ as a file server: a directory answers with its index.html. */
function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = path.join(dir, path.normalize(pathname));
    if (file.startsWith(dir) && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const type =
      { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

/** The module scripts an HTML file loads (their src, under dist/). */
const moduleScripts = (html: string) => [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);

/** Centre of every dot of the figure's first panel (the neuron features), in document order. */
async function featureDots(page: Page): Promise<string[]> {
  return page.$$eval('figure[data-figure="introduction-demo"] .panel:first-of-type svg circle', (circles) =>
    circles.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`),
  );
}

const panelTitles = (page: Page) =>
  page.$$eval('figure[data-figure="introduction-demo"] .panel-title', (titles) => titles.map((t) => (t.textContent ?? '').trim()));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  copy = new ProjectCopy('cc-intro-island-');
  for (const file of readdirSync(path.join(copy.root, 'content'))) if (file !== 'introduction.mdx') rmSync(path.join(copy.root, 'content', file));
  copy.experiments(['introduction-demo', 'introduction-cnn', 'introduction-regimes', '--profile', 'quick', '--jobs', '1']);
  const r = copy.build();
  if (r.status !== 0) throw new Error(`astro build in ${copy.root} failed (exit ${r.status}):\n${r.output.split('\n').slice(-60).join('\n')}`);
  dist = path.join(copy.root, 'dist');
  server = await serve(dist);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 600_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  copy?.remove();
}, 60_000);

describe('the introduction’s slider island', () => {
  it('moving the slider changes the drawn scatter and the step in the titles', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin + PAGE, { waitUntil: 'load' });
    const slider = page.locator('figure[data-figure="introduction-demo"] [data-demo-slider] input[type="range"]');
    await slider.waitFor({ state: 'visible', timeout: 10_000 });
    const last = Number(await slider.getAttribute('max'));
    expect(last).toBeGreaterThan(5);
    const atEnd = await featureDots(page);
    expect(atEnd.length).toBeGreaterThan(10);
    const endTitles = await panelTitles(page);

    await slider.fill('0'); // sets the value and fires input
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLElement>('figure[data-figure="introduction-demo"]')?.dataset.demoStep)).toBe('0');
    const atStart = await featureDots(page);
    expect(atStart.length).toBeGreaterThan(10);
    expect(atStart).not.toEqual(atEnd);
    expect(await panelTitles(page)).toEqual(endTitles.map((t) => t.replace(/step [\d,]+/, 'step 0')));
    expect(await page.locator('[data-demo-output]').textContent()).toBe('step 0');

    // back at the last step: the build's drawing again (which rounds coordinates to 0.1 px, and the island's
    // embedded snapshots round A to 3 significant digits), to within a pixel
    await slider.fill(String(last));
    await expect
      .poll(() => page.evaluate(() => document.querySelector<HTMLElement>('figure[data-figure="introduction-demo"]')?.dataset.demoStep))
      .not.toBe('0');
    const again = (await featureDots(page)).map((p) => p.split(',').map(Number));
    expect(again).toHaveLength(atEnd.length);
    const gap = Math.max(...again.map(([x, y], k) => Math.hypot(x - Number(atEnd[k].split(',')[0]), y - Number(atEnd[k].split(',')[1]))));
    expect(gap).toBeLessThan(1);
    // the redrawn chart stays one named image, as the static one
    expect(await page.getAttribute('figure[data-figure="introduction-demo"] .panel:first-of-type svg', 'role')).toBe('img');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without JavaScript: the static figure at the last step, no controls', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(origin + PAGE, { waitUntil: 'load' });
    expect(await page.locator('[data-demo-slider]').isVisible()).toBe(false);
    expect((await featureDots(page)).length).toBeGreaterThan(10);
    const titles = await panelTitles(page);
    expect(titles).toHaveLength(3);
    const max = await page.getAttribute('[data-demo-slider] input[type="range"]', 'max');
    const steps = JSON.parse((await page.locator('[data-demo-slider] script[data-demo-data]').textContent()) ?? '{}').steps as number[];
    expect(steps).toHaveLength(Number(max) + 1);
    expect(titles[0]).toContain(`step ${steps.at(-1)!.toLocaleString('en-US')}`);
    await context.close();
  });

  it('loads the island’s script on the introduction only, at a modest weight', () => {
    const html = readFileSync(path.join(dist, 'introduction', 'index.html'), 'utf8');
    const scripts = moduleScripts(html);
    expect(scripts).toHaveLength(1);
    for (const other of ['index.html', '404.html']) {
      const file = path.join(dist, other);
      if (existsSync(file)) expect(moduleScripts(readFileSync(file, 'utf8')), other).toEqual([]);
    }
    const jsBytes = statSync(path.join(dist, scripts[0])).size;
    const htmlBytes = Buffer.byteLength(html);
    console.log(`introduction: HTML ${(htmlBytes / 1024).toFixed(0)} KB, island script ${(jsBytes / 1024).toFixed(0)} KB`);
    expect(htmlBytes).toBeLessThan(600 * 1024);
    expect(jsBytes).toBeLessThan(400 * 1024);
  });
});
