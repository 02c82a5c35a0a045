/**
 * luo2021 Fig. 6: a small (orientation, A/max A) scatter per (γ, γ') cell,
 * γ across, γ' up, one colour per width; blue frames on the critical cells;
 * a cell with a degenerate run is hatched, with × and the width(s).
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/luo2021-fig6/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { DEGENERATE_STROKE } from './shared/degenerate.js';
import { hatchPattern } from './shared/gridCells.js';
import { byMark, distinct, sortedDistinct } from './shared/rows.js';
import type { FigureView } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig6']>;
type Degenerate = Extract<Data['rows'][number], { mark: 'degenerate' }>;

const widthColors = ['#1f77b4', '#d62728', '#e6b800', '#2ca02c'];

const widthLabel = (m: number) => `m = ${m.toLocaleString('en-US')}`;
const widthsOf = (data: Data) => sortedDistinct(byMark(data.rows, 'neuron').map((r) => r.m)).map(widthLabel);

export const figure: FigureView<Data> = {
  columns: 1,
  degenerateMark: 'cell',
  legend: (data) => ({ color: { domain: widthsOf(data), range: widthColors }, legend: 'swatches' }),
  panels(data) {
    const neurons = byMark(data.rows, 'neuron').map((r) => ({ ...r, width: widthLabel(r.m) }));
    const gammas = distinct(neurons.map((r) => r.gamma)).length;
    const degenerate = byMark(data.rows, 'degenerate');
    return [
      {
        options: {
          width: Math.max(420, 110 * gammas),
          height: Math.max(380, 100 * distinct(neurons.map((r) => r.gamma_prime)).length),
          marginLeft: 45,
          marginBottom: 40,
          fx: { label: 'γ' },
          fy: { label: 'γ′', reverse: true },
          x: { domain: [-Math.PI, Math.PI], ticks: [], label: null },
          y: { domain: [0, 1.05], ticks: [], label: null },
          color: { domain: widthsOf(data), range: widthColors },
          marks: [
            Plot.frame({ stroke: '#ddd' }),
            hatchPattern('luo2021-fig6-degenerate'),
            Plot.rect(degenerate, {
              fx: 'gamma',
              fy: 'gamma_prime',
              x1: -Math.PI,
              x2: Math.PI,
              y1: 0,
              y2: 1.05,
              fill: 'url(#luo2021-fig6-degenerate)',
              title: (d: Degenerate) => `γ = ${d.gamma}, γ′ = ${d.gamma_prime}, m = ${d.m}\ndegenerate run: ${d.degenerate}`,
            }),
            Plot.text(degenerate, {
              fx: 'gamma',
              fy: 'gamma_prime',
              frameAnchor: 'top-left',
              dx: 3,
              dy: 3,
              text: (d: Degenerate) => `× m = ${d.m}`,
              fill: DEGENERATE_STROKE,
              fontSize: 10,
            }),
            Plot.rect(byMark(data.rows, 'critical'), {
              fx: 'gamma',
              fy: 'gamma_prime',
              x1: -Math.PI,
              x2: Math.PI,
              y1: 0,
              y2: 1.05,
              stroke: '#1f5fa8',
              strokeWidth: 2,
              fill: 'none',
            }),
            Plot.dot(neurons, { fx: 'gamma', fy: 'gamma_prime', x: 'orientation', y: 'a_rel', stroke: 'width', r: 1.1, strokeOpacity: 0.7 }),
          ],
        },
      },
    ];
  },
};
