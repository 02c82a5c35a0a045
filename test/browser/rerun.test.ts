/**
 * "Re-run in your browser" in Chromium (src/components/FigureRerun.astro,
 * src/components/islands/rerun.ts and rerun.worker.ts), on the site of
 * test/helpers/site.ts: a copy of the project with the chen2023, luo2021 and
 * zhou2022 pages, its experiments run at the quick profile (from the copied
 * store), built and served on 127.0.0.1; the build is shared with
 * test/browser/islands.test.ts. Nothing is written into this working tree.
 * RERUN_TEST_DIST=<dir> tests a dist/ built already instead.
 *
 * Checked: re-running a luo2021 Fig. 2 cell (two-layer kernel), all three of
 * its cells, a zhou2022 Table 2 cell and a sample (three-layer kernel), the
 * four chen2023 activations (two-layer smooth kernel), a zhou2022 Fig. 4 cell
 * and a sample of the (γ₂, γ₃) grid in the page reproduces the stored digests,
 * and the key recomputed from the worker's source hashes is the stored key;
 * a figure whose training reads MNIST says so instead of offering the button;
 * a stored result altered (with its digest made consistent, as a store
 * computed differently would be) is reported as a mismatch naming the field
 * and by how much; stored inputs that name other code (key made consistent)
 * are reported as a key mismatch naming the file; before the button is
 * pressed no re-run code loads, and no form field is in the page as it
 * loads (the cell menu is put in as its figure nears the viewport); without
 * JavaScript the panel stays hidden.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultDigest } from '../../src/pipeline/integrity.js';
import { type CellInputs, cellKey } from '../../src/pipeline/keys.js';
import { TestSite } from '../helpers/site.js';

/** the content pages built (the same as test/browser/islands.test.ts: one build serves both files) */
const KEEP = ['chen2023.mdx', 'luo2021.mdx', 'zhou2022.mdx'];

let site: TestSite;
let dist = '';

interface StoredCell {
  key: string;
  digest: string;
  inputs: CellInputs;
  result: Record<string, unknown>;
}

/** The stored entry of a cell as the site serves it (once per experiment: /rerun/<experiment>/<key>.json). */
const servedEntry = (experiment: string, key: string) => JSON.parse(readFileSync(path.join(dist, 'rerun', experiment, `${key}.json`), 'utf8')) as StoredCell;

const openPage = (at: string, options: { javaScriptEnabled?: boolean } = {}) => site.openPage(at, options);

const panel = (page: Page, figure: string) => page.locator(`figure[data-figure="${figure}"] [data-rerun]`);

/** A panel's cell menu: put in from its <template> when the figure nears the viewport, so scrolled to first. */
async function menu(page: Page, figure: string) {
  await panel(page, figure).scrollIntoViewIfNeeded();
  const select = panel(page, figure).locator('[data-rerun-cell]');
  await select.waitFor({ state: 'attached' });
  return select;
}

/** Press the button (after choosing `option`, a cell's key or 'all') and wait for the verdict. */
async function rerun(page: Page, figure: string, option?: string | { label: string }): Promise<{ state: string; text: string }> {
  const box = panel(page, figure);
  if (option) await (await menu(page, figure)).selectOption(option);
  await box.locator('[data-rerun-start]').click();
  await expect.poll(() => box.getAttribute('data-state'), { timeout: 110_000 }).toMatch(/^(reproduced|mismatch|error)$/);
  return { state: (await box.getAttribute('data-state')) ?? '', text: (await box.locator('[data-rerun-status]').textContent()) ?? '' };
}

/** The keys offered by a figure's panel, in order (without 'all'). */
const offeredKeys = async (page: Page, figure: string) =>
  (await menu(page, figure))
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => /^[0-9a-f]{64}$/.test(v)));

/** Serve a changed copy of every stored entry of `figure`. */
const alterEntries = (page: Page, experiment: string, change: (entry: StoredCell) => void) =>
  page.route(`**/rerun/${experiment}/*.json`, async (route: Route) => {
    const response = await route.fetch();
    const entry = (await response.json()) as StoredCell;
    change(entry);
    await route.fulfill({ response, json: entry });
  });

beforeAll(async () => {
  site = await TestSite.start({ prefix: 'cc-rerun-', keep: KEEP, distEnv: 'RERUN_TEST_DIST' });
  dist = site.dist;
}, 600_000);

afterAll(() => site?.close(), 60_000);

