/**
 * chen2024 Proposition 1: drift of the conservation laws aaᵀ − W2W2ᵀ and
 * W2ᵀW2 − W1W1ᵀ over time (log scale), relative to the current size of their
 * terms, for the effective model (exact up to rounding and the integrator's
 * tolerance) and for the trained network. Hatched when the run is degenerate.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/chen2024-condensation/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markDegeneratePanel } from './shared/degenerate.js';
import type { FigureView, Panel } from './types.js';

type Data = FigureDataOf<(typeof figures)['chen2024-conservation']>;

/** solid: aaᵀ − W2W2ᵀ; dashed: W2ᵀW2 − W1W1ᵀ */
const laws = ['aaᵀ − W2W2ᵀ', 'W2ᵀW2 − W1W1ᵀ'] as const;
const colors = { domain: ['network', 'effective model'], range: ['#1f77b4', '#d62728'] };

export const figure: FigureView<Data> = {
  columns: 1,
  degenerateMark: 'panel',
  legend: () => ({ color: colors, legend: 'swatches' }),
  panels: (data) => [markDegeneratePanel(drift(data), data.values?.degenerate_train, 'chen2024-conservation-degenerate')],
};

function drift(data: Data): Panel {
  return {
    options: {
      width: 560,
      height: 320,
      marginLeft: 55,
      x: { label: 'time $t$ = lr · steps' },
      y: { type: 'log', label: 'relative drift', grid: true, nice: true },
      color: colors,
      marks: [
        // one mark per law: a dash pattern is an option of the mark, not a channel
        ...laws.map((law) =>
          Plot.line(
            data.rows.filter((r) => r.drift > 0 && r.law === law),
            { x: 't', y: 'drift', z: 'model', stroke: 'model', strokeDasharray: law === 'aaᵀ − W2W2ᵀ' ? undefined : '5 3' },
          ),
        ),
      ],
    },
  };
}
