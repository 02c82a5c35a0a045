/**
 * luo2021 Fig. 6: a small (orientation, A/max A) scatter per (γ, γ') cell,
 * γ across, γ' up, one colour per width; blue frames on the critical cells.
 */
import * as Plot from '@observablehq/plot';
import type { FigureData, Row } from '../pipeline/experiment.js';
import type { FigureView } from './types.js';

const widthColors = ['#1f77b4', '#d62728', '#e6b800', '#2ca02c'];

const widthsOf = (data: FigureData) => [...new Set(data.rows.filter((r) => r.mark === 'neuron').map((r) => r.m as number))].sort((p, q) => p - q).map((m) => `m = ${m.toLocaleString('en-US')}`);

export const figure: FigureView = {
  columns: 1,
  legend: (data) => ({ color: { domain: widthsOf(data), range: widthColors }, legend: 'swatches' }),
  panels(data: FigureData) {
    const neurons: Row[] = data.rows.filter((r) => r.mark === 'neuron').map((r) => ({ ...r, width: `m = ${(r.m as number).toLocaleString('en-US')}` }));
    const gammas = [...new Set(neurons.map((r) => r.gamma as number))].length;
    return [
      {
        options: {
          width: Math.max(420, 110 * gammas),
          height: Math.max(380, 100 * [...new Set(neurons.map((r) => r.gamma_prime))].length),
          marginLeft: 45,
          marginBottom: 40,
          fx: { label: 'γ' },
          fy: { label: 'γ′', reverse: true },
          x: { domain: [-Math.PI, Math.PI], ticks: [], label: null },
          y: { domain: [0, 1.05], ticks: [], label: null },
          color: { domain: widthsOf(data), range: widthColors },
          marks: [
            Plot.frame({ stroke: '#ddd' }),
            Plot.rect(data.rows.filter((r) => r.mark === 'critical'), { fx: 'gamma', fy: 'gamma_prime', x1: -Math.PI, x2: Math.PI, y1: 0, y2: 1.05, stroke: '#1f5fa8', strokeWidth: 2, fill: 'none' }),
            Plot.dot(neurons, { fx: 'gamma', fy: 'gamma_prime', x: 'orientation', y: 'a_rel', stroke: 'width', r: 1.1, strokeOpacity: 0.7 }),
          ],
        },
      },
    ];
  },
};
