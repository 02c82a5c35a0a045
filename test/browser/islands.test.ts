/**
 * The figures' islands in Chromium (src/components/FigureIslands.astro):
 * tooltips on the marks of every figure and the phase-diagram explorer of
 * the S_w heatmaps, on the site of test/helpers/site.ts: a copy of the
 * project with the chen2023, luo2021 and zhou2022 pages, its experiments run
 * at the quick profile (from the copied store), built with Astro and served
 * on 127.0.0.1; the build is shared with test/browser/rerun.test.ts. Nothing is written into this working tree. ISLANDS_TEST_DIST=<dir> tests
 * a dist/ built already (with --profile quick) instead.
 *
 * (zhou2022 is kept for its Fig. 5, whose S is a mean over seeds.)
 *
 * Checked: hovering a heatmap cell (and any mark with a <title>) shows a
 * styled tooltip with its values; the arrow keys on a focused chart do the
 * same and Enter opens the explorer; clicking an S_w cell opens the
 * explorer, whose slope of log RD on log m is the stored S_w, with its runs
 * and their provenance; before any interaction the page loads the small
 * bootstrap only (no tooltip, explorer or Plot code); without JavaScript the
 * page shows the static figures, their <title>s and downloads, and no hint.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSite } from '../helpers/site.js';

const PAGE = '/luo2021/';
const HEATMAP = 'luo2021-fig4';
/**
 * the content pages built: luo2021 (S_w heatmaps, Figs. 4 and 5) and zhou2022 (Fig. 5, S per seed over the (γ₂, γ₃)
 * grid); chen2023 for test/browser/rerun.test.ts, which shares this build
 */
const KEEP = ['chen2023.mdx', 'luo2021.mdx', 'zhou2022.mdx'];

let site: TestSite;
let dist = '';

interface CellRow {
  mark: 'cell';
  gamma: number;
  gamma_prime: number;
  s_w: number | null;
  s_w_se: number | null;
}
interface RunRow {
  mark: 'run';
  gamma: number;
  gamma_prime: number;
  m: number;
  rd_w: number | null;
  status: string;
  fitted: boolean;
  cell: string;
}
interface FigureJson {
  rows: (CellRow | RunRow | { mark: string })[];
  cells: { id: string; seed: number; key: string }[];
}

const figureJson = (id: string) => JSON.parse(readFileSync(path.join(dist, 'data', `${id}.json`), 'utf8')) as FigureJson;
const cellRows = (json: FigureJson) => json.rows.filter((r): r is CellRow => r.mark === 'cell');

const openPage = (options: { javaScriptEnabled?: boolean } = {}, at = PAGE) => site.openPage(at, { ...options, consoleErrors: true });

/** The cell <rect> of the heatmap at (γ, γ′). */
const cellAt = (page: Page, c: CellRow) =>
  page.locator(`figure[data-figure="${HEATMAP}"] svg rect[data-gamma="${c.gamma}"][data-gamma-prime="${c.gamma_prime}"]`);

beforeAll(async () => {
  site = await TestSite.start({ prefix: 'cc-islands-', keep: KEEP, distEnv: 'ISLANDS_TEST_DIST' });
  dist = site.dist;
}, 600_000);

afterAll(() => site?.close(), 60_000);

