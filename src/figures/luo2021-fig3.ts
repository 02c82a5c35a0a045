/**
 * luo2021 Fig. 3: (a)–(c) RD(θ*_w) against m, log-log, one panel per γ, a
 * colour per initialisation, with least-squares lines; (d) the fitted slope
 * S_w against γ with ± one standard error, and the critical γ at γ' = 0.
 * Degenerate runs are crossed grey circles, left out of the lines and slopes;
 * a × marks a slope fitted without some of its runs.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/luo2021-fig3/experiment.js';
import { boundaryGamma } from '../engine/theory/luo2021.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { logAxis } from './shared/format.js';
import { byMark, distinct } from './shared/rows.js';
import { cleanRows, degenerateCross, degenerateDots } from './shared/degenerate.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig3']>;
type Rows = RowOf<Data>[];
type Slope = Extract<RowOf<Data>, { mark: 'slope' }>;

const initColors = { range: ['#1f77b4', '#ff7f0e', '#2ca02c'] };

const rdTitle = (d: Extract<RowOf<Data>, { mark: 'rd' }>) => `${d.init}, m = ${d.m}\nRD = ${d.rd.toPrecision(3)} (${d.status})`;

function rdPanel(rows: Rows, gamma: number, inits: string[]): Panel {
  const at = rows.filter((r) => r.gamma === gamma);
  return {
    title: `γ = ${gamma}`,
    options: {
      width: 300,
      height: 240,
      marginLeft: 55,
      x: { type: 'log', label: 'm', tickFormat: '~s' },
      // explicit ticks, each labelled (Plot's own log ticks label only powers of ten within a decade)
      y: { type: 'log', label: 'RD(w)', ...logAxis(byMark(at, 'rd').map((r) => r.rd)), tickFormat: (d: number) => String(d) },
      color: { ...initColors, domain: inits },
      marks: [
        Plot.line(byMark(at, 'fit'), { x: 'm', y: 'rd', stroke: 'init', strokeOpacity: 0.5, strokeDasharray: '4 3' }),
        Plot.dot(cleanRows(byMark(at, 'rd')), { x: 'm', y: 'rd', stroke: 'init', fill: 'init', r: 3, title: rdTitle }),
        ...degenerateDots(byMark(at, 'rd'), { x: 'm', y: 'rd', r: 4, title: rdTitle }),
      ],
    },
  };
}

/** S_w ± its standard error (no bar when either is undefined). */
const lower = (d: Slope) => (d.s_w === null ? null : d.s_w - (d.s_w_se ?? 0));
const upper = (d: Slope) => (d.s_w === null ? null : d.s_w + (d.s_w_se ?? 0));

const slopeTitle = (d: Slope) =>
  `${d.init}, γ = ${d.gamma}\nS(w) = ${d.s_w === null ? '–' : d.s_w.toFixed(3)} ± ${d.s_w_se === null ? '–' : d.s_w_se.toFixed(3)}`;

function slopePanel(rows: Rows, inits: string[]): Panel {
  const slopes = byMark(rows, 'slope');
  return {
    title: 'S(w) against γ',
    options: {
      width: 300,
      height: 240,
      marginLeft: 45,
      x: { label: 'γ' },
      y: { label: 'S(w)', grid: true },
      color: { ...initColors, domain: inits, legend: false },
      marks: [
        Plot.ruleY([0], { stroke: '#999' }),
        Plot.ruleX([boundaryGamma(0)], { stroke: '#999', strokeDasharray: '2 3' }),
        Plot.ruleX(slopes, { x: 'gamma', y1: lower, y2: upper, stroke: 'init' }),
        Plot.line(slopes, { x: 'gamma', y: 's_w', stroke: 'init', z: 'init' }),
        Plot.dot(slopes, { x: 'gamma', y: 's_w', fill: 'init', r: 3, title: slopeTitle }),
        degenerateCross(
          slopes.filter((d) => d.s_w !== null),
          { x: 'gamma', y: 's_w', title: slopeTitle },
        ),
      ],
    },
  };
}

const initsOf = (data: Data) => distinct(byMark(data.rows, 'rd').map((r) => r.init));

export const figure: FigureView<Data> = {
  columns: 2,
  legend: (data) => ({ color: { ...initColors, domain: initsOf(data) }, legend: 'swatches' }),
  panels(data) {
    const inits = initsOf(data);
    const panelGammas = data.values?.panel_gammas ?? [0.5, 1, 1.75];
    return [...panelGammas.map((g) => rdPanel(data.rows, g, inits)), slopePanel(data.rows, inits)];
  },
};
