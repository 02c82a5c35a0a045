/**
 * npm run bench [-- --json]
 *
 * Steps per second of full-batch GD (one step = loss() + update(lr)) for
 * the fused WebAssembly kernels (src/engine/twoLayer/kernel.ts,
 * src/engine/threeLayer/kernel.ts) and, for
 * reference, the TensorFlow.js models, on one core.
 *
 * Each kernel row also shows its fraction of the memory-bandwidth limit:
 *   limit (steps/s) = bandwidth / bytes per step,
 *   bytes per step  = 12 · (number of parameters)
 * i.e. every parameter read in the forward pass and read and written in the
 * update (4 + 8 bytes): 12·m(m+d+3) ≈ 12·m(m+1) for the three-layer net
 * (the W2 traffic), 12·(d+2)·m for the two-layer net. The bandwidth is
 * measured at start: copies between two 256 MiB Float32Arrays (bytes read +
 * bytes written per second), best of 5. The kernels' lookahead reads and
 * writes each W2 entry once per step (8 bytes) and skips the rows of dead
 * first-layer units, so a fraction above 1 is possible.
 *
 * Last, a sweep of identical cells through the worker pool at --jobs 1 and
 * --jobs 2: the speed-up of the scheduler on this machine's cores.
 *
 * Each case: warm-up (≥ 0.5 s and ≥ 3 steps), then ~2 s of steps in
 * windows of ≥ 0.25 s; the rate shown is the median window (best in JSON).
 */
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '../src/engine/backend.js';
import { toy1d } from '../src/engine/data/toy1d.js';
import { sourceHash as threeLayerSourceHash } from '../src/engine/kernels/build/threeLayer.wasm.js';
import { sourceHash as twoLayerSourceHash } from '../src/engine/kernels/build/twoLayer.wasm.js';
import { normalArray, normalSource } from '../src/engine/random.js';
import { ThreeLayerKernel } from '../src/engine/threeLayer/kernel.js';
import type { ThreeLayerParams } from '../src/engine/threeLayer/params.js';
import { TwoLayerKernel } from '../src/engine/twoLayer/kernel.js';
import { initTwoLayer } from '../src/engine/twoLayer/params.js';
import { TwoLayerTf } from '../src/engine/twoLayer/tf.js';
import type { GdModel } from '../src/engine/train/gd.js';
import { workerPoolExecutor } from '../src/pipeline/executors.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Bytes read + written per second by a copy between two 256 MiB arrays, best of 5. */
function measureBandwidth(): number {
  const count = (256 * 2 ** 20) / 4;
  const src = new Float32Array(count).fill(1);
  const dst = new Float32Array(count).fill(0);
  let best = 0;
  for (let r = 0; r < 6; r++) {
    const t0 = performance.now();
    dst.set(src);
    const s = (performance.now() - t0) / 1000;
    if (r > 0) best = Math.max(best, (2 * count * 4) / s); // the first copy warms up the pages
    src[r] = dst[count - 1 - r]; // keep the copies observable
  }
  return best;
}

interface Timing {
  /** steps per second: median window, best window */
  median: number;
  best: number;
  steps: number;
  finalLoss: number;
}

/** Run loss() + update(lr) repeatedly: warm-up, then ~`seconds` of timed windows. */
function time(model: GdModel<unknown>, lr: number, seconds = 2): Timing {
  const step = () => {
    const L = model.loss();
    model.update(lr);
    return L;
  };
  let L = NaN;
  const w0 = performance.now();
  for (let s = 0; s < 3 || performance.now() - w0 < 500; s++) L = step();
  const rates: number[] = [];
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || rates.length < 3) {
    const ts = performance.now();
    let k = 0;
    do {
      L = step();
      k++;
    } while (performance.now() - ts < 250);
    rates.push(k / ((performance.now() - ts) / 1000));
    steps += k;
  }
  rates.sort((p, q) => p - q);
  return { median: rates[Math.floor(rates.length / 2)], best: rates.at(-1)!, steps, finalLoss: L };
}

/** zhou2022-style initialisation: W1 ~ N(0, 1), W2 and a ~ N(0, 1/m). */
function initThree(m: number, d: number, seed: number): ThreeLayerParams {
  const next = normalSource(seed);
  return {
    m,
    d,
    dOut: 1,
    w1: normalArray(next, (d + 1) * m, 1),
    w2: normalArray(next, (m + 1) * m, 1 / Math.sqrt(m)),
    a: normalArray(next, m, 1 / Math.sqrt(m)),
  };
}