describe('re-run in your browser', () => {
  it('luo2021 Fig. 2: a cell re-run in the page reproduces the stored digest, under the stored key', async () => {
    const { context, page, errors, scripts } = await openPage('/luo2021/');
    const [key] = await offeredKeys(page, 'luo2021-fig2');
    const stored = servedEntry('luo2021-fig2', key);
    if (site.root) expect(JSON.parse(readFileSync(path.join(site.root, 'results', 'luo2021-fig2', 'cells', `${key}.json`), 'utf8')).digest).toBe(stored.digest);
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
    const sample = await (await menu(page, 'zhou2022-table2')).locator('option', { hasText: 'a sample of 3 cells' }).getAttribute('value');
    // the eligible cells with the smallest keys: every eligible cell has its entry served under rerun/
    const served = readdirSync(path.join(dist, 'rerun', 'zhou2022-table2'))
      .map((f) => f.replace(/\.json$/, ''))
      .filter((f) => /^[0-9a-f]{64}$/.test(f));
    expect(served).toEqual(expect.arrayContaining(keys));
    expect(sample?.slice('cells:'.length).split(',').sort()).toEqual(served.sort().slice(0, 3));
    const { state, text } = await rerun(page, 'zhou2022-table2', sample ?? '');
    expect(text).toContain('3 of 3 cells reproduced bit-identically');
    expect(state).toBe('reproduced');
    await context.close();
  });

  it('chen2023 (two-layer smooth kernel): all four activations re-run in the page reproduce the stored digests', async () => {
    const { context, page, errors } = await openPage('/chen2023/');
    const keys = await offeredKeys(page, 'chen2023-condensation');
    expect(keys).toHaveLength(4);
    const entries = keys.map((key) => servedEntry('chen2023-condensation', key));
    // the cells train on the smooth-activation WebAssembly kernel (src/engine/twoLayer/kernelSmooth.ts), one per activation
    expect(entries.every((e) => e.result.path === 'wasm-kernel')).toBe(true);
    expect(entries.every((e) => e.inputs.code.some((c) => c.file === 'src/engine/twoLayer/kernelSmooth.ts'))).toBe(true);
    // 'all' fetches the keys from /rerun/<experiment>/all.json (not carried by the page)
    expect(JSON.parse(readFileSync(path.join(dist, 'rerun', 'chen2023-condensation', 'all.json'), 'utf8')).keys).toEqual(keys);
    const { state, text } = await rerun(page, 'chen2023-condensation', { label: 'all 4 cells' });
    expect(text).toContain('4 of 4 cells reproduced bit-identically');
    expect(state).toBe('reproduced');
    for (const e of entries) {
      const verdict = panel(page, 'chen2023-condensation').locator(`[data-cell="${e.inputs.cell.id}"]`);
      expect(await verdict.getAttribute('data-digest')).toBe(e.digest);
      expect(await verdict.getAttribute('data-key')).toBe(e.key);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('zhou2022 Fig. 4 and the (γ₂, γ₃) grid (three-layer kernel): cells re-run in the page reproduce the stored digests', async () => {
    const { context, page, errors } = await openPage('/zhou2022/');
    const [key] = await offeredKeys(page, 'zhou2022-fig4');
    const stored = servedEntry('zhou2022-fig4', key);
    const one = await rerun(page, 'zhou2022-fig4', key);
    expect(one.text).toContain('1 of 1 cell reproduced bit-identically');
    expect(one.state).toBe('reproduced');
    expect(await panel(page, 'zhou2022-fig4').locator(`[data-cell="${stored.inputs.cell.id}"]`).getAttribute('data-digest')).toBe(stored.digest);
    // Fig. 1 draws the grid experiment: its sample of three cells, fixed by the store
    const sample = await (await menu(page, 'zhou2022-fig1')).locator('option', { hasText: 'a sample of 3 cells' }).getAttribute('value');
    const keys = sample?.slice('cells:'.length).split(',') ?? [];
    expect(keys).toHaveLength(3);
    for (const k of keys) expect(servedEntry('zhou2022-grid', k).inputs.experiment).toBe('zhou2022-grid');
    const grid = await rerun(page, 'zhou2022-fig1', sample ?? '');
    expect(grid.text).toContain('3 of 3 cells reproduced bit-identically');
    expect(grid.state).toBe('reproduced');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a figure whose training cannot run in a browser says why instead of offering the button', async () => {
    const { context, page } = await openPage('/zhou2022/');
    const box = panel(page, 'zhou2022-fig6');
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await box.locator('[data-rerun-start]').count()).toBe(0);
    expect(await box.textContent()).toContain('Re-run in your browser is not offered for this figure (zhou2022-fig6): it reads MNIST');
    await context.close();
    const luo = await openPage('/luo2021/');
    expect(await panel(luo.page, 'luo2021-fig5').textContent()).toContain('reads MNIST');
    // the figures served: no entry for an experiment that cannot be re-run
    expect(readdirSync(path.join(dist, 'rerun'))).not.toContain('luo2021-fig5');
    expect(readdirSync(path.join(dist, 'rerun'))).not.toContain('zhou2022-fig6');
    await luo.context.close();
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
    // no form field in the page as it loads (Chromium would lay out every part of the page holding one):
    // a figure's cell menu is put in when the figure nears the viewport
    expect(await page.evaluate(() => document.querySelectorAll('select, input, textarea').length)).toBe(0);
    expect(await panel(page, 'luo2021-fig6').locator('template[data-controls]').count()).toBe(1);
    expect(await panel(page, 'luo2021-fig6').locator('[data-rerun-cell]').count()).toBe(0);
    expect(await (await menu(page, 'luo2021-fig2')).locator('option').count()).toBeGreaterThan(1);
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
