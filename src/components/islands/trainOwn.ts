/**
 * "Train your own" (../TrainOwn.astro), loaded when the reader first opens
 * it. Reads the page's catalog (../trainOwn.ts), keeps the "nearest stored
 * cell" beside the form up to date, and on Train runs the reader's point in
 * a Web Worker (./trainOwn.worker.ts: the experiment's own run.ts, same
 * engine, same WebAssembly kernel), drawing its neuron scatter and output at
 * each snapshot with the same src/figures views as the page's static figures
 * (luo2021-fig2, zhou2022-fig2). When the run is done:
 * - at the point, width and seed of a stored cell of the trained experiment
 *   with the same parameters, its result digest (SHA-256 of its canonical
 *   JSON, as the store's) is compared with the stored digest, and the cell's
 *   key is recomputed from the worker's source hashes and the stored inputs;
 * - at those of a cell of another experiment of the figure (luo2021 Fig. 4's
 *   cells, trained by their own run.ts), the fields both results record are
 *   compared one by one;
 * either way the fields that differ are named, with by how much.
 */
import * as Plot from '@observablehq/plot';
import { figure as luoFig2 } from '../../figures/luo2021-fig2';
import { mathHtml, mathPlain, svgMath } from '../../figures/shared/mathLabel';
import { type PlateauRows, plateauRunPanels } from '../../figures/shared/plateauRun';
import type { Panel } from '../../figures/types';
import { figure as zhouFig2 } from '../../figures/zhou2022-fig2';
import { toy1d } from '../../engine/data/toy1d';
import { countOrientations } from '../../engine/metrics/orientations';
import { cellKeyText, resultDigestText } from '../../pipeline/canonical';
import type { CellInputs } from '../../pipeline/keys';
import type { CatalogCell, TrainOwnCatalog } from '../trainOwn';
import { choiceKey, FINAL_NEURONS, TRAIN_OWN, type TrainOwnAxis, type TrainOwnSpec } from '../trainOwnSpec';
import { differences } from './rerun';
import type { SnapshotView } from './trainOwn.worker';

interface StoredEntry {
  key: string;
  digest: string;
  inputs: CellInputs;
  result: Record<string, unknown>;
}

type WorkerMessage =
  | { type: 'sources'; code: { file: string; sha256: string }[]; packages: Record<string, string> }
  | { type: 'data'; x: number[]; y: number[] }
  | { type: 'snapshot'; attempt: number; step: number; loss: number; view: SnapshotView }
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: Record<string, unknown>; seconds: number; observeSeconds: number }
  | { type: 'error'; message: string };

interface Reading {
  point: Record<string, number>;
  /** the values of the page's choices (chen2024: the network) */
  choice: Record<string, string>;
  /** choiceKey of `choice` */
  choiceKey: string;
  m: number;
  seed: number;
}

interface Frame {
  attempt: number;
  step: number;
  loss: number;
  view: SnapshotView;
  /** the view at step 0 of the same attempt */
  initial: SnapshotView;
  /** the finished run's result, drawn as the static figure draws a stored one */
  final?: boolean;
  /** the finished run's status */
  status?: string;
}

async function sha256(text: string): Promise<string> {
  if (!crypto?.subtle) throw new Error('this page is not in a secure context (https), so WebCrypto cannot hash');
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v)).replace('-', '−');

function line(parent: HTMLElement, text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  parent.append(p);
  return p;
}

function link(text: string, url: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = url;
  a.textContent = text;
  return a;
}

