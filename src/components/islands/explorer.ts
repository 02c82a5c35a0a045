/**
 * The phase-diagram explorer, loaded by the islands' bootstrap
 * (src/components/FigureIslands.astro) the first time a reader points at a
 * figure that has one (src/figures/shared/explorers.ts). Clicking a cell (or
 * Enter on the cell chosen with the arrow keys) opens a panel under the
 * chart: RD against width on log-log axes with the fitted line and its
 * slope ± SE, drawn by src/figures/shared/rdFit.ts with Observable Plot from
 * the figure's data download (data/<figure>.json, fetched once), and the
 * runs behind it: width, seed, status, RD, whether fitted, the cache key,
 * with a link to the figure's provenance and the run's record as a download.
 */
import * as Plot from '@observablehq/plot';
import { asStatic } from './asStatic.js';
import type { SHeatmapRow } from '../../../experiments/shared/sHeatmapSchema.js';
import { count } from '../../figures/shared/format.js';
import { type FitRun, rdFitPanel, refit, type SFit, sHeatmapFit, slopeText, zhouGridFit } from '../../figures/shared/rdFit.js';

/** What data/<figure>.json holds that the explorer reads (src/pages/data/[figure].json.ts). */
interface FigureJson {
  figure: string;
  profile: string;
  cells: { id: string; seed: number; key: string; commit: string | null; implementation: string | null }[];
  rows: unknown[];
}

const loaded = new Map<string, Promise<FigureJson>>();

function dataOf(figure: HTMLElement): Promise<FigureJson> {
  const url = figure.dataset.json;
  if (!url) return Promise.reject(new Error(`figure ${figure.dataset.figure} has no data-json`));
  let p = loaded.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json() as Promise<FigureJson>;
    });
    loaded.set(url, p);
  }
  return p;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
};

const STYLE = `
.cc-explorer { margin-top: 0.75rem; padding: 0.75rem; border: 1px solid #c9d7ea; border-radius: 6px; background: #f7fafd; font-size: 0.88rem; }
.cc-explorer-head { display: flex; justify-content: space-between; gap: 1rem; align-items: baseline; }
.cc-explorer-head h3 { margin: 0; font-size: 1rem; }
.cc-explorer-body { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-start; }
.cc-explorer-chart svg { max-width: 100%; height: auto; }
.cc-explorer-runs { overflow-x: auto; max-width: 100%; }
.cc-explorer table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.cc-explorer th, .cc-explorer td { padding: 0.15rem 0.6rem 0.15rem 0; text-align: right; border-bottom: 1px solid #e3e3e3; }
.cc-explorer th:last-child, .cc-explorer td:last-child { text-align: left; }
.cc-explorer p { margin: 0.35rem 0; }
.cc-explorer-selected { stroke: #000; stroke-width: 3px; paint-order: stroke; }
`;

let styled = false;

/** RD as 4 significant digits, or – when missing. */
const rdText = (rd: number | null) => (rd === null ? '–' : Number(rd.toPrecision(4)).toString());

function runsTable(json: FigureJson, fit: SFit, figureId: string): HTMLElement {
  const byId = new Map(json.cells.map((c) => [c.id, c]));
  const repeated = fit.method === 'seed-mean';
  const rows = fit.runs.map((run: FitRun) => {
    const cell = byId.get(run.cell);
    const key = cell ? el('code', { title: cell.key }, cell.key.slice(0, 12)) : '–';
    const record = JSON.stringify({ figure: json.figure, profile: json.profile, run, provenance: cell ?? null }, null, 2);
    const download = el(
      'a',
      { href: `data:application/json;charset=utf-8,${encodeURIComponent(record)}`, download: `${figureId}-${run.cell.replace(/[^\w.=-]+/g, '_')}.json` },
      'JSON',
    );
    const provenance = el('a', { href: `#figure-${figureId}`, 'data-open-provenance': '' }, 'provenance');
    return el(
      'tr',
      { 'data-run': run.cell },
      el('td', {}, count(run.m)),
      ...(repeated ? [el('td', {}, String(run.replicate ?? ''))] : []),
      el('td', {}, cell ? String(cell.seed) : '–'),
      el('td', {}, run.status),
      el('td', {}, rdText(run.rd)),
      el('td', {}, run.fitted ? 'yes' : 'no'),
      el('td', {}, key, ' ', provenance, ', ', download),
    );
  });
  const columns = ['width m', ...(repeated ? ['repetition'] : []), 'seed', 'status', 'RD', 'fitted', 'cache key, provenance, record'];
  const head = el('tr', {}, ...columns.map((h) => el('th', { scope: 'col' }, h)));
  return el(
    'div',
    { class: 'cc-explorer-runs', tabindex: '0', role: 'region', 'aria-label': `Runs behind ${fit.label}` },
    el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)),
  );
}