/** Fraction of (samples, first-layer units) with Z1 > 0, and of units with any. */
function firstLayerActivity(p: ThreeLayerParams, x: Float32Array, n: number): { entries: number; rows: number } {
  const { m, d } = p;
  let entries = 0;
  let rows = 0;
  for (let k = 0; k < m; k++) {
    let c = 0;
    for (let i = 0; i < n; i++) {
      let h = p.w1[d * m + k];
      for (let l = 0; l < d; l++) h += x[i * d + l] * p.w1[l * m + k];
      if (h > 0) c++;
    }
    entries += c;
    if (c > 0) rows++;
  }
  return { entries: entries / (n * m), rows: rows / m };
}

/** MNIST-sized random data: pixels ~ U(0, 1), targets ~ digits 0..9 (one output). */
function mnistLike(n: number, d: number, seed: number) {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const x = Float32Array.from({ length: n * d }, uniform);
  const y = Float32Array.from({ length: n }, () => Math.floor(10 * uniform()));
  return { x, y, n, d };
}

interface Row {
  name: string;
  impl: 'kernel' | 'tfjs';
  net: 'two-layer' | 'three-layer';
  m: number;
  n: number;
  d: number;
  stepsPerSecond: number;
  bestStepsPerSecond: number;
  msPerStep: number;
  bytesPerStep: number;
  /** kernel rows: steps/s over the bandwidth limit */
  bandwidthFraction?: number;
  firstLayerActive?: { entries: number; rows: number };
  finalLoss: number;
  note?: string;
}

/**
 * Wall time of a sweep of identical cells through the scheduler's worker pool
 * (as `npm run experiments -- --jobs N`), at N = 1 and N = 2; each pool is
 * warmed up with one cell per worker first, so thread start-up is not timed.
 */
async function measureSweep(backend: string, net: 'two-layer' | 'three-layer', m: number, steps: number) {
  const cells = 16;
  const runFile = path.join(import.meta.dirname, 'bench-cell.ts');
  const seconds: Record<number, number> = {};
  for (const jobs of [1, 2]) {
    log(`sweep of ${cells} ${net} cells with --jobs ${jobs}…`);
    const pool = workerPoolExecutor(jobs, path.join(import.meta.dirname, 'cell-worker.ts'), { backend });
    const cell = (i: number) => ({ id: `cell ${i}`, seed: i, params: { net, m, steps } });
    await Promise.all(Array.from({ length: jobs }, (_, i) => pool.run(runFile, cell(1000 + i), () => {})));
    const t0 = performance.now();
    await Promise.all(Array.from({ length: cells }, (_, i) => pool.run(runFile, cell(i), () => {})));
    seconds[jobs] = (performance.now() - t0) / 1000;
    await pool.close();
  }
  return { net, cells, m, steps, seconds, speedup: seconds[1] / seconds[2] };
}