/** Plot's charts as the build draws them (src/figures/render.ts): an image named by its panel, marks named by data-mark; math in titles and axis labels set as math. */
function chart(panel: Panel, name: string): HTMLElement {
  const el = Plot.plot(panel.options) as unknown as HTMLElement;
  const svgs = el.matches('svg') ? [el] : [...el.querySelectorAll('svg')];
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${name}: ${mathPlain(panel.title ?? '')}`);
    svgMath(svg);
  }
  // Plot names its marks (a <g>, or a frame's <rect>) with aria-label, not allowed on elements without a role
  for (const mark of el.querySelectorAll('[aria-label]')) {
    if (mark.getAttribute('role') === 'img') continue;
    mark.setAttribute('data-mark', mark.getAttribute('aria-label') ?? '');
    mark.removeAttribute('aria-label');
    mark.removeAttribute('aria-description');
  }
  const box = document.createElement('div');
  box.className = 'to-chart';
  if (panel.title) line(box, '', 'to-chart-title').innerHTML = mathHtml(panel.title);
  box.append(el);
  return box;
}

/** Evenly spaced indices 0 … n − 1, at most `count`. */
const spaced = (n: number, count: number) => Array.from({ length: Math.min(count, n) }, (_, r) => Math.floor((r * n) / Math.min(count, n)));

/** The panels of a two-layer run (luo2021 Fig. 2's view) or a three-layer run (zhou2022 Fig. 2's view) at one point. */
function panelsOf(
  spec: TrainOwnSpec,
  point: Record<string, number>,
  m: number,
  data: { x: number[]; y: number[] },
  initial: SnapshotView,
  current: SnapshotView,
  status: string,
  plateau?: Plateau,
): Panel[] {
  if (current.kind === 'rows') {
    if (!plateau) throw new Error(`train your own (${spec.page}): no loss to draw`);
    const rows = (v: SnapshotView): PlateauRows => (v.kind === 'rows' ? { norm: v.norm, cos: v.cos } : { norm: [], cos: [] });
    return plateauRunPanels({ ...plateau, rows: rows(current), initial: initial === current ? undefined : rows(initial) });
  }
  if (current.kind === 'two' && initial.kind === 'two') {
    const gamma = point.gamma;
    type Row = Parameters<typeof luoFig2.panels>[0]['rows'][number];
    const rows: Row[] = [];
    current.curve.x.forEach((x, i) => {
      rows.push({ mark: 'output', gamma, x, y: current.curve.y[i] });
    });
    data.x.forEach((x, i) => {
      rows.push({ mark: 'data', gamma, x, y: data.y[i] });
    });
    const feature = (v: typeof current, stage: 'initial' | 'final') =>
      v.orientation.forEach((orientation, k) => {
        rows.push({ mark: 'feature', gamma, stage, neuron: k, orientation, amplitude: v.amplitude[k] });
      });
    feature(initial, 'initial');
    feature(current, 'final');
    return luoFig2.panels({ rows, values: { m, degenerate: 0 } as never });
  }
  if (current.kind === 'three' && initial.kind === 'three') {
    const { gamma2, gamma3 } = point;
    type Row = Parameters<typeof zhouFig2.panels>[0]['rows'][number];
    const rows: Row[] = [];
    current.curve.x.forEach((x, i) => {
      rows.push({ mark: 'curve', gamma3, x, y: current.curve.y[i] });
    });
    data.x.forEach((x, i) => {
      rows.push({ mark: 'data', x, y: data.y[i] });
    });
    initial.w.forEach((w, k) => {
      rows.push({ mark: 'neuron', gamma2, gamma3, phase: 'initial', w, b: initial.b[k] });
    });
    current.w.forEach((w, k) => {
      rows.push({ mark: 'neuron', gamma2, gamma3, phase: 'final', w, b: current.b[k] });
    });
    rows.push({ mark: 'run', gamma3, status: status as never, rd_w1: current.rdW1, orientations: current.orientations });
    return zhouFig2.panels({ rows, values: { m, gamma2, gamma3s: String(gamma3), neurons: current.w.length } });
  }
  throw new Error(`train your own (${spec.page}): a snapshot of the wrong kind`);
}

/** A chen2024 run's loss so far, the plateau's end and its exit step (../../figures/shared/plateauRun.ts). */
interface Plateau {
  loss: { step: number; loss: number }[];
  threshold: number;
  exitStep: number | null;
}

/** The loss of a stored (or finished) chen2024 result: its first and last, and the exit step when it exited. */
function resultPlateau(result: Record<string, unknown>, plateauEnd: number): Plateau {
  const initialLoss = Number(result.initialLoss);
  const steps = Number(result.steps);
  const loss = [{ step: 0, loss: initialLoss }];
  if (typeof result.finalLoss === 'number') loss.push({ step: steps, loss: result.finalLoss });
  return { loss, threshold: plateauEnd * initialLoss, exitStep: result.status === 'exited' ? steps : null };
}

/** The initial and final views of a stored (or finished) result, as the static figures draw them. */
function resultViews(result: Record<string, unknown>): { initial: SnapshotView; final: SnapshotView } | null {
  const firstLayer = result.firstLayer as { norm: number[]; cos: number[] } | undefined;
  if (firstLayer) {
    // chen2024: the rows at the exit only (the same view as initial: no initial rows stored)
    const view: SnapshotView = { kind: 'rows', norm: firstLayer.norm, cos: firstLayer.cos };
    return { initial: view, final: view };
  }
  const curve = result.curve as { x: number[]; f?: number[]; y?: number[] } | undefined;
  if (!curve) return null;
  if (result.final && result.initial) {
    const pick = (f: { orientation: number[]; amplitude: number[] }): SnapshotView => {
      const ks = spaced(f.orientation.length, FINAL_NEURONS);
      return { kind: 'two', orientation: ks.map((k) => f.orientation[k]), amplitude: ks.map((k) => f.amplitude[k]), curve: { x: curve.x, y: curve.f ?? [] } };
    };
    return { initial: pick(result.initial as never), final: pick(result.final as never) };
  }
  const scatter = result.scatter as { w0: number[]; b0: number[]; w: number[]; b: number[] } | undefined;
  if (scatter) {
    const orientationsOf = (w: number[], b: number[]) => {
      const dirs = Float64Array.from(w.flatMap((wk, r) => [wk, b[r]]));
      const amps = w.map((wk, r) => Math.hypot(wk, b[r]));
      const large = countOrientations({ rows: dirs, dim: 2 }, amps).large.length;
      return countOrientations({ rows: dirs, dim: 2 }, amps, { minClusterSize: Math.max(1, Math.ceil(0.05 * large)) }).orientations;
    };
    const rdW1 = result.rdW1 as number;
    const y = curve.y ?? [];
    return {
      initial: { kind: 'three', w: scatter.w0, b: scatter.b0, rdW1: 0, orientations: orientationsOf(scatter.w0, scatter.b0), curve: { x: curve.x, y } },
      final: { kind: 'three', w: scatter.w, b: scatter.b, rdW1, orientations: orientationsOf(scatter.w, scatter.b), curve: { x: curve.x, y } },
    };
  }
  return null;
}

const FIELD_LABELS: Record<string, string> = {
  status: 'status',
  steps: 'steps',
  finalLoss: 'final loss',
  restarts: 'restarts',
  halvings: 'halvings',
  rdW: 'RD(w)',
  rdA: 'RD(a)',
  rdW1: 'RD(W¹)',
  rdW2: 'RD(W²)',
  tExit: 'exit time t',
  tPred: 'effective model’s T*',
};

/** A figure as the page names it ("Figure 4"), from its number on the page; its id when it is not on the page. */
function figureName(id: string): string {
  const n = document.getElementById(`figure-${id}`)?.dataset.figureNumber;
  return n ? `Figure ${n}` : id;
}

/** The labels of a cell's choices (its choiceKey), as the form names them: "three layers". */
function choiceLabel(spec: TrainOwnSpec, key: string): string {
  return (key ? key.split(',') : [])
    .map((part) => {
      const [param, value] = part.split('=');
      return spec.choices?.find((c) => c.param === param)?.options.find((o) => o.value === value)?.label ?? part;
    })
    .join(', ');
}

/** Distance of two points over the axes (in log10 of the value on a log axis). */
const distance = (axes: TrainOwnAxis[], a: Record<string, number>, b: Record<string, number>) =>
  Math.hypot(...axes.map((x) => (x.log ? Math.log10(a[x.param]) - Math.log10(b[x.param]) : a[x.param] - b[x.param])));

/** The value a log slider stands for, with three significant digits. */
const fromSlider = (axis: TrainOwnAxis, v: string) => (axis.log ? String(Number((10 ** Number(v)).toPrecision(3))) : v);
const toSlider = (axis: TrainOwnAxis, v: string | number) => (axis.log ? String(Math.log10(Number(v))) : String(v));
const samePoint = (a: Record<string, number>, b: Record<string, number>) => Object.keys(a).every((k) => a[k] === b[k]);

class TrainOwn {
  private readonly spec: TrainOwnSpec;
  private catalog: TrainOwnCatalog | undefined;
  private worker: Worker | undefined;
  private frames: Frame[] = [];
  private data: { x: number[]; y: number[] } = { x: [], y: [] };
  private drawPending = false;
  /** the reading being (or last) trained */
  private current: Reading | undefined;
  private shownEntry = '';
  private readonly el: {
    form: HTMLFormElement;
    train: HTMLButtonElement;
    stop: HTMLButtonElement;
    width: HTMLSelectElement;
    seed: HTMLInputElement;
    progress: HTMLProgressElement;
    status: HTMLElement;
    live: HTMLElement;
    nearest: HTMLElement;
    stored: HTMLElement;
    scrub: HTMLElement;
    step: HTMLInputElement;
    stepLabel: HTMLElement;
  };

  constructor(private readonly box: HTMLElement) {
    const page = box.dataset.page ?? '';
    const spec = TRAIN_OWN[page];
    if (!spec) throw new Error(`train your own: page ${page} is not in TRAIN_OWN`);
    this.spec = spec;
    const q = <T extends Element>(selector: string) => {
      const found = box.querySelector<T>(selector);
      if (!found) throw new Error(`train your own: ${selector} is missing`);
      return found;
    };
    this.el = {
      form: q('[data-to-form]'),
      train: q('[data-to-train]'),
      stop: q('[data-to-stop]'),
      width: q('[data-to-width]'),
      seed: q('[data-to-seed]'),
      progress: q('[data-to-progress]'),
      status: q('[data-to-status]'),
      live: q('[data-to-live]'),
      nearest: q('[data-to-nearest]'),
      stored: q('[data-to-stored]'),
      scrub: q('[data-to-scrub]'),
      step: q('[data-to-step]'),
      stepLabel: q('[data-to-step-label]'),
    };
  }

  async init(): Promise<void> {
    const url = this.box.dataset.trainOwn ?? '';
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    this.catalog = (await r.json()) as TrainOwnCatalog;
    // widths of stored cells of the trained experiment that the list lacks (within its limit)
    const offered = new Set([...this.el.width.options].map((o) => Number(o.value)));
    const limit = Math.max(...this.spec.widths);
    for (const m of [...new Set(this.catalog.cells.filter((c) => c.experiment === this.spec.experiment).map((c) => c.m))].sort((a, b) => a - b)) {
      if (offered.has(m) || m > limit) continue;
      const option = new Option(m.toLocaleString('en-US'), String(m));
      const after = [...this.el.width.options].find((o) => Number(o.value) > m);
      this.el.width.add(option, after);
    }
    for (const axis of this.spec.axes) {
      const range = this.box.querySelector<HTMLInputElement>(`[data-to-range="${axis.param}"]`);
      const number = this.box.querySelector<HTMLInputElement>(`[data-to-number="${axis.param}"]`);
      range?.addEventListener('input', () => {
        if (number) number.value = fromSlider(axis, range.value);
        this.updateNearest();
      });
      number?.addEventListener('input', () => {
        if (range && number.value !== '') range.value = toSlider(axis, number.value);
        this.updateNearest();
      });
    }
    this.el.width.addEventListener('change', () => this.updateNearest());
    for (const select of this.box.querySelectorAll<HTMLSelectElement>('[data-to-choice]')) select.addEventListener('change', () => this.updateNearest());
    this.el.seed.addEventListener('input', () => this.updateNearest());
    this.el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.train();
    });
    this.el.stop.addEventListener('click', () => this.stop('Stopped.'));
    this.el.step.addEventListener('input', () => this.drawFrame(Number(this.el.step.value)));
    this.box.dataset.state = 'ready';
    this.updateNearest();
  }

  private reading(): Reading {
    const point: Record<string, number> = {};
    for (const axis of this.spec.axes) {
      const v = Number(this.box.querySelector<HTMLInputElement>(`[data-to-number="${axis.param}"]`)?.value);
      if (!Number.isFinite(v) || v < axis.min || v > axis.max) throw new Error(`${axis.label} must be a number from ${axis.min} to ${axis.max}`);
      point[axis.param] = v;
    }
    const choice: Record<string, string> = {};
    for (const c of this.spec.choices ?? []) {
      const v = this.box.querySelector<HTMLSelectElement>(`[data-to-choice="${c.param}"]`)?.value ?? '';
      if (!c.options.some((o) => o.value === v)) throw new Error(`${c.label} must be one of ${c.options.map((o) => o.label).join(', ')}`);
      choice[c.param] = v;
    }
    const seed = Number(this.el.seed.value);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new Error('the seed must be a whole number from 0 to 2³¹');
    return { point, choice, choiceKey: choiceKey(this.spec, choice), m: Number(this.el.width.value), seed };
  }

  /** The share of the initial loss at which a chen2024 run's plateau ends (plateauEnd of the cells of that choice: network). */
  private plateauEnd(choice = this.current?.choiceKey ?? ''): number {
    const template = this.catalog?.templates?.[choice] ?? this.catalog?.template;
    return Number(template?.plateauEnd ?? Number.NaN);
  }

  /** The loss of the current run up to frame `index` (its attempt), for the chen2024 drawing. */
  private plateauAt(index: number): Plateau | undefined {
    if (!this.spec.plateau) return undefined;
    const frame = this.frames[index];
    if (!frame) return undefined;
    const upto = this.frames.slice(0, index + 1).filter((f) => f.attempt === frame.attempt && !f.final);
    const loss = upto.map((f) => ({ step: f.step, loss: f.loss }));
    if (frame.final) loss.push({ step: frame.step, loss: frame.loss });
    const threshold = this.plateauEnd() * (upto[0]?.loss ?? frame.loss);
    return { loss, threshold, exitStep: frame.final && frame.status === 'exited' ? frame.step : null };
  }

  /** Set the form to a stored cell's point, width and seed. */
  private use(cell: CatalogCell): void {
    for (const axis of this.spec.axes) {
      const range = this.box.querySelector<HTMLInputElement>(`[data-to-range="${axis.param}"]`);
      const number = this.box.querySelector<HTMLInputElement>(`[data-to-number="${axis.param}"]`);
      if (range) range.value = toSlider(axis, cell.point[axis.param]);
      if (number) number.value = String(cell.point[axis.param]);
    }
    for (const part of cell.choice ? cell.choice.split(',') : []) {
      const [param, value] = part.split('=');
      const select = this.box.querySelector<HTMLSelectElement>(`[data-to-choice="${param}"]`);
      if (select) select.value = value;
    }
    // a width above the island's limit is not offered: the largest offered one instead
    const widths = [...this.el.width.options].map((o) => Number(o.value));
    this.el.width.value = String(widths.includes(cell.m) ? cell.m : Math.max(...widths.filter((m) => m <= cell.m), Math.min(...widths)));
    this.el.seed.value = String(cell.seed);
    this.updateNearest();
  }

  /** The stored cell nearest to the reading: of the same choices (chen2024: network) if any, at the nearest point, then the nearest width, then the same seed; cells of the trained experiment first on ties. */
  private nearest(r: Reading): CatalogCell | undefined {
    const cells = this.catalog?.cells ?? [];
    const score = (c: CatalogCell) => [
      c.choice === r.choiceKey ? 0 : 1,
      Math.round(distance(this.spec.axes, r.point, c.point) * 1e9),
      Math.abs(Math.log(c.m / r.m)),
      c.seed === r.seed ? 0 : 1,
      c.experiment === this.spec.experiment ? 0 : 1,
      c.figure === this.catalog?.phase.figure ? 0 : 1,
    ];
    const before = (a: number[], b: number[]) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
      return false;
    };
    let best: CatalogCell | undefined;
    let bestScore: number[] = [];
    for (const c of cells) {
      const s = score(c);
      if (!best || before(s, bestScore)) {
        best = c;
        bestScore = s;
      }
    }
    return best;
  }

  private updateNearest(): void {
    const catalog = this.catalog;
    if (!catalog) return;
    const out = this.el.nearest;
    out.replaceChildren();
    let r: Reading;
    try {
      r = this.reading();
    } catch (error) {
      line(out, error instanceof Error ? error.message : String(error), 'to-bad');
      return;
    }
    const cell = this.nearest(r);
    if (!cell) {
      line(out, 'No stored cell.');
      return;
    }
    const coords = (p: Record<string, number>, choice = '') =>
      [choiceLabel(this.spec, choice), ...this.spec.axes.map((a) => `${a.label} = ${fmt(p[a.param])}`)].filter(Boolean).join(', ');
    const exact = cell.choice === r.choiceKey && samePoint(cell.point, r.point) && cell.m === r.m && cell.seed === r.seed;
    const head = line(
      out,
      `${exact ? 'Same point, width and seed' : 'Nearest'}: cell ${cell.id} (${coords(cell.point, cell.choice)}, m = ${cell.m}, seed ${cell.seed}) of `,
    );
    head.append(
      link(figureName(cell.figure), cell.figure === catalog.phase.figure ? catalog.phase.anchor : catalog.stored.anchor),
      `, profile ${cell.profile}.`,
    );
    Object.assign(out.dataset, { cell: cell.id, key: cell.key, exact: String(exact) });
    const facts = Object.entries(FIELD_LABELS)
      .filter(([k]) => k in cell.fields)
      .map(([k, label]) => `${label} ${fmt(cell.fields[k])}`);
    line(out, `${facts.join(', ')}; its stored compute time ${cell.computeSeconds.toFixed(3)} s (Node).`);
    const s = catalog.phase.points.filter((p) => samePoint(p.point, cell.point))[0];
    if (s)
      line(
        out,
        `${Object.entries(s.s)
          .map(([k, v]) => `${k} = ${v === null ? 'not fitted' : fmt(v)}`)
          .join(', ')} at this point of the phase diagram (fitted over its widths).`,
      );
    const prov = line(out, 'Provenance: ');
    prov.append(
      link(`${figureName(catalog.phase.figure)}’s provenance`, catalog.phase.anchor),
      ', ',
      link(`the cell's stored entry (inputs, key, result)`, cell.entry),
      ', ',
      link('every run of the figure (CSV)', catalog.phase.runs),
      '.',
    );
    if (!exact) {
      const use = document.createElement('button');
      use.type = 'button';
      const offered = [...this.el.width.options].some((o) => Number(o.value) === cell.m);
      use.textContent = offered ? 'Use this cell’s point, width and seed' : 'Use this cell’s point and seed (its width is above this island’s limit)';
      use.addEventListener('click', () => this.use(cell));
      out.append(use);
    }
    // the stored scatter and output, at the reader's point when the figure has them there
    // chen2024 (every cell drawn): the nearest cell's rows at its exit
    const drawn = this.spec.plateau
      ? cell
      : catalog.cells.filter((c) => c.drawn && samePoint(c.point, r.point)).sort((a, b) => Math.abs(Math.log(a.m / r.m)) - Math.abs(Math.log(b.m / r.m)))[0];
    if (drawn)
      this.showStored(drawn).catch((error: unknown) => {
        this.el.stored.replaceChildren();
        line(this.el.stored, `The stored cell could not be drawn: ${error instanceof Error ? error.message : String(error)}`, 'to-bad');
      });
    else {
      this.shownEntry = '';
      this.el.stored.replaceChildren();
      const at = [...new Set(catalog.cells.filter((c) => c.drawn).map((c) => `(${coords(c.point)})`))];
      line(
        this.el.stored,
        `No stored neuron scatter at this point: ${figureName(catalog.stored.figure)} and its runs store them at ${at.length <= 6 ? at.join(', ') : `${at.length} points of the grid`}.`,
      );
    }
  }

  private async showStored(cell: CatalogCell): Promise<void> {
    if (this.shownEntry === cell.key) return;
    this.shownEntry = cell.key;
    const r = await fetch(cell.entry);
    if (!r.ok || this.shownEntry !== cell.key) return;
    const entry = (await r.json()) as StoredEntry;
    const views = resultViews(entry.result);
    if (!views || this.shownEntry !== cell.key) return;
    const points = toy1d();
    const data = this.data.x.length ? this.data : { x: Array.from(points.x), y: Array.from(points.y) };
    const status = String(entry.result.status ?? '');
    const panels = panelsOf(this.spec, cell.point, cell.m, data, views.initial, views.final, status, resultPlateau(entry.result, this.plateauEnd(cell.choice)));
    this.el.stored.replaceChildren(...panels.map((p) => chart({ ...p, title: `stored, m = ${cell.m}, seed ${cell.seed}: ${p.title ?? ''}` }, 'stored cell')));
  }

  private train(): void {
    const catalog = this.catalog;
    if (!catalog || this.worker) return;
    this.el.status.replaceChildren();
    let r: Reading;
    try {
      r = this.reading();
    } catch (error) {
      line(this.el.status, error instanceof Error ? error.message : String(error), 'to-bad');
      return;
    }
    const template = catalog.templates?.[r.choiceKey] ?? (r.choiceKey === '' ? catalog.template : undefined);
    if (!template) {
      line(this.el.status, `No stored cell has ${choiceLabel(this.spec, r.choiceKey)}: its settings (learning rate, data, …) are unknown here.`, 'to-bad');
      return;
    }
    const params = { ...r.point, m: r.m, ...template };
    const id = [r.choiceKey, ...this.spec.axes.map((a) => `${a.param}=${r.point[a.param]}`), `m=${r.m}`].filter(Boolean).join(',');
    const cell = { id, seed: r.seed, params };
    this.current = r;
    this.frames = [];
    this.el.live.replaceChildren();
    this.el.scrub.hidden = true;
    this.el.train.disabled = true;
    this.el.stop.disabled = false;
    this.el.progress.hidden = false;
    this.el.progress.value = 0;
    this.box.dataset.state = 'training';
    delete this.box.dataset.compare;
    const running = line(this.el.status, `Training ${id}, seed ${r.seed}…`);
    const worker = new Worker(new URL('./trainOwn.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    let sources: Extract<WorkerMessage, { type: 'sources' }> | undefined;
    let initial: SnapshotView | undefined;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'sources') sources = m;
      else if (m.type === 'data') this.data = { x: m.x, y: m.y };
      else if (m.type === 'progress') this.el.progress.value = m.fraction;
      else if (m.type === 'snapshot') {
        if (m.step === 0) initial = m.view;
        this.frames.push({ attempt: m.attempt, step: m.step, loss: m.loss, view: m.view, initial: initial ?? m.view });
        running.textContent = `Training ${id}, seed ${r.seed}: attempt ${m.attempt + 1}, step ${m.step}, loss ${fmt(m.loss)}…`;
        this.scheduleDraw();
      } else if (m.type === 'error') {
        this.stop(`Training failed: ${m.message}`);
      } else {
        this.finish(r, cell, m, sources).catch((error: unknown) => this.stop(`Comparison failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    };
    worker.onerror = (e) => this.stop(`The training worker failed: ${e.message}`);
    worker.postMessage({ experiment: catalog.experiment, cell });
  }

  private stop(message: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.el.train.disabled = false;
    this.el.stop.disabled = true;
    this.el.progress.hidden = true;
    this.el.status.replaceChildren();
    line(this.el.status, message, message === 'Stopped.' ? undefined : 'to-bad');
    this.box.dataset.state = message === 'Stopped.' ? 'stopped' : 'error';
    this.offerScrub();
  }

  /** Draw the latest snapshot at the next animation frame (snapshots may come faster than they can be drawn). */
  private scheduleDraw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      // a snapshot that arrives with the end of the run is not drawn over the final panels
      if (this.worker) this.drawFrame(this.frames.length - 1);
    });
  }

  private drawFrame(index: number): void {
    const frame = this.frames[index];
    const r = this.current;
    if (!frame || !r) return;
    const status = frame.final ? `final (step ${frame.step})` : `attempt ${frame.attempt + 1}, step ${frame.step}`;
    const panels = panelsOf(this.spec, r.point, r.m, this.data, frame.initial, frame.view, frame.status ?? status, this.plateauAt(index));
    this.el.live.replaceChildren(...panels.map((p) => chart({ ...p, title: `${status}: ${p.title ?? ''}` }, 'your run')));
    this.el.stepLabel.textContent = `${status}, loss ${fmt(frame.loss)}`;
  }

  private offerScrub(): void {
    if (this.frames.length < 2) return;
    this.el.step.max = String(this.frames.length - 1);
    this.el.step.value = String(this.frames.length - 1);
    this.el.scrub.hidden = false;
  }

  private async finish(
    r: Reading,
    cell: { id: string; seed: number; params: Record<string, unknown> },
    done: Extract<WorkerMessage, { type: 'done' }>,
    sources: Extract<WorkerMessage, { type: 'sources' }> | undefined,
  ): Promise<void> {
    this.worker?.terminate();
    this.worker = undefined;
    this.el.train.disabled = false;
    this.el.stop.disabled = true;
    this.el.progress.hidden = true;
    const result = done.result;
    const status = this.el.status;
    status.replaceChildren();
    const digest = await sha256(resultDigestText(result));
    const facts = Object.entries(FIELD_LABELS)
      .filter(([k]) => k in result)
      .map(([k, label]) => `${label} ${fmt(result[k])}`);
    const summary = line(
      status,
      `Trained ${cell.id}, seed ${cell.seed} in ${done.seconds.toFixed(2)} s in this browser (${done.observeSeconds.toFixed(2)} s of it spent on the snapshots drawn): ${facts.join(', ')}.`,
    );
    Object.assign(summary.dataset, { digest, seconds: String(done.seconds), observeSeconds: String(done.observeSeconds) });
    this.box.dataset.digest = digest;
    // the final panels: from the result, as the static figure draws a stored one (the last position of the snapshot slider)
    const views = resultViews(result);
    if (views) {
      const last = this.frames.at(-1);
      this.frames.push({
        attempt: last?.attempt ?? 0,
        step: Number(result.steps ?? last?.step ?? 0),
        loss: Number(result.finalLoss ?? last?.loss ?? Number.NaN),
        view: views.final,
        // chen2024: the rows at step 0 are the run's first snapshot (the result stores only those at the exit)
        initial: views.final.kind === 'rows' ? (this.frames[0]?.view ?? views.initial) : views.initial,
        final: true,
        status: String(result.status ?? ''),
      });
    }
    this.offerScrub();
    this.drawFrame(this.frames.length - 1);
    await this.compare(r, cell.params, result, digest, sources);
    this.box.dataset.state = 'trained';
  }

  /** Compare with the stored cells at the same point, width and seed. */
  private async compare(
    r: Reading,
    params: Record<string, unknown>,
    result: Record<string, unknown>,
    digest: string,
    sources: Extract<WorkerMessage, { type: 'sources' }> | undefined,
  ): Promise<void> {
    const status = this.el.status;
    const same = (this.catalog?.cells ?? [])
      .filter((c) => c.choice === r.choiceKey && samePoint(c.point, r.point) && c.m === r.m && c.seed === r.seed)
      .sort((a, b) => Number(b.experiment === this.spec.experiment) - Number(a.experiment === this.spec.experiment));
    if (same.length === 0) {
      this.box.dataset.compare = 'none';
      line(status, 'No stored cell has this point, width and seed: nothing to compare with (the nearest one is beside your run).');
      const near = this.nearest(r);
      if (this.spec.plateau && near)
        line(
          status,
          `Exit of the plateau: your run at step ${fmt(result.steps)} (t = ${fmt(result.tExit)}, ${fmt(result.status)}); the nearest stored cell ${near.id} (${[choiceLabel(this.spec, near.choice), `m = ${near.m}`, `seed ${near.seed}`].filter(Boolean).join(', ')}) at step ${fmt(near.fields.steps)} (t = ${fmt(near.fields.tExit)}, ${fmt(near.fields.status)}).`,
        );
      return;
    }
    const verdicts: string[] = [];
    for (const c of same) {
      const resp = await fetch(c.entry);
      if (!resp.ok) throw new Error(`${c.entry}: HTTP ${resp.status}`);
      const entry = (await resp.json()) as StoredEntry;
      const ownExperiment = entry.inputs.experiment === this.spec.experiment;
      const sameParams = ownExperiment && resultDigestText(entry.inputs.cell.params) === resultDigestText(params);
      const stored = JSON.parse(resultDigestText(entry.result)) as Record<string, unknown>;
      const mine = JSON.parse(resultDigestText(result)) as Record<string, unknown>;
      const fields = Object.keys(stored).filter((k) => k in mine);
      const diffs = sameParams ? differences(stored, mine) : differences(pick(stored, fields), pick(mine, fields));
      const where = `cell ${c.id} of ${figureName(c.figure)} (experiment ${entry.inputs.experiment}, computed in Node by npm run experiments)`;
      let verdict: string;
      if (sameParams) {
        const ok = digest === entry.digest && diffs.length === 0;
        verdict = ok ? 'identical' : 'differs';
        const p = line(
          status,
          ok
            ? `Your run is ${where}, bit for bit: its result digest is the stored digest ${short(entry.digest)}.`
            : `Your run differs from ${where}: result digest ${short(digest)}, stored ${short(entry.digest)}.`,
          ok ? 'to-ok' : 'to-bad',
        );
        Object.assign(p.dataset, { compare: verdict, cell: c.id, storedDigest: entry.digest });
        if (sources) {
          const key = await sha256(cellKeyText({ ...entry.inputs, code: sources.code, packages: sources.packages }));
          const keyOk = key === entry.key;
          line(
            status,
            keyOk
              ? `The cell's key recomputed from the source hashes of the code your browser ran is its stored key ${short(entry.key)}.`
              : `The cell's key recomputed from the source hashes of the code your browser ran, ${short(key)}, is not its stored key ${short(entry.key)}: the page's code is not the code that computed the cell.`,
            keyOk ? 'to-ok' : 'to-bad',
          );
          p.dataset.keyMatches = String(keyOk);
        }
      } else {
        const ok = diffs.length === 0;
        verdict = ok ? 'fields-equal' : 'differs';
        const p = line(
          status,
          ok
            ? `The ${fields.length} fields your run and ${where} both record are identical: ${fields.join(', ')}.`
            : `Your run differs from ${where} in ${diffs.length} of the fields both record.`,
          ok ? 'to-ok' : 'to-bad',
        );
        Object.assign(p.dataset, { compare: verdict, cell: c.id, fields: fields.join(',') });
      }
      for (const d of diffs.slice(0, 8)) line(status, `${d.path}: ${d.text}`, 'to-detail');
      verdicts.push(verdict);
    }
    this.box.dataset.compare = verdicts.includes('differs') ? 'differs' : verdicts.includes('identical') ? 'identical' : 'fields-equal';
  }
}

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

const islands = new WeakMap<HTMLElement, Promise<void>>();

/** Set up the island of a <details data-train-own> (once). */
export function open(box: HTMLElement): Promise<void> {
  let ready = islands.get(box);
  if (!ready) {
    ready = new TrainOwn(box).init().catch((error: unknown) => {
      box.dataset.state = 'error';
      const status = box.querySelector<HTMLElement>('[data-to-status]');
      if (status) line(status, `Train your own could not start: ${error instanceof Error ? error.message : String(error)}`, 'to-bad');
    });
    islands.set(box, ready);
  }
  return ready;
}