describe('figure islands', () => {
  it('hovering a heatmap cell shows a styled tooltip with its S value', async () => {
    const { context, page, errors } = await openPage();
    const cell = cellRows(figureJson(HEATMAP)).find((c) => c.s_w !== null)!;
    expect(cell).toBeDefined();
    await cellAt(page, cell).hover();
    const tip = page.locator('.cc-tip');
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain(`γ = ${cell.gamma}, γ′ = ${cell.gamma_prime}`);
    expect(text).toContain(`S(w) = ${cell.s_w!.toFixed(3)} ± ${cell.s_w_se!.toFixed(3)}`);
    // styled (not the browser's own): a dark box, and the <title> moved out so the native tooltip does not show too
    expect(await tip.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
    expect(await cellAt(page, cell).locator('title').count()).toBe(0);
    expect(await cellAt(page, cell).getAttribute('data-tip')).toBe(text);
    // moving off the figure hides it
    await page.mouse.move(2, 2);
    await tip.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('every figure on the page with titled marks shows a tooltip for them on hover', async () => {
    const { context, page, errors } = await openPage();
    const ids = await page.$$eval('figure.cc-figure', (fs) => fs.map((f) => (f as HTMLElement).dataset.figure ?? ''));
    let checked = 0;
    for (const id of ids) {
      // a titled mark of the figure that the pointer reaches at its centre (not covered by another mark), scrolled into view
      const target = await page.evaluate((figureId) => {
        const marks = [...document.querySelectorAll(`figure[data-figure="${figureId}"] .panel svg title`)].map((t) => t.parentElement!).slice(0, 40);
        for (const mark of marks) {
          mark.scrollIntoView({ block: 'center' });
          const b = mark.getBoundingClientRect();
          const [x, y] = [b.left + b.width / 2, b.top + b.height / 2];
          if (b.width + b.height > 0 && document.elementFromPoint(x, y) === mark)
            return { x, y, title: (mark.querySelector('title')?.textContent ?? '').trim() };
        }
        return null;
      }, id);
      if (!target) continue;
      await page.mouse.move(target.x, target.y);
      await expect.poll(() => page.locator('.cc-tip').textContent(), { timeout: 5_000 }).toBe(target.title);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('clicking an S cell opens the explorer: the fit’s slope is the stored S, with its runs and their provenance', async () => {
    const { context, page, errors } = await openPage();
    const json = figureJson(HEATMAP);
    const cells = cellRows(json).filter((c) => c.s_w !== null);
    const provenance = new Map(json.cells.map((c) => [c.id, c]));
    expect(await page.locator(`figure[data-figure="${HEATMAP}"] [data-explorer-hint]`).isVisible()).toBe(true);
    // the most negative and the most positive S: one from each phase
    const sorted = [...cells].sort((a, b) => a.s_w! - b.s_w!);
    for (const cell of [sorted[0], sorted.at(-1)!]) {
      await cellAt(page, cell).click();
      const panel = page.locator(`figure[data-figure="${HEATMAP}"] .cc-explorer`);
      await expect.poll(() => panel.getAttribute('data-explorer-cell'), { timeout: 10_000 }).toContain(`γ′ = ${String(cell.gamma_prime).replace('-', '−')}`);
      const slope = Number(await panel.locator('[data-slope]').getAttribute('data-slope'));
      expect(slope).toBeCloseTo(cell.s_w!, 9);
      expect(await panel.locator('[data-slope]').textContent()).toBe(
        `${Number(cell.s_w!.toFixed(3)).toString().replace('-', '−')} ± ${Number(cell.s_w_se!.toFixed(3))}`,
      );
      expect(Number(await panel.locator('[data-stored-s]').getAttribute('data-stored-s'))).toBe(cell.s_w);
      // the chart: a dot per run with a positive RD and the fitted line, on log axes
      const runs = json.rows.filter((r): r is RunRow => r.mark === 'run').filter((r) => r.gamma === cell.gamma && r.gamma_prime === cell.gamma_prime);
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(await panel.locator('svg[role="img"] [data-mark="dot"] > *').count()).toBe(runs.filter((r) => r.rd_w !== null && r.rd_w > 0).length);
      expect(await panel.locator('svg [data-mark="line"] path').count()).toBe(1);
      // the runs: width, seed, status, RD and the cache key of the provenance, with a record to download
      const table = await panel.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          run: (tr as HTMLElement).dataset.run,
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
          key: tr.querySelector('code')?.getAttribute('title'),
        })),
      );
      expect(table.map((t) => t.run)).toEqual(runs.map((r) => r.cell));
      table.forEach((t, i) => {
        const p = provenance.get(runs[i].cell)!;
        expect(p).toBeDefined();
        expect(t.cells[0]).toBe(runs[i].m.toLocaleString('en-US'));
        expect(t.cells[1]).toBe(String(p.seed));
        expect(t.cells[2]).toBe(runs[i].status);
        expect(t.key).toBe(p.key);
      });
      const record = await panel.locator('tbody tr:first-child a[download]').getAttribute('href');
      expect(JSON.parse(decodeURIComponent(record!.replace(/^data:application\/json;charset=utf-8,/, ''))).provenance.key).toBe(
        provenance.get(runs[0].cell)!.key,
      );
      // the provenance link opens the figure's provenance
      await panel.locator('tbody tr:first-child a[data-open-provenance]').click();
      expect(await page.locator(`figure[data-figure="${HEATMAP}"] details.provenance`).getAttribute('open')).not.toBeNull();
    }
    expect(await page.locator('.cc-explorer').count()).toBe(1);
    await page.locator('.cc-explorer button', { hasText: 'Close' }).click();
    expect(await page.locator('.cc-explorer').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('zhou2022 Fig. 5: a cell opens the per-seed fits whose mean slope is the stored S of its layer', async () => {
    const { context, page, errors } = await openPage({}, '/zhou2022/');
    const json = JSON.parse(readFileSync(path.join(dist, 'data', 'zhou2022-fig5.json'), 'utf8')) as {
      rows: { mark: string; gamma2: number; gamma3: number; s_w1?: number | null; s_w2?: number | null; fit_w1?: boolean; fit_w2?: boolean }[];
    };
    const points = json.rows.filter((r) => r.mark === 'point');
    let opened = 0;
    for (const layer of ['w1', 'w2'] as const) {
      const point = points.find((p) => p[`s_${layer}`] != null)!;
      expect(point).toBeDefined();
      const cell = page
        .locator(
          `figure[data-figure="zhou2022-fig5"] svg rect[data-explore][data-layer="${layer}"][data-gamma2="${point.gamma2}"][data-gamma3="${point.gamma3}"]`,
        )
        .first();
      await cell.click();
      const panel = page.locator('figure[data-figure="zhou2022-fig5"] .cc-explorer');
      await expect.poll(() => panel.getAttribute('aria-label'), { timeout: 10_000 }).toContain(layer === 'w1' ? 'S(W¹)' : 'S(W²)');
      expect(await panel.getAttribute('data-explorer-cell')).toContain(`γ₃ = ${String(point.gamma3).replace('-', '−')}`);
      expect(Number(await panel.locator('[data-slope]').getAttribute('data-slope'))).toBeCloseTo(point[`s_${layer}`]!, 9);
      // the runs listed: every run at the point, those of the fit marked
      const runs = json.rows.filter((r) => r.mark === 'rd' && r.gamma2 === point.gamma2 && r.gamma3 === point.gamma3);
      const fitted = await panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[5]?.textContent));
      expect(fitted).toEqual(runs.map((r) => (r[`fit_${layer}`] ? 'yes' : 'no')));
      opened++;
    }
    expect(opened).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a dense scatter without <title>s: pointing at it draws it again from its data with Plot’s pointer tips', async () => {
    const { context, page, errors, scripts } = await openPage();
    const figure = page.locator('figure[data-figure="luo2021-fig2"]');
    // the neuron features at γ = 1 (the fifth panel): many dots, none with a <title>
    const panel = figure.locator('.panel').nth(4);
    // on the page its dots are a layer file (src/figures/render.ts, layeredPanel), or inline when few
    const layers = panel.locator('svg g[data-layer-marks]');
    const layered = (await layers.count()) ? Number(await layers.first().getAttribute('data-layer-marks')) : 0;
    expect(layered + (await panel.locator('svg circle').count())).toBeGreaterThan(50);
    expect(await panel.locator('svg circle > title').count()).toBe(0);
    const label = await panel.locator('svg').last().getAttribute('aria-label');
    await panel.scrollIntoViewIfNeeded();
    await panel.locator('svg').last().hover({ force: true });
    // (the redraw loads Plot and draws every dot again: seconds on a loaded 2-core CI machine)
    await expect.poll(() => figure.getAttribute('data-pointer-tips'), { timeout: 60_000 }).toBe('ready');
    expect(scripts.some((s) => /\/redraw\./.test(s))).toBe(true);
    // the same chart, named as before, now with a tip on the nearest dot
    expect(await panel.locator('svg').last().getAttribute('aria-label')).toBe(label);
    const dot = panel.locator('svg [data-mark="dot"] circle').nth(10);
    const box = (await dot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => panel.locator('[data-mark="tip"]').first().textContent(), { timeout: 15_000 }).toMatch(/orientation.*A/);
    // the scale's label $A$ is set as math in the tip too, as in the axis label (src/figures/shared/mathLabel.ts, svgMath)
    const tip = panel.locator('[data-mark="tip"]').first();
    expect(await tip.textContent()).not.toContain('$');
    expect(await tip.locator('tspan[data-math="var"]').allTextContents()).toContain('A');
    expect(await panel.locator('svg [data-mark="y-axis label"] tspan[data-math="var"]').allTextContents()).toEqual(['A']);
    // the tip's groups are renamed as the build's are (no aria-label on a <g>)
    expect(await figure.locator('g[aria-label]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('from the keyboard: arrow keys on a focused chart show the tooltips, Enter opens the explorer', async () => {
    const { context, page, errors } = await openPage();
    const panel = page.locator(`figure[data-figure="${HEATMAP}"] .panel`).first();
    await panel.focus();
    await page.keyboard.press('ArrowRight');
    const tip = page.locator('.cc-tip');
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    const first = await tip.textContent();
    expect(first).toMatch(/^γ = .*\nS\(w\) = /);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tip.textContent()).not.toBe(first);
    // said by the live region too
    expect(await page.locator('[aria-live="polite"]').textContent()).toBe(await tip.textContent());
    await page.keyboard.press('Enter');
    await page.locator('.cc-explorer').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('before any interaction the page loads the islands’ bootstrap only: no tooltip, explorer or Plot code', async () => {
    const { context, page, scripts } = await openPage();
    await page.waitForLoadState('networkidle');
    const onLoad = [...scripts];
    expect(onLoad).toHaveLength(1);
    expect(onLoad[0]).toMatch(/FigureIslands/);
    const bootstrapBytes = statSync(path.join(dist, onLoad[0])).size;
    console.log(`islands bootstrap: ${bootstrapBytes} bytes loaded with the page`);
    expect(bootstrapBytes).toBeLessThan(4 * 1024);
    // pointing at a figure without an explorer loads the tooltips only
    const plain = page.locator('figure.cc-figure:not([data-explorer]) .panel svg :is(rect, circle, path):has(> title)').first();
    await plain.scrollIntoViewIfNeeded();
    await plain.hover({ force: true });
    await page.locator('.cc-tip').waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    const afterTip = scripts.slice(onLoad.length);
    expect(afterTip.some((s) => /\/tips\./.test(s))).toBe(true);
    expect(afterTip.some((s) => /\/explorer\./.test(s))).toBe(false);
    const tipBytes = afterTip.reduce((t, s) => t + statSync(path.join(dist, s)).size, 0);
    console.log(`tooltips: ${tipBytes} bytes, loaded on first hover`);
    expect(tipBytes).toBeLessThan(16 * 1024);
    // pointing at a heatmap loads the explorer
    await cellAt(page, cellRows(figureJson(HEATMAP))[0]).hover();
    await expect.poll(() => scripts.some((s) => /\/explorer\./.test(s)), { timeout: 10_000 }).toBe(true);
    await context.close();
  });

  it('without JavaScript: the static figures with their <title>s, captions and downloads, no explorer hint', async () => {
    const { context, page } = await openPage({ javaScriptEnabled: false });
    const cell = cellRows(figureJson(HEATMAP)).find((c) => c.s_w !== null)!;
    expect(await cellAt(page, cell).locator('title').textContent()).toContain(`S(w) = ${cell.s_w!.toFixed(3)}`);
    expect(await page.locator('[data-explorer-hint]').first().isVisible()).toBe(false);
    expect(await page.locator(`figure[data-figure="${HEATMAP}"] figcaption`).textContent()).toMatch(/\S/);
    expect(await page.locator(`figure[data-figure="${HEATMAP}"] a[href$="data/${HEATMAP}.json"]`).count()).toBeGreaterThan(0);
    await context.close();
  });
});
