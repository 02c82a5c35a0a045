/**
 * "Train your own" in Chromium (src/components/TrainOwn.astro,
 * src/components/islands/trainOwn.ts and trainOwn.worker.ts). The site is
 * test/helpers/site.ts's: a temporary copy of the project with the chen2023,
 * luo2021 and zhou2022 pages, its experiments run at the quick profile (from
 * the copied store), built once and shared with the rerun and islands tests.
 * Nothing is written into this working tree. TRAIN_OWN_TEST_DIST=<dir>
 * tests a dist/ built already instead (then the stored entries the site
 * serves stand for the store).
 *
 * Checked: trained in the page at the point, width and seed of a stored cell
 * of the trained experiment (a luo2021 Fig. 2 cell, a zhou2022 grid cell at
 * the width that records the scatter), the result's digest is the digest of
 * that cell as `npm run experiments` computed it in Node, and the key
 * recomputed from the worker's source hashes is the cell's key; at a luo2021
 * Fig. 4 cell (trained there by its own run.ts) the fields both runs record
 * (status, steps, final loss, RD(w), …) are identical; a stored value that
 * differs is reported, naming the field; the neuron scatter and the output
 * are drawn while training and at the end; no island code loads before the
 * island is opened, and without JavaScript it stays hidden; axe-core finds
 * no violation with the island open and trained.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogCell, TrainOwnCatalog } from '../../src/components/trainOwn.js';
import { TRAIN_OWN } from '../../src/components/trainOwnSpec.js';
import { TestSite } from '../helpers/site.js';

/** the pages of the rerun and islands tests too, so that the three files share one build (test/helpers/site.ts) */
const KEEP = ['chen2023.mdx', 'luo2021.mdx', 'zhou2022.mdx'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let site: TestSite;

const catalogOf = (page: string) => JSON.parse(readFileSync(path.join(site.dist, 'train-own', `${page}.json`), 'utf8')) as TrainOwnCatalog;

/** A cell's entry as `npm run experiments` stored it (in the copy's store), or as the site serves it. */
function storedEntry(cell: CatalogCell): { key: string; digest: string; result: Record<string, unknown> } {
  const file = site.root
    ? path.join(site.root, 'results', cell.experiment, 'cells', `${cell.key}.json`)
    : path.join(site.dist, 'train-own', 'cells', `${cell.key}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const openPage = (at: string, options: { javaScriptEnabled?: boolean } = {}) => site.openPage(at, { ...options, consoleErrors: true });

const island = (page: Page) => page.locator('details[data-train-own]');

/** Open the island and wait until it has read its catalog. */
async function openIsland(page: Page): Promise<void> {
  await island(page).locator('summary').click();
  await expect.poll(() => island(page).getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
}

/** Set the form to a cell's point, width and seed, train, and wait for the end. */
async function trainAt(page: Page, cell: CatalogCell): Promise<{ state: string; compare: string; text: string }> {
  const box = island(page);
  for (const part of cell.choice ? cell.choice.split(',') : []) {
    const [param, value] = part.split('=');
    await box.locator(`[data-to-choice="${param}"]`).selectOption(value);
  }
  for (const [param, value] of Object.entries(cell.point)) await box.locator(`[data-to-number="${param}"]`).fill(String(value));
  await box.locator('[data-to-width]').selectOption(String(cell.m));
  await box.locator('[data-to-seed]').fill(String(cell.seed));
  await expect.poll(() => box.locator('[data-to-nearest]').getAttribute('data-exact')).toBe('true');
  expect(await box.locator('[data-to-nearest]').getAttribute('data-cell')).toBe(cell.id);
  await box.locator('[data-to-train]').click();
  await expect.poll(() => box.getAttribute('data-state'), { timeout: 300_000, interval: 250 }).toMatch(/^(trained|error|stopped)$/);
  return {
    state: (await box.getAttribute('data-state')) ?? '',
    compare: (await box.getAttribute('data-compare')) ?? '',
    text: (await box.locator('[data-to-status]').textContent()) ?? '',
  };
}

const seconds = async (page: Page) => Number(await island(page).locator('[data-to-status] [data-seconds]').getAttribute('data-seconds'));

async function runAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const root = document.querySelector('details[data-train-own]') ?? document.body;
    const result = await axe.run(root, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help}: ${n.target.join(' ')}`));
  });
}

