/**
 * chen2024 Fig. 3: deep matrix factorisation; left the loss on the observed
 * entries, right the largest singular values of P = W3W2W1 (σ1, the maximum,
 * darkest), with dotted the singular values of the target. Hatched when the
 * run is degenerate.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2024-fig3/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import { byMark, sortedDistinct } from './shared/rows.js';
import type { FigureView, Panel } from './types.js';
import { steps } from './shared/format.js';

type Data = FigureDataOf<(typeof figures)['chen2024-fig3']>;

const kLabel = (k: number) => `σ${String(k).replace(/[0-9]/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)])}`;

export const figure: FigureView<Data> = {
  columns: 2,
  degenerateMark: 'panel',
  legend: (data) => ({
    color: { type: 'ordinal', scheme: 'viridis', domain: sortedDistinct(byMark(data.rows, 'sv').map((r) => r.k)).map(kLabel) },
    legend: 'swatches',
  }),
  panels(data) {
    const sv = byMark(data.rows, 'sv').map((r) => ({ ...r, label: kLabel(r.k) }));
    const targets = byMark(data.rows, 'target')
      .filter((r) => r.value > 1e-6)
      .map((r) => ({ ...r, label: kLabel(r.k) }));
    const domain = sortedDistinct(sv.map((r) => r.k)).map(kLabel);
    const reason = typeof data.values?.degenerate === 'string' ? data.values.degenerate : '';
    const panels: Panel[] = [
      {
        title: 'Loss',
        options: {
          width: 360,
          height: 260,
          marginLeft: 55,
          x: { label: 'iteration', tickFormat: steps },
          y: { type: 'log', label: 'loss on the observed entries', grid: true, nice: true },
          marks: [
            Plot.line(
              byMark(data.rows, 'loss').filter((r) => r.loss !== null && r.loss > 0),
              { x: 'step', y: 'loss', stroke: '#1f77b4' },
            ),
          ],
        },
      },
      {
        title: 'Singular values of $W_3 W_2 W_1$',
        options: {
          width: 360,
          height: 260,
          marginLeft: 45,
          x: { label: 'iteration', tickFormat: steps },
          y: { label: 'singular value', grid: true },
          color: { type: 'ordinal', scheme: 'viridis', domain },
          marks: [
            Plot.ruleY(targets, { y: 'value', stroke: 'label', strokeDasharray: '1 3' }),
            Plot.line(sv, { x: 'step', y: 'value', z: 'label', stroke: 'label', strokeWidth: (r: { k: number }) => (r.k === 1 ? 2.5 : 1.5) }),
          ],
        },
      },
    ];
    return panels.map((panel, i) => markDegeneratePanel(panel, reason, `chen2024-fig3-degenerate-${i}`));
  },
};
