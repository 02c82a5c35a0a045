/**
 * "Re-run in your browser" in Chromium (src/components/FigureRerun.astro,
 * src/components/islands/rerun.ts and rerun.worker.ts). beforeAll copies the
 * project to a temporary folder (test/helpers/fixture.ts), keeps the luo2021
 * and zhou2022 pages, runs the experiments at the quick profile (from the
 * copied store), builds the site and serves the copy's dist/ on 127.0.0.1.
 * Nothing is written into this working tree. RERUN_TEST_DIST=<dir> tests a
 * dist/ built already instead.
 *
 * Checked: re-running a luo2021 Fig. 2 cell (two-layer kernel), all three of
 * its cells, and a zhou2022 Table 2 cell (three-layer kernel) in the page
 * reproduces the stored digest, and the key recomputed from the worker's
 * source hashes is the stored key; a stored result altered (with its digest
 * made consistent, as a store computed differently would be) is reported as
 * a mismatch naming the field and by how much; stored inputs that name other
 * code (key made consistent) are reported as a key mismatch naming the file;
 * before the button is pressed no re-run code loads; without JavaScript the
 * panel stays hidden.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultDigest } from '../../src/pipeline/integrity.js';
import { type CellInputs, cellKey } from '../../src/pipeline/keys.js';
import { ProjectCopy } from '../helpers/fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KEEP = ['luo2021.mdx', 'zhou2022.mdx'];

let copy: ProjectCopy | undefined;
let dist = '';
let server: Server | undefined;
let browser: Browser | undefined;
let origin = '';

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
      { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' }[path.extname(file)] ??
      'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

interface StoredCell {
  key: string;
  digest: string;
  inputs: CellInputs;
  result: Record<string, unknown>;
}

/** The stored entry of a cell as the site serves it. */
const servedEntry = (figure: string, key: string) => JSON.parse(readFileSync(path.join(dist, 'rerun', figure, `${key}.json`), 'utf8')) as StoredCell;

async function openPage(at: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(origin + at, { waitUntil: 'load' });
  return { context, page, errors, scripts };
}

const panel = (page: Page, figure: string) => page.locator(`figure[data-figure="${figure}"] [data-rerun]`);

/** Press the button (after choosing `option`, a cell's key or 'all') and wait for the verdict. */
async function rerun(page: Page, figure: string, option?: string | { label: string }): Promise<{ state: string; text: string }> {
  const box = panel(page, figure);
  if (option) await box.locator('[data-rerun-cell]').selectOption(option);
  await box.locator('[data-rerun-start]').click();
  await expect.poll(() => box.getAttribute('data-state'), { timeout: 110_000 }).toMatch(/^(reproduced|mismatch|error)$/);
  return { state: (await box.getAttribute('data-state')) ?? '', text: (await box.locator('[data-rerun-status]').textContent()) ?? '' };
}

/** The keys offered by a figure's panel, in order (without 'all'). */
const offeredKeys = (page: Page, figure: string) =>
  panel(page, figure)
    .locator('[data-rerun-cell] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => /^[0-9a-f]{64}$/.test(v)));

/** Serve a changed copy of every stored entry of `figure`. */
const alterEntries = (page: Page, figure: string, change: (entry: StoredCell) => void) =>
  page.route(`**/rerun/${figure}/*.json`, async (route: Route) => {
    const response = await route.fetch();
    const entry = (await response.json()) as StoredCell;
    change(entry);
    await route.fulfill({ response, json: entry });
  });

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  if (process.env.RERUN_TEST_DIST) {
    dist = path.resolve(process.env.RERUN_TEST_DIST);
  } else {
    copy = new ProjectCopy('cc-rerun-');
    for (const file of readdirSync(path.join(copy.root, 'content'))) if (!KEEP.includes(file)) rmSync(path.join(copy.root, 'content', file));
    copy.experiments(['--profile', 'quick', '--jobs', '1']);
    const r = copy.build();
    if (r.status !== 0) throw new Error(`astro build in ${copy.root} failed (exit ${r.status}):\n${r.output.split('\n').slice(-60).join('\n')}`);
    dist = path.join(copy.root, 'dist');
  }
  server = await serve(dist);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 600_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  copy?.remove();
}, 60_000);

