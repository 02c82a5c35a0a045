/**
 * Standard normal draws from an integer seed that give the same bits in every
 * JavaScript engine, for chen2024's float64 networks: the polar Box–Muller
 * method of d3-random's randomNormal (which src/engine/random.ts normalSource
 * uses), step for step on the same uniform source (uniformSource, an integer
 * LCG), with fdlibm's log (./fdlibm.ts) in place of Math.log, whose last bits
 * differ between engines. Where Math.log is fdlibm's (V8 in Node 24) the draws
 * are normalSource's, bit for bit (test/engine/fdlibm.test.ts).
 */
import { uniformSource } from '../random.js';
import { log } from './fdlibm.js';

export function exactNormalSource(seed: number): () => number {
  const source = uniformSource(seed);
  let x: number | undefined;
  let r = 0;
  return () => {
    let y: number;
    if (x !== undefined) {
      // the second draw of a pair
      y = x;
      x = undefined;
    } else {
      do {
        x = source() * 2 - 1;
        y = source() * 2 - 1;
        r = x * x + y * y;
      } while (!r || r > 1);
    }
    // d3's mu + sigma · y · √(−2 log r / r) with mu = 0, sigma = 1 (0 + … turns −0 into 0 as d3 does)
    return 0 + y * Math.sqrt((-2 * log(r)) / r);
  };
}
