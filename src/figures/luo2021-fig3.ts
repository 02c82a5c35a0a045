/**
 * luo2021 Fig. 3: (a)–(c) RD(θ*_w) against m, log-log, one panel per γ, a
 * colour per initialisation, with least-squares lines; (d) the fitted slope
 * S_w against γ with ± one standard error.
 */
import * as Plot from '@observablehq/plot';
import type { FigureData, Row } from '../pipeline/experiment.js';
import type { FigureView, Panel } from './types.js';

export const initColors = { range: ['#1f77b4', '#ff7f0e', '#2ca02c'] };

function rdPanel(rows: Row[], gamma: number, inits: string[]): Panel {
  const at = rows.filter((r) => r.gamma === gamma);
  return {
    title: `γ = ${gamma}`,
    options: {
      width: 300,
      height: 240,
      marginLeft: 55,
      x: { type: 'log', label: 'm', tickFormat: '~s' },
      y: { type: 'log', label: 'RD(θ*_w)', tickFormat: '~g' },
      color: { ...initColors, domain: inits },
      marks: [
        Plot.line(at.filter((r) => r.mark === 'fit'), { x: 'm', y: 'rd', stroke: 'init', strokeOpacity: 0.5, strokeDasharray: '4 3' }),
        Plot.dot(at.filter((r) => r.mark === 'rd'), { x: 'm', y: 'rd', stroke: 'init', fill: 'init', r: 3, tip: true }),
      ],
    },
  };
}

function slopePanel(rows: Row[], inits: string[]): Panel {
  const slopes = rows.filter((r) => r.mark === 'slope');
  return {
    title: 'S_w against γ',
    options: {
      width: 300,
      height: 240,
      marginLeft: 45,
      x: { label: 'γ' },
      y: { label: 'S_w', grid: true },
      color: { ...initColors, domain: inits, legend: false },
      marks: [
        Plot.ruleY([0], { stroke: '#999' }),
        Plot.ruleX([1], { stroke: '#999', strokeDasharray: '2 3' }),
        Plot.ruleX(slopes, { x: 'gamma', y1: (d: Row) => (d.s_w as number) - ((d.s_w_se as number) || 0), y2: (d: Row) => (d.s_w as number) + ((d.s_w_se as number) || 0), stroke: 'init' }),
        Plot.line(slopes, { x: 'gamma', y: 's_w', stroke: 'init', z: 'init' }),
        Plot.dot(slopes, { x: 'gamma', y: 's_w', fill: 'init', r: 3, tip: true }),
      ],
    },
  };
}

const initsOf = (data: FigureData) => [...new Set(data.rows.filter((r) => r.mark === 'rd').map((r) => r.init as string))];

export const figure: FigureView = {
  columns: 2,
  legend: (data) => ({ color: { ...initColors, domain: initsOf(data) }, legend: 'swatches' }),
  panels(data: FigureData) {
    const inits = initsOf(data);
    const panelGammas = (data.values?.panel_gammas as string | undefined)?.split(',').map(Number) ?? [0.5, 1, 1.75];
    return [...panelGammas.map((g) => rdPanel(data.rows, g, inits)), slopePanel(data.rows, inits)];
  },
};