describe('re-run in your browser', () => {
  it('luo2021 Fig. 2: a cell re-run in the page reproduces the stored digest, under the stored key', async () => {
    const { context, page, errors, scripts } = await openPage('/luo2021/');
    const [key] = await offeredKeys(page, 'luo2021-fig2');
    const stored = servedEntry('luo2021-fig2', key);
    if (copy) expect(JSON.parse(readFileSync(path.join(copy.root, 'results', 'luo2021-fig2', 'cells', `${key}.json`), 'utf8')).digest).toBe(stored.digest);
    const { state, text } = await rerun(page, 'luo2021-fig2', key);
    expect(text).toContain('1 of 1 cell reproduced bit-identically');
    expect(state).toBe('reproduced');
    const verdict = panel(page, 'luo2021-fig2').locator(`[data-cell="${stored.inputs.cell.id}"]`);
    expect(await verdict.getAttribute('data-digest')).toBe(stored.digest);
    expect(await verdict.getAttribute('data-key')).toBe(key);
    // the island was loaded on the press (the check of the last test looks for these names)
    expect(scripts.some((s) => /\/rerun\./.test(s))).toBe(true);
    console.log(
      `luo2021-fig2 ${stored.inputs.cell.id} (m = ${(stored.inputs.cell.params as { m: number }).m}): ${Number(await verdict.getAttribute('data-seconds')).toFixed(3)} s in Chromium`,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('luo2021 Fig. 2: all three cells reproduce', async () => {
    const { context, page } = await openPage('/luo2021/');
    const keys = await offeredKeys(page, 'luo2021-fig2');
    expect(keys).toHaveLength(3);
    const { state, text } = await rerun(page, 'luo2021-fig2', { label: 'all 3 cells' });
    expect(text).toContain('3 of 3 cells reproduced bit-identically');
    expect(state).toBe('reproduced');
    await context.close();
  });

  it('zhou2022 Table 2: a three-layer cell re-run in the page reproduces the stored digest', async () => {
    const { context, page, errors } = await openPage('/zhou2022/');
    const [key] = await offeredKeys(page, 'zhou2022-table2');
    const stored = servedEntry('zhou2022-table2', key);
    const { state, text } = await rerun(page, 'zhou2022-table2', key);
    expect(text).toContain('1 of 1 cell reproduced bit-identically');
    expect(state).toBe('reproduced');
    const verdict = panel(page, 'zhou2022-table2').locator(`[data-cell="${stored.inputs.cell.id}"]`);
    expect(await verdict.getAttribute('data-digest')).toBe(stored.digest);
    console.log(`zhou2022-table2 ${stored.inputs.cell.id}: ${Number(await verdict.getAttribute('data-seconds')).toFixed(3)} s in Chromium`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('zhou2022 Table 2: a sample of three cells, fixed by the store, reproduces', async () => {
    const { context, page } = await openPage('/zhou2022/');
    const keys = await offeredKeys(page, 'zhou2022-table2');
    expect(keys.length).toBeGreaterThan(3);
    const sample = await panel(page, 'zhou2022-table2').locator('[data-rerun-cell] option', { hasText: 'a sample of 3 cells' }).getAttribute('value');
    // the eligible cells with the smallest keys: every eligible cell has its entry served under rerun/
    const served = readdirSync(path.join(dist, 'rerun', 'zhou2022-table2')).map((f) => f.replace(/\.json$/, ''));
    expect(served).toEqual(expect.arrayContaining(keys));
    expect(sample?.slice('cells:'.length).split(',').sort()).toEqual(served.sort().slice(0, 3));
    const { state, text } = await rerun(page, 'zhou2022-table2', sample ?? '');
    expect(text).toContain('3 of 3 cells reproduced bit-identically');
    expect(state).toBe('reproduced');
    await context.close();
  });

  it('a stored result that differs from what the code computes is reported, field by field', async () => {
    const { context, page } = await openPage('/luo2021/');
    const [key] = await offeredKeys(page, 'luo2021-fig2');
    const original = servedEntry('luo2021-fig2', key);
    const curve = original.result.curve as { f: number[] };
    const altered = curve.f[100] + 1e-3;
    // a store whose result (and, consistently, digest) differ: only re-running can tell
    await alterEntries(page, 'luo2021-fig2', (entry) => {
      (entry.result.curve as { f: number[] }).f[100] = altered;
      entry.digest = resultDigest(entry.result);
    });
    const { state, text } = await rerun(page, 'luo2021-fig2', key);
    expect(state).toBe('mismatch');
    expect(text).toContain('0 of 1 cell reproduced bit-identically');
    expect(text).toContain('does not match the store');
    expect(text).toMatch(/result digest [0-9a-f]{12}… ≠ stored digest/);
    expect(text).toContain(`1 field of cell ${original.inputs.cell.id} differs from the store`);
    expect(text).toContain(`result.curve.f[100]: ${altered} stored, ${curve.f[100]} re-run (|Δ| = `);
    await context.close();
  });

  it('stored inputs that name other code are reported as a key mismatch, naming the file', async () => {
    const { context, page } = await openPage('/luo2021/');
    const [key] = await offeredKeys(page, 'luo2021-fig2');
    const file = 'src/engine/train/gd.ts';
    const other = 'f'.repeat(64);
    await alterEntries(page, 'luo2021-fig2', (entry) => {
      const source = entry.inputs.code.find((s) => s.file === file);
      if (!source) throw new Error(`${file} is not in the import graph of luo2021-fig2`);
      source.sha256 = other;
      entry.key = cellKey(entry.inputs);
    });
    const { state, text } = await rerun(page, 'luo2021-fig2', key);
    expect(state).toBe('mismatch');
    expect(text).toMatch(/key recomputed from the browser bundle's sources [0-9a-f]{12}… ≠ stored key/);
    expect(text).toContain(`${file}: ffffffffffff… in the key, `);
    // the result itself still reproduces: only the key differs
    expect(text).not.toContain('result digest');
    await context.close();
  });

  it('before the button is pressed no re-run code loads; without JavaScript the panel stays hidden', async () => {
    const { context, page, scripts } = await openPage('/luo2021/');
    await expect.poll(() => panel(page, 'luo2021-fig2').isVisible()).toBe(true);
    await page.locator('figure[data-figure="luo2021-fig2"] .panel').first().hover();
    await page.waitForTimeout(300);
    expect(scripts.filter((s) => /\/(rerun|run)[.-]/.test(s))).toEqual([]);
    await context.close();
    const noJs = await openPage('/luo2021/', { javaScriptEnabled: false });
    expect(await panel(noJs.page, 'luo2021-fig2').count()).toBe(1);
    expect(await panel(noJs.page, 'luo2021-fig2').isVisible()).toBe(false);
    expect(await noJs.page.locator('figure[data-figure="luo2021-fig2"] svg').count()).toBeGreaterThan(0);
    await noJs.context.close();
  });

  it('the browser bundle reads no files: no Node built-ins in any script of the site', () => {
    const assets = path.join(dist, '_astro');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => /^rerun\.worker-/.test(f))).toBe(true);
    const offending = scripts.filter((f) =>
      /\b(readFileSync|readdirSync|createReadStream)\b|["'`]node:|from\s*["'`]fs["'`]/.test(readFileSync(path.join(assets, f), 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
