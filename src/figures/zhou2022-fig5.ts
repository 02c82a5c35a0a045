/**
 * zhou2022 Fig. 5: the growth exponents over the (γ₂, γ₃) plane, γ₂ on the
 * abscissa and γ₃ on the ordinate as in the paper: (a) S(W¹) with its zero
 * crossings along γ₃, (b) S(W²) with its crossings along γ₂, (c) S(W²) with
 * its crossings along γ₃. Red S < 0 (linear), blue S > 0 (condensed); points
 * where S could not be fitted are hatched grey, their <title> says why.
 *
 * Also the grid helpers of the zhou2022 (γ₂, γ₃) figures (Figs. 1 and 8):
 * cell extents from the midpoints to the neighbours (the grid need not be
 * uniform) and a hatch pattern for missing cells.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-grid/figures.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { markAttributes } from './shared/explorers.js';
import { cellExtents, coord, crossingAt, extentDomain, hatchPattern, num } from './shared/gridCells.js';
import { byMark } from './shared/rows.js';
import type { FigureView, Panel, RowOf } from './types.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig5']>;
type Point = Extract<RowOf<Data>, { mark: 'point' }>;
type Star = Extract<RowOf<Data>, { mark: 'star' }>;

const layers = {
  w1: { label: 'S(W¹)', s: 's_w1', se: 's_w1_se', n: 'n_w1', floor: 'floor_w1' },
  w2: { label: 'S(W²)', s: 's_w2', se: 's_w2_se', n: 'n_w2', floor: 'floor_w2' },
} as const;
type Layer = keyof typeof layers;

const axisName = { gamma2: 'γ₂', gamma3: 'γ₃' } as const;

/** Tooltip of a point for one layer: S ± se and the runs fitted, or why S is missing. */
function pointTitle(p: Point, layer: Layer): string {
  const L = layers[layer];
  const s = p[L.s];
  const head = `γ₂ = ${coord(p.gamma2)}, γ₃ = ${coord(p.gamma3)}`;
  const issues = [p.stopped ? `${p.stopped} stopped short` : '', p[L.floor] ? `${p[L.floor]} with ${layer === 'w1' ? 'W¹' : 'W²'} at the float32 floor` : '']
    .filter(Boolean)
    .join(', ');
  if (s === null) {
    return `${head}\n${L.label} not fitted (too few usable widths): of ${p.runs} runs, ${issues || 'none stopped short or at the float32 floor'}`;
  }
  return `${head}\n${L.label} = ${num(s)} ± ${num(p[L.se])}\n${p[L.n]} of ${p.runs} runs fitted${issues ? ` (${issues})` : ''}`;
}

/** The points' cells for the phase-diagram explorer (src/figures/shared/explorers.ts): layer and coordinates. */
const explore = (points: Point[], layer: Layer) => markAttributes(points, (p) => ({ explore: 'zhou2022Grid', layer, gamma2: p.gamma2, gamma3: p.gamma3 }));

function sPanel(id: string, data: Data, panel: Star['panel'], layer: Layer): Panel {
  const L = layers[layer];
  const points = byMark(data.rows, 'point');
  const stars = byMark(data.rows, 'star').filter((s) => s.panel === panel);
  const along = stars[0]?.along ?? (panel === 'b' ? 'gamma2' : 'gamma3');
  const xs = cellExtents(points.map((p) => p.gamma2));
  const ys = cellExtents(points.map((p) => p.gamma3));
  const fitted = points.filter((p) => p[L.s] !== null);
  const missing = points.filter((p) => p[L.s] === null);
  const hatch = `${id}-hatch-${panel}`;
  const extent = {
    x1: (p: Point) => xs.get(p.gamma2)?.[0],
    x2: (p: Point) => xs.get(p.gamma2)?.[1],
    y1: (p: Point) => ys.get(p.gamma3)?.[0],
    y2: (p: Point) => ys.get(p.gamma3)?.[1],
  };
  return {
    title: `(${panel}) ${L.label}, ★ zero crossings along ${axisName[along]}`,
    options: {
      width: 300,
      height: 380,
      marginLeft: 45,
      marginRight: 10,
      x: { label: 'γ₂', domain: extentDomain(xs), ticks: [...xs.keys()], tickFormat: coord },
      y: { label: 'γ₃', domain: extentDomain(ys), ticks: [...ys.keys()], tickFormat: coord },
      color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1], clamp: true, legend: true, label: `${L.label} (red: linear, blue: condensed)` },
      marks: [
        hatchPattern(hatch),
        Plot.rect(fitted, { ...extent, fill: (p: Point) => p[L.s], title: (p: Point) => pointTitle(p, layer), render: explore(fitted, layer) }),
        Plot.rect(missing, { ...extent, fill: `url(#${hatch})`, title: (p: Point) => pointTitle(p, layer), render: explore(missing, layer) }),
        Plot.text(missing, {
          x: 'gamma2',
          y: 'gamma3',
          text: () => '×',
          fill: '#666',
          fontSize: 14,
          title: (p: Point) => pointTitle(p, layer),
          pointerEvents: 'none',
        }),
        Plot.dot(stars, {
          x: 'gamma2',
          y: 'gamma3',
          symbol: 'star',
          r: 7,
          fill: 'gold',
          stroke: 'black',
          title: (s: Star) => `zero crossing of ${L.label} along ${axisName[s.along]} (interpolated)\n${crossingAt(s)}`,
        }),
      ],
    },
  };
}

/** The three S panels of a figure with Fig. 5's rows (also zhou2022-fig6, MNIST); `id` names its hatch patterns. */
export function sFigureView(id: string): FigureView<Data> {
  return {
    columns: 3,
    panels: (data) => [sPanel(id, data, 'a', 'w1'), sPanel(id, data, 'b', 'w2'), sPanel(id, data, 'c', 'w2')],
  };
}

export const figure: FigureView<Data> = sFigureView('zhou2022-fig5');