async function main(): Promise<void> {
  const backend: BackendName = await initBackend();
  log(`measuring memory bandwidth (256 MiB copies)…`);
  const bandwidth = measureBandwidth();
  log(`  ${(bandwidth / 1e9).toFixed(1)} GB/s (read + write)`);
  const rows: Row[] = [];
  const toy = toy1d();

  const add = (
    name: string,
    impl: Row['impl'],
    net: Row['net'],
    shape: { m: number; n: number; d: number },
    make: () => GdModel<unknown>,
    lr: number,
    extra: Partial<Row> = {},
  ) => {
    log(`${name}…`);
    const { m, n, d } = shape;
    const params = net === 'three-layer' ? m * (m + d + 3) : m * (d + 2);
    const bytesPerStep = 12 * params;
    const model = make();
    const t = time(model, lr);
    model.dispose();
    rows.push({
      name,
      impl,
      net,
      m,
      n,
      d,
      stepsPerSecond: t.median,
      bestStepsPerSecond: t.best,
      msPerStep: 1000 / t.median,
      bytesPerStep,
      bandwidthFraction: impl === 'kernel' ? t.median / (bandwidth / bytesPerStep) : undefined,
      finalLoss: t.finalLoss,
      ...extra,
    });
  };

  // three-layer kernel, 4-point data
  for (const m of [1000, 5000, 10000]) {
    const p = initThree(m, 1, 1);
    add(`three-layer kernel  n=4 d=1 m=${m}`, 'kernel', 'three-layer', { m, n: 4, d: 1 }, () => new ThreeLayerKernel(p, toy.x, toy.y, toy.n, 1), 1e-3, {
      firstLayerActive: firstLayerActivity(p, toy.x, 4),
    });
  }
  {
    // worst case: every first-layer unit active on every sample (b¹ ≥ 1 + |w¹|/2), no row skipped
    const m = 1000;
    const p = initThree(m, 1, 1);
    for (let k = 0; k < m; k++) p.w1[m + k] = 1 + Math.abs(p.w1[k]) / 2;
    add(
      `three-layer kernel  n=4 d=1 m=${m}, all units active`,
      'kernel',
      'three-layer',
      { m, n: 4, d: 1 },
      () => new ThreeLayerKernel(p, toy.x, toy.y, toy.n, 1),
      1e-4,
      { firstLayerActive: firstLayerActivity(p, toy.x, 4) },
    );
  }
  // two-layer kernel
  for (const m of [1000, 40000]) {
    const p = initTwoLayer(m, 1, { beta1: 1, beta2: 1 }, 1);
    add(`two-layer kernel    n=4 d=1 m=${m}`, 'kernel', 'two-layer', { m, n: 4, d: 1 }, () => new TwoLayerKernel(p, toy.x, toy.y, toy.n, Math.sqrt(m)), 1e-3);
  }
  // MNIST-sized
  const mnist = mnistLike(64, 784, 7);
  const pMnist = initThree(1000, 784, 2);
  for (let i = 0; i < pMnist.w1.length; i++) pMnist.w1[i] /= Math.sqrt(785);
  add(
    `three-layer kernel  n=64 d=784 m=1000`,
    'kernel',
    'three-layer',
    { m: 1000, n: 64, d: 784 },
    () => new ThreeLayerKernel(pMnist, mnist.x, mnist.y, mnist.n, 1),
    1e-4,
    { firstLayerActive: firstLayerActivity(pMnist, mnist.x, 64) },
  );

  // luo2021's MNIST setting: two-layer, 45 images, one output
  const mnist45 = mnistLike(45, 784, 8);
  const pMnist2 = initTwoLayer(1000, 784, { beta1: 1, beta2: 1 / 28 }, 3);
  add(
    `two-layer kernel    n=45 d=784 m=1000`,
    'kernel',
    'two-layer',
    { m: 1000, n: 45, d: 784 },
    () => new TwoLayerKernel(pMnist2, mnist45.x, mnist45.y, mnist45.n, 1000),
    1e-4,
  );

  // TensorFlow.js references
  {
    const m = 1000;
    const p = initTwoLayer(m, 1, { beta1: 1, beta2: 1 }, 1);
    add(`two-layer tfjs      n=4 d=1 m=${m}`, 'tfjs', 'two-layer', { m, n: 4, d: 1 }, () => new TwoLayerTf(p, toy.x, toy.y, toy.n, Math.sqrt(m), 'relu'), 1e-3);
    add(
      `two-layer tfjs      n=45 d=784 m=1000`,
      'tfjs',
      'two-layer',
      { m: 1000, n: 45, d: 784 },
      () => new TwoLayerTf(pMnist2, mnist45.x, mnist45.y, mnist45.n, 1000, 'relu'),
      1e-4,
    );
  }
  let threeTfNote: string | undefined;
  try {
    const { ThreeLayerTf } = await import('../src/engine/threeLayer/tf.js');
    const m = 1000;
    const p = initThree(m, 1, 1);
    add(`three-layer tfjs    n=4 d=1 m=${m}`, 'tfjs', 'three-layer', { m, n: 4, d: 1 }, () => new ThreeLayerTf(p, toy.x, toy.y, toy.n, 1, 'relu'), 1e-3);
    add(
      `three-layer tfjs    n=64 d=784 m=1000`,
      'tfjs',
      'three-layer',
      { m: 1000, n: 64, d: 784 },
      () => new ThreeLayerTf(pMnist, mnist.x, mnist.y, mnist.n, 1, 'relu'),
      1e-4,
    );
  } catch (err) {
    threeTfNote = `ThreeLayerTf not available (${(err as Error).message.split('\n')[0]}): skipped`;
    log(threeTfNote);
  }

  // Two sweeps: the two-layer cells of the luo2021 experiments (working set in each core's cache),
  // and three-layer cells whose 4 MB W2 per worker competes for the shared cache and memory.
  const sweeps = [await measureSweep(backend, 'two-layer', 40000, 2500), await measureSweep(backend, 'three-layer', 1000, 500)];

  const find = (name: string) => rows.find((r) => r.name.startsWith(name));
  const ratio = (kernel: string, tfjs: string) => {
    const k = find(kernel);
    const t = find(tfjs);
    return k && t ? k.stepsPerSecond / t.stepsPerSecond : undefined;
  };
  const ratios = {
    twoLayerM1000: ratio('two-layer kernel    n=4 d=1 m=1000', 'two-layer tfjs      n=4 d=1 m=1000'),
    threeLayerM1000: ratio('three-layer kernel  n=4 d=1 m=1000', 'three-layer tfjs    n=4 d=1 m=1000'),
    threeLayerMnist: ratio('three-layer kernel  n=64 d=784', 'three-layer tfjs    n=64 d=784'),
    twoLayerMnist: ratio('two-layer kernel    n=45 d=784', 'two-layer tfjs      n=45 d=784'),
  };

  const env = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    tfjsBackend: backend,
    kernelSourceHash: { twoLayer: twoLayerSourceHash, threeLayer: threeLayerSourceHash },
    bandwidthBytesPerSecond: bandwidth,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ env, rows, ratios, sweeps, notes: threeTfNote ? [threeTfNote] : [] }, null, 2)}\n`);
    return;
  }
  const fmt = (v: number) => (v >= 1000 ? v.toFixed(0) : v.toPrecision(3));
  const lines = [
    `node ${env.node}, ${env.cpu}, tfjs backend ${backend}, bandwidth ${(bandwidth / 1e9).toFixed(1)} GB/s (copy, read + write)`,
    '',
    `${'case'.padEnd(52)} ${'steps/s'.padStart(9)} ${'ms/step'.padStart(9)} ${'MB/step'.padStart(8)} ${'of BW limit'.padStart(11)}  Z1>0 (entries, rows)`,
  ];
  for (const r of rows) {
    const active = r.firstLayerActive ? `${(100 * r.firstLayerActive.entries).toFixed(0)}%, ${(100 * r.firstLayerActive.rows).toFixed(0)}%` : '';
    lines.push(
      `${r.name.padEnd(52)} ${fmt(r.stepsPerSecond).padStart(9)} ${fmt(r.msPerStep).padStart(9)} ${fmt(r.bytesPerStep / 1e6).padStart(8)} ${(r.bandwidthFraction === undefined ? '' : `${(100 * r.bandwidthFraction).toFixed(0)}%`).padStart(11)}  ${active}`,
    );
  }
  lines.push('');
  if (ratios.twoLayerM1000) lines.push(`kernel / tfjs, two-layer   n=4 d=1 m=1000: ${ratios.twoLayerM1000.toFixed(0)}×`);
  if (ratios.threeLayerM1000) lines.push(`kernel / tfjs, three-layer n=4 d=1 m=1000: ${ratios.threeLayerM1000.toFixed(0)}×`);
  if (ratios.twoLayerMnist) lines.push(`kernel / tfjs, two-layer   n=45 d=784 m=1000: ${ratios.twoLayerMnist.toFixed(1)}×`);
  if (ratios.threeLayerMnist) lines.push(`kernel / tfjs, three-layer n=64 d=784 m=1000: ${ratios.threeLayerMnist.toFixed(1)}×`);
  if (threeTfNote) lines.push(threeTfNote);
  for (const sweep of sweeps) {
    lines.push(
      `sweep of ${sweep.cells} cells (${sweep.net} kernel m=${sweep.m}, ${sweep.steps} steps each): --jobs 1 ${sweep.seconds[1].toFixed(2)} s, --jobs 2 ${sweep.seconds[2].toFixed(2)} s: ${sweep.speedup.toFixed(2)}× (target ≥ 1.7×)`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
