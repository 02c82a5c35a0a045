/**
 * The introduction's 1-d demo, at one training step: each neuron's feature
 * (θ_k, A_k) (A on a log axis, one domain for every step so that the points
 * move against fixed axes), the fitted function against the target and the
 * data, and the loss over training with the step marked.
 *
 * Step 0 sits at step 1 on the loss panel's log axis.
 *
 * The static page draws the last step (`figure`); the slider island
 * (src/components/DemoSlider.astro) draws any step with the same
 * `demoPanels`, from the compact form made by `compactDemo`.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/introduction-demo/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import { count } from './shared/format.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

export type DemoData = FigureDataOf<(typeof figures)['introduction-demo']>;
type Rows = RowOf<DemoData>[];

/** The snapshot steps, increasing. */
export function demoSteps(data: DemoData): number[] {
  return sortedDistinct(byMark(data.rows, 'loss').map((r) => r.step));
}

/** One log-axis domain for A over every snapshot (positive amplitudes only). */
function amplitudeDomain(rows: Rows): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const r of byMark(rows, 'feature')) {
    if (r.amplitude > 0) {
      lo = Math.min(lo, r.amplitude);
      hi = Math.max(hi, r.amplitude);
    }
  }
  return hi > 0 ? [lo / 1.5, hi * 1.5] : [1e-6, 1];
}

const width = 300;
const height = 230;

/** The three panels at snapshot `step` (which must be one of demoSteps). */
export function demoPanels(data: DemoData, step: number): Panel[] {
  const rows = data.rows;
  const features = byMark(rows, 'feature').filter((r) => r.step === step && r.amplitude > 0);
  const output = byMark(rows, 'output').filter((r) => r.step === step && r.y !== null);
  const losses = byMark(rows, 'loss').filter((r) => r.loss !== null && r.loss > 0);
  const stepMax = Math.max(10, ...losses.map((r) => r.step));
  const at = losses.find((r) => r.step === step);
  const ys = [...byMark(rows, 'target').map((r) => r.y), ...byMark(rows, 'output').flatMap((r) => (r.y === null ? [] : [r.y]))];
  const yDomain: [number, number] = [Math.min(-0.2, ...ys), Math.max(1.1, ...ys)];
  const label = `step ${count(step)}`;
  return [
    {
      title: `Neuron features (θₖ, Aₖ), ${label}`,
      options: {
        width,
        height,
        marginLeft: 50,
        x: { label: 'θₖ', domain: [-Math.PI, Math.PI], ticks: [-3, -2, -1, 0, 1, 2, 3] },
        y: { label: 'Aₖ', type: 'log', domain: amplitudeDomain(rows), tickFormat: '.0e' },
        marks: [
          Plot.dot(features, { x: 'theta', y: 'amplitude', r: 2, fill: '#d62728', fillOpacity: 0.7, title: (r: { neuron: number }) => `neuron ${r.neuron}` }),
          Plot.frame({ stroke: '#ddd' }),
        ],
      },
    },
    {
      title: `Fitted function, ${label}`,
      options: {
        width,
        height,
        marginLeft: 45,
        x: { label: 'x', domain: [-1, 1] },
        y: { label: 'y', domain: yDomain },
        marks: [
          Plot.ruleY([0], { stroke: '#eee' }),
          Plot.line(byMark(rows, 'target'), { x: 'x', y: 'y', stroke: '#999', strokeDasharray: '4 3' }),
          Plot.dot(byMark(rows, 'data'), { x: 'x', y: 'y', r: 2.5, fill: '#1f77b4' }),
          Plot.line(output, { x: 'x', y: 'y', stroke: '#d62728', strokeWidth: 1.8 }),
        ],
      },
    },
    {
      title: `Loss over training, ${label} marked`,
      options: {
        width,
        height,
        marginLeft: 55,
        // a log axis of steps: step 0 (the initialisation) is drawn at step 1, where the loss has not moved yet
        x: {
          label: 'step',
          type: 'log',
          domain: [1, stepMax],
          // every power of ten labelled: Plot labels every other one on an axis this narrow, leaving the last decade bare
          ticks: Array.from({ length: Math.floor(Math.log10(stepMax)) + 1 }, (_, k) => 10 ** k),
          tickFormat: '~s',
        },
        y: { label: 'loss', type: 'log', tickFormat: '.0e', nice: true },
        marks: [
          Plot.line(losses, { x: (r: { step: number }) => Math.max(1, r.step), y: 'loss', stroke: '#555' }),
          ...(at
            ? [
                Plot.ruleX([Math.max(1, at.step)], { stroke: '#d62728', strokeDasharray: '3 2' }),
                Plot.dot([at], { x: (r: { step: number }) => Math.max(1, r.step), y: 'loss', r: 4, fill: '#d62728' }),
              ]
            : []),
        ],
      },
    },
  ];
}