function fitOf(kind: string, json: FigureJson, mark: Element): SFit | undefined {
  const num = (name: string) => Number(mark.getAttribute(`data-${name}`));
  if (kind === 'sHeatmap') return sHeatmapFit(json.rows as SHeatmapRow[], num('gamma'), num('gamma-prime'));
  if (kind === 'zhou2022Grid') {
    const layer = mark.getAttribute('data-layer');
    if (layer !== 'w1' && layer !== 'w2') throw new Error(`explorer: a zhou2022 cell without data-layer w1 or w2 (${layer})`);
    return zhouGridFit(json.rows as Parameters<typeof zhouGridFit>[0], layer, num('gamma2'), num('gamma3'));
  }
  throw new Error(`unknown explorer kind "${kind}"`);
}

/** Opens (or replaces) the explorer panel of `figure` for the clicked cell `mark`. */
export async function open(figure: HTMLElement, mark: Element): Promise<void> {
  if (!styled) {
    styled = true;
    document.head.append(el('style', {}, STYLE));
  }
  const id = figure.dataset.figure ?? '';
  const json = await dataOf(figure);
  const fit = fitOf(figure.dataset.explorer ?? '', json, mark);
  if (!fit) return;
  const line = refit(fit);
  const panel = rdFitPanel(fit, { rdLabel: 'relative distance RD' });
  const chart = Plot.plot(panel.options) as unknown as Element;
  asStatic(chart, `RD against width m at ${fit.label}, log-log, with the least-squares line of slope ${slopeText(line.slope, line.stderr)}`);

  figure.querySelector('.cc-explorer')?.remove();
  for (const old of figure.querySelectorAll('.cc-explorer-selected')) old.classList.remove('cc-explorer-selected');
  mark.classList.add('cc-explorer-selected');
  const close = el('button', { type: 'button' }, 'Close');
  const heading = el('h3', { tabindex: '-1' }, `The fit behind ${fit.sLabel} at ${fit.label}`);
  const stored = fit.s === null ? 'not fitted (too few usable widths)' : slopeText(fit.s, fit.se ?? Number.NaN);
  const summary = el(
    'p',
    { 'data-explorer-summary': '' },
    'Slope of log RD against log m: ',
    el('strong', { 'data-slope': String(line.slope) }, slopeText(line.slope, line.stderr)),
    ` from ${line.n} of ${fit.runs.length} runs; the figure's stored ${fit.sLabel} is `,
    el('span', { 'data-stored-s': String(fit.s) }, stored),
    '.',
  );
  const notConverged = fit.runs.filter((r) => r.status !== 'converged').length;
  const how =
    fit.method === 'all-runs'
      ? 'The fit includes every run with a positive RD, as the aggregate does.'
      : `S is the mean of one fit per repetition (${line.lines.length} drawn, one colour each) over the runs that reached the tolerance with this layer's motion resolved in float32 (at least 3 widths); crosses: runs left out.`;
  const note = el(
    'p',
    {},
    notConverged ? `${notConverged} of these runs did not converge (hollow dots). ` : 'Every run converged. ',
    how,
    ' Full data: ',
    el('a', { href: figure.dataset.json ?? '', download: '' }, `${id}.json`),
    '.',
  );
  const section = el(
    'section',
    { class: 'cc-explorer', 'aria-label': `Fit behind ${fit.sLabel} at ${fit.label}`, 'data-explorer-cell': fit.label },
    el('div', { class: 'cc-explorer-head' }, heading, close),
    summary,
    el('div', { class: 'cc-explorer-body' }, el('div', { class: 'cc-explorer-chart' }, chart), runsTable(json, fit, id)),
    note,
  );
  close.addEventListener('click', () => {
    section.remove();
    mark.classList.remove('cc-explorer-selected');
    figure.querySelector<HTMLElement>('.panel')?.focus();
  });
  for (const a of section.querySelectorAll('[data-open-provenance]')) {
    a.addEventListener('click', () => {
      const details = figure.querySelector('details.provenance');
      if (details instanceof HTMLDetailsElement) details.open = true;
    });
  }
  (figure.querySelector('.panels') ?? figure.firstElementChild)?.after(section);
  heading.focus({ preventScroll: true });
  section.scrollIntoView({ block: 'nearest' });
}
