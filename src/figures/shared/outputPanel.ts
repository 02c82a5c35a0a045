/** The trained output of a one-dimensional network on a grid of x, with the data points (zhou2022 Figs. 2 and 3). */
import * as Plot from '@observablehq/plot';
import type { Panel } from '../types.js';

/** v to 3 significant digits, with a true minus sign. */
export const sig3 = (v: number) => Number(v.toPrecision(3)).toString().replace('-', '−');

type Point = { x: number; y: number };

export function outputPanel(title: string, curve: Point[], data: Point[], size: { width: number; height: number; compact?: boolean }): Panel {
  return {
    title,
    options: {
      width: size.width,
      height: size.height,
      marginLeft: size.compact ? 40 : 50,
      marginRight: size.compact ? 10 : undefined,
      x: { label: 'x', domain: [-0.75, 0.75], ticks: size.compact ? [-0.5, 0, 0.5] : undefined },
      y: { label: 'f(x)', nice: true, ticks: size.compact ? 4 : undefined },
      marks: [
        Plot.ruleY([0], { stroke: '#ddd' }),
        Plot.line(curve, { x: 'x', y: 'y', stroke: '#1f77b4' }),
        Plot.dot(data, { x: 'x', y: 'y', fill: 'black', r: size.compact ? 3 : 3.5, title: (d: Point) => `(${sig3(d.x)}, ${sig3(d.y)})` }),
      ],
    },
  };
}
