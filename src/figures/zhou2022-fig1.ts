/**
 * zhou2022 Fig. 1: the (γ₂, γ₃) phase diagram, γ₂ on the abscissa and γ₃ on
 * the ordinate. Background: the regime of W¹ and W² at each grid point (from
 * the signs of S; hatched where a layer could not be fitted); the measured
 * critical lines through the zero crossings of S(W¹) and S(W²) along γ₃
 * (filled dots), and the crossings of S(W²) along γ₂ (open dots); the schemes of Table 1 as labelled dots; the paper's statements
 * as open diamonds.
 */
import * as Plot from '@observablehq/plot';
import type { figures } from '../../experiments/zhou2022-grid/figures.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import { byMark } from './shared/rows.js';
import type { FigureView, RowOf } from './types.js';
import { cellExtents, coord, crossingAt, extentDomain, hatchPattern } from './shared/gridCells.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig1']>;
type Regime = Extract<RowOf<Data>, { mark: 'regime' }>;
type Crossing = Extract<RowOf<Data>, { mark: 'crossing' }>;

const NOT_MEASURED = 'not measured (S not fitted)';
/** The four regime combinations (soft: red-ish linear, blue-ish condensed as in Fig. 5) and the missing points. */
const regimes = {
  domain: ['W¹ linear, W² linear', 'W¹ condensed, W² linear', 'W¹ linear, W² condensed', 'W¹ condensed, W² condensed', NOT_MEASURED],
  range: ['#f7cdc6', '#d8cbe8', '#f6e3a8', '#bcd8ee', '#e6e6e6'],
};
const regimeOf = (r: Regime) => (r.w1 === null || r.w2 === null ? NOT_MEASURED : `W¹ ${r.w1}, W² ${r.w2}`);
const layerColor = { w1: '#1b5e20', w2: '#6a1b9a' } as const;
const layerName = { w1: 'W¹', w2: 'W²' } as const;
const halo = { stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;

/** Labels at identical coordinates merged into one ("LeCun, He"). */
function merged<R extends { gamma2: number; gamma3: number }>(rows: R[], label: (r: R) => string) {
  const at = new Map<string, { gamma2: number; gamma3: number; labels: string[] }>();
  for (const r of rows) {
    const k = `${r.gamma2}|${r.gamma3}`;
    const m = at.get(k) ?? { gamma2: r.gamma2, gamma3: r.gamma3, labels: [] };
    if (!m.labels.includes(label(r))) m.labels.push(label(r));
    at.set(k, m);
  }
  return [...at.values()];
}
type Merged = ReturnType<typeof merged>[number];

/** One critical line: the crossings of a layer in order along the other axis, and its label at the end. */
function criticalLine(crossings: Crossing[], layer: 'w1' | 'w2') {
  const pts = crossings.filter((c) => c.layer === layer);
  // the line joins the crossings along γ₃ (one per γ₂ column, in order of γ₂); crossings along γ₂ (W² only,
  // one per γ₃ row, several where S stays near 0 along the row) are drawn as dots on their own
  const onLine = pts.filter((c) => c.along === 'gamma3').sort((p, q) => p.gamma2 - q.gamma2 || p.gamma3 - q.gamma3);
  const end = onLine.at(-1) ?? pts.at(-1);
  const stroke = layerColor[layer];
  const title = (c: Crossing) => `${layerName[layer]} critical point: S(${layerName[layer]}) = 0 along ${c.along === 'gamma3' ? 'γ₃' : 'γ₂'}\n${crossingAt(c)}`;
  return {
    line: Plot.line(onLine, { x: 'gamma2', y: 'gamma3', stroke, strokeWidth: 2, strokeDasharray: layer === 'w2' ? '6 3' : undefined }),
    dots: Plot.dot(pts, { x: 'gamma2', y: 'gamma3', fill: (c: Crossing) => (c.along === 'gamma3' ? stroke : 'white'), stroke, r: 4, title }),
    label: Plot.text(end ? [end] : [], {
      x: 'gamma2',
      y: 'gamma3',
      text: () => `${layerName[layer]} critical line (measured)`,
      fill: stroke,
      fontWeight: 'bold',
      textAnchor: 'end',
      dx: -6,
      // W¹'s line lies below W²'s (lower γ₃): W¹'s label below it, W²'s above
      dy: layer === 'w1' ? 14 : -12,
      ...halo,
    }),
  };
}

/**
 * The ordinate of each label of points drawn at the same side: a label closer
 * than `gap` pixels to the one below it (within `near` pixels along x) moves up.
 */
function spread<T extends { gamma2: number; gamma3: number }>(items: T[], px: { x: number; y: number }, gap = 13, near = 90): (T & { labelY: number })[] {
  const out: (T & { labelY: number })[] = [];
  for (const it of [...items].sort((p, q) => p.gamma3 - q.gamma3)) {
    let y = it.gamma3;
    for (const o of out) if (Math.abs(o.gamma2 - it.gamma2) * px.x < near && (y - o.labelY) * px.y < gap) y = Math.max(y, o.labelY + gap / px.y);
    out.push({ ...it, labelY: y });
  }
  return out;
}

export const figure: FigureView<Data> = {
  columns: 1,
  legend: (data) => {
    const shown = new Set(byMark(data.rows, 'regime').map(regimeOf));
    const domain = regimes.domain.filter((d) => d !== NOT_MEASURED || shown.has(d));
    return { color: { domain, range: regimes.range.slice(0, domain.length) }, legend: 'swatches', swatchSize: 14 };
  },
  panels: (data) => {
    const cells = byMark(data.rows, 'regime');
    const measured = cells.filter((r) => regimeOf(r) !== NOT_MEASURED);
    const missing = cells.filter((r) => regimeOf(r) === NOT_MEASURED);
    const crossings = byMark(data.rows, 'crossing');
    const schemes = merged(byMark(data.rows, 'scheme'), (s) => s.name);
    const paper = byMark(data.rows, 'paper');
    const statements = merged(paper, (p) => p.label);
    const xs = cellExtents(cells.map((r) => r.gamma2));
    const ys = cellExtents(cells.map((r) => r.gamma3));
    const extent = {
      x1: (r: Regime) => xs.get(r.gamma2)?.[0],
      x2: (r: Regime) => xs.get(r.gamma2)?.[1],
      y1: (r: Regime) => ys.get(r.gamma3)?.[0],
      y2: (r: Regime) => ys.get(r.gamma3)?.[1],
    };
    const cellTitle = (r: Regime) =>
      `γ₂ = ${coord(r.gamma2)}, γ₃ = ${coord(r.gamma3)}\nW¹: ${r.w1 ?? 'not measured (S not fitted)'}\nW²: ${r.w2 ?? 'not measured (S not fitted)'}`;
    // the domain covers the grid and every scheme and statement
    const [x0, x1] = extentDomain(xs);
    const [y0, y1] = extentDomain(ys);
    const others = [...schemes, ...statements];
    const xDomain = [Math.min(x0, ...others.map((o) => o.gamma2 - 0.1)), Math.max(x1, ...others.map((o) => o.gamma2 + 0.1))];
    const yDomain = [Math.min(y0, ...others.map((o) => o.gamma3 - 0.1)), Math.max(y1, ...others.map((o) => o.gamma3 + 0.1))];
    // pixels per unit of γ₂ and γ₃, to keep labels of nearby points apart
    const [width, height, marginTop, marginBottom, marginLeft, marginRight] = [640, 480, 20, 30, 45, 15];
    const px = { x: (width - marginLeft - marginRight) / (xDomain[1] - xDomain[0]), y: (height - marginTop - marginBottom) / (yDomain[1] - yDomain[0]) };
    // a statement's short label: its source ("Table 2 group 1", "Fig. 2"); the title has the statement
    const shortOf = (m: Merged) => [...new Set(m.labels.map((l) => l.split(':')[0]))].join('; ');
    const w1 = criticalLine(crossings, 'w1');
    const w2 = criticalLine(crossings, 'w2');
    return [
      {
        title: 'Regimes from the signs of S(W¹), S(W²) · lines: measured critical lines · ● Table 1 schemes · ◇ the paper’s statements',
        options: {
          width,
          height,
          marginTop,
          marginBottom,
          marginLeft,
          marginRight,
          x: { label: 'γ₂', domain: xDomain, ticks: [...xs.keys()], tickFormat: coord },
          y: { label: 'γ₃', domain: yDomain, ticks: [...ys.keys()], tickFormat: coord },
          color: { ...regimes, legend: false },
          marks: [
            hatchPattern('zhou2022-fig1-hatch'),
            Plot.rect(measured, { ...extent, fill: regimeOf, stroke: regimeOf, strokeWidth: 0.5, title: cellTitle }),
            Plot.rect(missing, { ...extent, fill: 'url(#zhou2022-fig1-hatch)', title: cellTitle }),
            Plot.frame({ stroke: '#ccc' }),
            w1.line,
            w2.line,
            Plot.dot(statements, {
              x: 'gamma2',
              y: 'gamma3',
              symbol: 'diamond2',
              r: 7,
              stroke: 'black',
              strokeWidth: 1.3,
              fill: 'none',
              title: (m: Merged) => `The paper at γ₂ = ${coord(m.gamma2)}, γ₃ = ${coord(m.gamma3)}:\n${m.labels.join('\n')}`,
            }),
            Plot.dot(schemes, {
              x: 'gamma2',
              y: 'gamma3',
              r: 3.5,
              fill: 'black',
              title: (m: Merged) => `Table 1: ${m.labels.join(', ')}\nγ₂ = ${coord(m.gamma2)}, γ₃ = ${coord(m.gamma3)}`,
            }),
            w1.dots,
            w2.dots,
            Plot.text(spread(statements, px), {
              x: 'gamma2',
              y: 'labelY',
              text: shortOf,
              textAnchor: 'end',
              dx: -11,
              fontSize: 10,
              fontStyle: 'italic',
              fill: 'black',
              ...halo,
            }),
            Plot.text(spread(schemes, px), {
              x: 'gamma2',
              y: 'labelY',
              text: (m: Merged) => m.labels.join(', '),
              textAnchor: 'start',
              dx: 11,
              fontSize: 11,
              fontWeight: 'bold',
              fill: 'black',
              ...halo,
            }),
            w1.label,
            w2.label,
          ],
        },
      },
    ];
  },
};
