/**
 * The 4-point one-dimensional data set of luo2021 (Fig. 2; code S6):
 * x = (−1/2, −1/6, 1/6, 1/2), y = x².
 */
export interface Dataset {
  /** Inputs, row-major (n, d). */
  x: Float32Array;
  /** Targets, row-major (n, dOut). */
  y: Float32Array;
  n: number;
  d: number;
  dOut: number;
}

export function toy1d(): Dataset {
  const xs = [-1 / 2, -1 / 6, 1 / 6, 1 / 2];
  return {
    x: Float32Array.from(xs),
    y: Float32Array.from(xs, (v) => v * v),
    n: xs.length,
    d: 1,
    dOut: 1,
  };
}

/** n evenly spaced points on [lo, hi], inclusive (numpy's linspace). */
export function linspace(lo: number, hi: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}
