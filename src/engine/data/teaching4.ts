/**
 * The four points of the Xu group's teaching code (science.md, "Alternative
 * candidate"): x = linspace(−1, 1, 4), y = 0.2·ReLU(x − 1/3) + 0.2·ReLU(−x − 1/3),
 * i.e. y = (0.1333, 0, 0, 0.1333). A candidate for zhou2022's unstated
 * "simple 1-d problem of 4 training points".
 */
import { type Dataset, linspace } from './toy1d.js';

export function teaching4(): Dataset {
  const x = linspace(-1, 1, 4);
  const y = Float32Array.from(x, (v) => 0.2 * Math.max(v - 1 / 3, 0) + 0.2 * Math.max(-v - 1 / 3, 0));
  return { x, y, n: 4, d: 1, dOut: 1 };
}