/**
 * The figure's data in a compact form for the page (the island's JSON):
 * per snapshot, θ and A of every neuron (3 decimals / 3 significant digits)
 * and the fitted function on the grid (4 decimals), with the grid, target,
 * data and losses once. `expandDemo` turns it back into figure data.
 */
export interface CompactDemo {
  steps: number[];
  loss: (number | null)[];
  theta: number[][];
  amplitude: number[][];
  gridX: number[];
  target: number[];
  output: (number | null)[][];
  data: [number, number][];
}

const round = (v: number, decimals: number) => Number(v.toFixed(decimals));
const sig = (v: number, digits: number) => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(digits)));

export function compactDemo(data: DemoData): CompactDemo {
  const steps = demoSteps(data);
  const index = new Map(steps.map((s, i) => [s, i]));
  const target = byMark(data.rows, 'target');
  const gridIndex = new Map(target.map((r, i) => [r.x, i]));
  const out: CompactDemo = {
    steps,
    loss: steps.map(() => null),
    theta: steps.map(() => []),
    amplitude: steps.map(() => []),
    gridX: target.map((r) => r.x),
    target: target.map((r) => round(r.y, 4)),
    output: steps.map(() => target.map(() => null)),
    data: byMark(data.rows, 'data').map((r) => [round(r.x, 4), round(r.y, 4)]),
  };
  for (const r of data.rows) {
    if (r.mark === 'loss') out.loss[index.get(r.step)!] = r.loss === null ? null : sig(r.loss, 4);
    else if (r.mark === 'feature') {
      const s = index.get(r.step)!;
      out.theta[s][r.neuron] = round(r.theta, 3);
      out.amplitude[s][r.neuron] = sig(r.amplitude, 3);
    } else if (r.mark === 'output') {
      const g = gridIndex.get(r.x);
      if (g === undefined) throw new Error(`introduction-demo: output at x = ${r.x} is not on the target's grid`);
      out.output[index.get(r.step)!][g] = r.y === null ? null : round(r.y, 4);
    }
  }
  return out;
}

export function expandDemo(c: CompactDemo): DemoData {
  const rows: Rows = [];
  c.steps.forEach((step, s) => {
    c.theta[s].forEach((theta, neuron) => {
      rows.push({ mark: 'feature', step, neuron, theta, amplitude: c.amplitude[s][neuron] });
    });
    c.output[s].forEach((y, g) => {
      rows.push({ mark: 'output', step, x: c.gridX[g], y });
    });
    rows.push({ mark: 'loss', step, loss: c.loss[s] });
  });
  c.gridX.forEach((x, g) => {
    rows.push({ mark: 'target', x, y: c.target[g] });
  });
  for (const [x, y] of c.data) rows.push({ mark: 'data', x, y });
  return { rows };
}

export const figure: FigureView<DemoData> = {
  columns: 3,
  degenerateMark: 'panel',
  // a degenerate run: every panel hatched, with the reason
  panels: (data) =>
    demoPanels(data, demoSteps(data).at(-1) ?? 0).map((panel, i) =>
      markDegeneratePanel(panel, typeof data.values?.degenerate === 'string' ? data.values.degenerate : '', `introduction-demo-degenerate-${i}`),
    ),
};