describe('train your own', () => {
  beforeAll(async () => {
    site = await TestSite.start({ prefix: 'cc-train-own-', keep: KEEP, distEnv: 'TRAIN_OWN_TEST_DIST' });
  }, 900_000);

  afterAll(async () => {
    await site?.close();
  }, 60_000);

  it('luo2021: at a Fig. 2 cell, the run in the page is that cell as Node computed it, bit for bit, under its key; scatter and output drawn', async () => {
    const { context, page, errors, scripts } = await openPage('/luo2021/');
    await expect.poll(() => island(page).isVisible()).toBe(true);
    // nothing of the island loads before it is opened
    expect(scripts.filter((s) => /trainOwn\.|\/train-/.test(s))).toEqual([]);
    await openIsland(page);
    const catalog = catalogOf('luo2021');
    const cell = catalog.cells.find((c) => c.figure === 'luo2021-fig2' && c.point.gamma === 1);
    if (!cell) throw new Error('no luo2021-fig2 cell at γ = 1 in the catalog');
    const stored = storedEntry(cell);
    const { state, compare, text } = await trainAt(page, cell);
    expect(state, text).toBe('trained');
    expect(compare, text).toBe('identical');
    expect(await island(page).getAttribute('data-digest')).toBe(stored.digest);
    const verdict = island(page).locator('[data-to-status] [data-compare]');
    expect(await verdict.getAttribute('data-key-matches')).toBe('true');
    expect(await verdict.getAttribute('data-stored-digest')).toBe(stored.digest);
    expect(text).toContain('bit for bit');
    // the scatter (initial and final neurons) and the output, drawn by luo2021-fig2's view
    const live = island(page).locator('[data-to-live] svg[role="img"]');
    expect(await live.count()).toBe(2);
    expect(await live.nth(1).locator('circle').count()).toBe(2 * cell.m);
    // the stored cell's panels beside it
    await expect.poll(() => island(page).locator('[data-to-stored] svg[role="img"]').count()).toBe(2);
    // snapshots of the run can be scrubbed
    expect(await island(page).locator('[data-to-scrub]').isVisible()).toBe(true);
    expect(Number(await island(page).locator('[data-to-step]').getAttribute('max'))).toBeGreaterThan(5);
    console.log(`luo2021-fig2 ${cell.id} (m = ${cell.m}): ${(await seconds(page)).toFixed(3)} s in Chromium (${cell.computeSeconds} s in Node)`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('luo2021: at a Fig. 4 cell (its own run.ts), the fields both runs record are identical; a differing stored value is named', async () => {
    const { context, page, errors } = await openPage('/luo2021/');
    await openIsland(page);
    const catalog = catalogOf('luo2021');
    const cell = catalog.cells.filter((c) => c.figure === 'luo2021-fig4').sort((a, b) => b.m - a.m)[0];
    const { state, compare, text } = await trainAt(page, cell);
    expect(state, text).toBe('trained');
    expect(compare, text).toBe('fields-equal');
    const fields = ((await island(page).locator('[data-to-status] [data-compare]').getAttribute('data-fields')) ?? '').split(',');
    expect(fields).toEqual(expect.arrayContaining(['status', 'steps', 'finalLoss', 'lr0', 'restarts', 'rdW', 'path']));
    console.log(`luo2021-fig4 ${cell.id}: ${(await seconds(page)).toFixed(3)} s in Chromium (${cell.computeSeconds} s in Node)`);
    // the same cell with its stored RD(w) changed: reported, naming the field
    const stored = storedEntry(cell);
    const altered = (stored.result.rdW as number) * (1 + 1e-6);
    await page.route(`**/train-own/cells/${cell.key}.json`, async (route: Route) => {
      const response = await route.fetch();
      const entry = await response.json();
      entry.result.rdW = altered;
      await route.fulfill({ response, json: entry });
    });
    const again = await trainAt(page, cell);
    expect(again.compare, again.text).toBe('differs');
    expect(again.text).toContain(`result.rdW: ${altered} stored, ${stored.result.rdW} re-run`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('zhou2022: at a grid cell that records the scatter, the run in the page is that cell as Node computed it, bit for bit, under its key', async () => {
    const { context, page, errors } = await openPage('/zhou2022/');
    await openIsland(page);
    const catalog = catalogOf('zhou2022');
    const limit = Math.max(...TRAIN_OWN.zhou2022.widths);
    const cell = catalog.cells.find((c) => c.drawn && c.m <= limit && c.fields.status === 'converged');
    if (!cell) throw new Error('no converged zhou2022-grid cell with a stored scatter in the catalog');
    const stored = storedEntry(cell);
    const { state, compare, text } = await trainAt(page, cell);
    expect(state, text).toBe('trained');
    expect(compare, text).toBe('identical');
    expect(await island(page).getAttribute('data-digest')).toBe(stored.digest);
    expect(await island(page).locator('[data-to-status] [data-compare]').getAttribute('data-key-matches')).toBe('true');
    const live = island(page).locator('[data-to-live] svg[role="img"]');
    expect(await live.count()).toBe(2);
    await expect.poll(() => island(page).locator('[data-to-stored] svg[role="img"]').count()).toBe(2);
    console.log(`zhou2022-grid ${cell.id} (m = ${cell.m}): ${(await seconds(page)).toFixed(3)} s in Chromium (${cell.computeSeconds} s in Node)`);
    // axe-core with the island open and trained: no violation
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('axe-core finds no violation on the luo2021 page with the island open and trained', async () => {
    const { context, page } = await openPage('/luo2021/');
    await openIsland(page);
    const cell = catalogOf('luo2021').cells.find((c) => c.figure === 'luo2021-fig2');
    if (!cell) throw new Error('no luo2021-fig2 cell');
    await trainAt(page, cell);
    expect(await runAxe(page)).toEqual([]);
    await context.close();
  });

  it('without JavaScript the island stays hidden', async () => {
    const noJs = await openPage('/luo2021/', { javaScriptEnabled: false });
    expect(await island(noJs.page).count()).toBe(1);
    expect(await island(noJs.page).isVisible()).toBe(false);
    await noJs.context.close();
  });
});

/**
 * chen2024 (float64 networks with fdlibm's tanh and log, the same bits in
 * every engine: src/engine/chen2024/fdlibm.ts): its own site (the chen2024
 * page only, so that the build shared by the rerun, islands and
 * luo2021/zhou2022 tests above is unchanged). At a stored three-layer and a
 * stored two-layer chen2024-blowup cell, the run in the page is that cell as
 * Node computed it, bit for bit, under its key; the loss and the rows are
 * drawn with their axis labels and titles set as math (italic variables,
 * subscripts); off the stored cells, the nearest one (of the same network)
 * has its exit step set beside the reader's. On the same page, "Re-run in
 * your browser" reproduces all the quick cells of the exit-time figure and of
 * Fig. 2 (chen2024-condensation) bit for bit.
 */
describe('train your own, chen2024', () => {
  beforeAll(async () => {
    site = await TestSite.start({ prefix: 'cc-train-own-chen2024-', keep: ['chen2024.mdx'], distEnv: 'TRAIN_OWN_CHEN2024_TEST_DIST' });
  }, 900_000);

  afterAll(async () => {
    await site?.close();
  }, 60_000);

  for (const net of ['three-layer', 'two-layer']) {
    it(`at a stored ${net} cell, the run in the page is that cell, bit for bit, under its key; loss and rows drawn, labels as math; axe clean`, async () => {
      const { context, page, errors, scripts } = await openPage('/chen2024/');
      await expect.poll(() => island(page).isVisible()).toBe(true);
      expect(scripts.filter((s) => /trainOwn\.|\/train-/.test(s))).toEqual([]);
      await openIsland(page);
      const catalog = catalogOf('chen2024');
      expect(catalog.experiment).toBe('chen2024-blowup');
      expect(catalog.template.net).toBe('three-layer');
      expect(Object.keys(catalog.templates).sort()).toEqual(['net=three-layer', 'net=two-layer']);
      // the two networks' own settings (the two-layer cells' smaller learning rate)
      expect(catalog.templates[`net=${net}`].net).toBe(net);
      const mine = catalog.cells.filter((c) => c.choice === `net=${net}`);
      expect(mine.length).toBeGreaterThan(0);
      // the cell of the second-largest ε: a plateau of about a thousand steps (three layers)
      const eps = [...new Set(mine.map((c) => c.point.eps))].sort((a, b) => b - a);
      const cell = mine.find((c) => c.point.eps === eps[1] && c.fields.status === 'exited');
      if (!cell) throw new Error(`no exited ${net} chen2024-blowup cell at ε = ${eps[1]} in the catalog`);
      const stored = storedEntry(cell);
      const { state, compare, text } = await trainAt(page, cell);
      expect(state, text).toBe('trained');
      expect(compare, text).toBe('identical');
      expect(text).toContain('bit for bit');
      expect(await island(page).getAttribute('data-digest')).toBe(stored.digest);
      const verdict = island(page).locator('[data-to-status] [data-compare]');
      expect(await verdict.getAttribute('data-key-matches')).toBe('true');
      expect(await verdict.getAttribute('data-stored-digest')).toBe(stored.digest);
      // the loss (with the exit marked) and the rows, for the run and the stored cell
      const live = island(page).locator('[data-to-live] svg[role="img"]');
      expect(await live.count()).toBe(2);
      const steps = stored.result.steps as number;
      expect(await island(page).locator('[data-to-live] .to-chart-title').first().textContent()).toContain(`the plateau ends at step ${steps}`);
      // rows at step 0 and at the exit
      expect(await live.nth(1).locator('circle').count()).toBe(2 * cell.m);
      await expect.poll(() => island(page).locator('[data-to-stored] svg[role="img"]').count()).toBe(2);
      // math: R_S, w_k and z in italic with their subscripts, in the axis labels and the titles; the accessible name in plain text
      const subscripts = await live.nth(0).locator('tspan[data-math="sub"]').allTextContents();
      expect(subscripts).toEqual(['S']);
      expect(await live.nth(1).locator('tspan[data-math="sub"]').allTextContents()).toEqual(['k', 'k']);
      expect(await live.nth(1).locator('tspan[font-style="italic"]').allTextContents()).toEqual(expect.arrayContaining(['w', 'z']));
      expect(await live.nth(0).getAttribute('aria-label')).toContain('Loss R_S over the steps');
      expect(await island(page).locator('[data-to-live] .to-chart-title').first().locator('sub i').textContent()).toBe('S');
      expect(await island(page).locator('[data-to-live]').textContent()).not.toContain('$');
      console.log(
        `chen2024-blowup ${cell.id} (ε = ${cell.point.eps}, m = ${cell.m}): ${(await seconds(page)).toFixed(3)} s in Chromium (${cell.computeSeconds} s in Node); exit step ${steps}; bit-identical`,
      );
      expect(await runAxe(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('Re-run in your browser: all quick cells of the exit-time figure (both networks) and of Fig. 2 (the kernel with float64 data, loss and effective model) reproduce the stored digests', async () => {
    const { context, page, errors } = await openPage('/chen2024/');
    for (const [figure, experiment] of [
      ['chen2024-blowup', 'chen2024-blowup'],
      ['chen2024-fig2', 'chen2024-condensation'],
    ]) {
      const box = page.locator(`figure[data-figure="${figure}"] [data-rerun]`);
      await expect.poll(() => box.isVisible()).toBe(true);
      // the cell menu is put in from its <template> when the figure nears the viewport
      await box.scrollIntoViewIfNeeded();
      await box.locator('[data-rerun-cell]').waitFor({ state: 'attached' });
      const all = box.locator('[data-rerun-cell] option', { hasText: /^all \d+ cells/ });
      const label = (await all.textContent()) ?? '';
      const count = Number(/all (\d+) cells/.exec(label)?.[1]);
      expect(count, `${figure}: ${label}`).toBeGreaterThan(1);
      await box.locator('[data-rerun-cell]').selectOption({ label });
      await box.locator('[data-rerun-start]').click();
      await expect.poll(() => box.getAttribute('data-state'), { timeout: 110_000 }).toMatch(/^(reproduced|mismatch|error)$/);
      const text = (await box.locator('[data-rerun-status]').textContent()) ?? '';
      expect(await box.getAttribute('data-state'), text).toBe('reproduced');
      expect(text).toContain(`${count} of ${count} cells reproduced bit-identically`);
      console.log(`${experiment} (${figure}): ${count} of ${count} cells reproduced bit-identically in Chromium`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('off the stored cells, the nearest stored cell of the same network has its exit step set beside the run’s', async () => {
    const { context, page, errors } = await openPage('/chen2024/');
    await openIsland(page);
    const box = island(page);
    // the log slider sets the number field to the value it stands for
    await box.locator('[data-to-range="eps"]').fill('-2');
    expect(Number(await box.locator('[data-to-number="eps"]').inputValue())).toBe(0.01);
    await box.locator('[data-to-number="eps"]').fill('0.005');
    await box.locator('[data-to-seed]').fill('7');
    await expect.poll(() => box.locator('[data-to-nearest]').getAttribute('data-exact')).toBe('false');
    for (const [net, label] of [
      ['two-layer', 'two layers'],
      ['three-layer', 'three layers'],
    ]) {
      await box.locator('[data-to-choice="net"]').selectOption(net);
      await expect.poll(() => box.locator('[data-to-nearest]').textContent()).toContain(`(${label}, ε = `);
      const key = await box.locator('[data-to-nearest]').getAttribute('data-key');
      expect(catalogOf('chen2024').cells.find((c) => c.key === key)?.choice).toBe(`net=${net}`);
    }
    await box.locator('[data-to-train]').click();
    await expect.poll(() => box.getAttribute('data-state'), { timeout: 300_000, interval: 250 }).toMatch(/^(trained|error|stopped)$/);
    const text = (await box.locator('[data-to-status]').textContent()) ?? '';
    expect(await box.getAttribute('data-state'), text).toBe('trained');
    expect(await box.getAttribute('data-compare')).toBe('none');
    expect(text).toMatch(/Exit of the plateau: your run at step \d+ .*the nearest stored cell .*three layers.* at step \d+/);
    console.log(
      `chen2024-blowup ε = 0.005, seed 7, m = ${await box.locator('[data-to-width]').inputValue()}: ${(await seconds(page)).toFixed(3)} s in Chromium`,
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
