/**
 * One chen2024-blowup run as it trains (the "Train your own" island of the
 * chen2024 page, src/components/islands/trainOwn.ts): its loss over the steps
 * with the plateau's end (plateauEnd · R_S(θ0)) and the exit step marked, and
 * its first layer's rows, each a dot at (|cos(w_k, z)|, |w_k|), the rows at
 * step 0 beside the current ones: condensation is the rows gathering at
 * |cos| = 1 as they grow. Pure: typed data in, Plot options out. Titles and
 * axis labels carry their math between $…$ (./mathLabel.ts: the island sets
 * it as math).
 */
import * as Plot from '@observablehq/plot';
import type { Panel } from '../types.js';

export interface PlateauRows {
  /** |w_k| of every first-layer row */
  norm: number[];
  /** cos(w_k, z) of every row */
  cos: number[];
}

export interface PlateauRun {
  /** the loss at the steps recorded (step 0 first); a stored run records only its first and last */
  loss: { step: number; loss: number }[];
  /** plateauEnd · R_S(θ0): the loss below which the plateau has ended */
  threshold: number;
  /** the step at which the loss first fell below the threshold (null: not, or not yet) */
  exitStep: number | null;
  /** the rows now (at the exit when the run has exited) */
  rows: PlateauRows;
  /** the rows at step 0, when known */
  initial?: PlateauRows;
}

const colors = { domain: ['step 0', 'now'], range: ['#9a9a9a', '#d62728'] };

/** The dots of a set of rows: |cos| against the norm. */
export function rowDots(rows: PlateauRows, stage: 'step 0' | 'now'): { k: number; abscos: number; norm: number; stage: string }[] {
  if (rows.norm.length !== rows.cos.length) throw new Error(`plateauRun: ${rows.norm.length} norms but ${rows.cos.length} cosines`);
  return rows.norm.map((norm, k) => ({ k, abscos: Math.abs(rows.cos[k]), norm, stage }));
}

export function plateauRunPanels(run: PlateauRun): Panel[] {
  const losses = run.loss.filter((p) => Number.isFinite(p.loss));
  const exit = run.exitStep === null ? [] : [{ step: run.exitStep }];
  const dots = [...(run.initial ? rowDots(run.initial, 'step 0') : []), ...rowDots(run.rows, 'now')].filter((d) => d.norm > 0);
  return [
    {
      title: `Loss $R_S$ over the steps${run.exitStep === null ? '' : `: the plateau ends at step ${run.exitStep}`}`,
      options: {
        width: 360,
        height: 240,
        marginLeft: 60,
        x: { label: 'step', grid: true },
        y: { label: 'loss $R_S$', grid: true },
        marks: [
          Plot.ruleY([run.threshold], { stroke: '#777', strokeDasharray: '4 3' }),
          Plot.text([{ y: run.threshold }], { y: 'y', frameAnchor: 'left', dx: 4, dy: 8, text: () => 'plateau end', fill: '#555' }),
          Plot.ruleX(exit, { x: 'step', stroke: '#d62728' }),
          // a stored run records only its first and last loss: not joined (a line would invent the path between)
          ...(losses.length > 2 ? [Plot.line(losses, { x: 'step', y: 'loss', stroke: '#333' })] : []),
          Plot.dot(losses, { x: 'step', y: 'loss', r: 2, fill: '#333', title: (p: { step: number; loss: number }) => `step ${p.step}: loss ${p.loss}` }),
        ],
      },
    },
    {
      title: `First-layer rows: alignment with $z$ against norm (${run.initial ? 'grey: step 0, ' : ''}red: ${run.exitStep === null ? 'now' : 'at the exit'})`,
      options: {
        width: 360,
        height: 240,
        marginLeft: 60,
        x: { label: '$|\\cos(w_k, z)|$', domain: [0, 1], grid: true },
        y: { type: 'log', label: 'row norm $|w_k|$', grid: true, tickFormat: '~g' },
        color: colors,
        marks: [
          Plot.dot(dots, {
            x: 'abscos',
            y: 'norm',
            stroke: 'stage',
            r: 3,
            title: (d: { k: number; abscos: number; norm: number; stage: string }) =>
              `row ${d.k} (${d.stage}): |cos| ${d.abscos.toFixed(4)}, norm ${d.norm.toPrecision(3)}`,
          }),
        ],
      },
    },
  ];
}
