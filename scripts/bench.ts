/**
 * npm run bench [-- [--json] [--only NAME]…]
 *
 * Steps per second of full-batch GD (one step = loss() + update(lr)) for
 * the fused WebAssembly kernels (src/engine/twoLayer/kernel.ts,
 * src/engine/twoLayer/kernelSmooth.ts, src/engine/threeLayer/kernel.ts,
 * src/engine/threeLayer/kernelMulti.ts) and, for reference, the TensorFlow.js
 * models, on one core.
 *
 * The smooth-activation cases ("two-smooth …": tanh, sigmoid − 1/2,
 * softplus − log 2 and x·tanh x, the activations of chen2023, at chen2023's
 * initialisation β1 = β2 = 1/m, α = 1) are bound by the evaluation of σ and
 * σ' (exp, division; WebAssembly has no SIMD transcendental), which the
 * nominal FLOPs below do not count: their rows also give σ evaluations per
 * second (n·m per step, σ and σ' together).
 *
 * The three-layer smooth cases ("three-smooth …", --only three-smooth): the
 * fused kernel (src/engine/threeLayer/kernelSmooth.ts) against ThreeLayerTf
 * with the same activation, at n=4 d=1 m=1000 with the zhou2022-style
 * initialisation of the ReLU rows (W1 ~ N(0, 1), W2, a ~ N(0, 1/m): most
 * σ evaluations leave tanh's small-|h| branch), for tanh, sigmoid − 1/2,
 * softplus − log 2 and x·tanh x; and chen2024-condensation's paper `train`
 * cell (n=8 d=5 m=200, tanh, every weight N(0, 1/200⁴), no b², α = 1)
 * on the kernel, on TensorFlow.js, and on chen2024's own float64 code
 * (src/engine/chen2024/network.ts, impl "float64").
 *
 * Each kernel row also shows its fraction of the memory-bandwidth limit:
 *   limit (steps/s) = bandwidth / bytes per step,
 *   bytes per step  = 12 · (number of parameters)
 * i.e. every parameter read in the forward pass and read and written in the
 * update (4 + 8 bytes): 12·m(m+d+2+dOut) ≈ 12·m(m+1) for the three-layer net
 * (the W2 traffic), 12·(d+2)·m for the two-layer net. The bandwidth is
 * measured at start: copies between two 256 MiB Float32Arrays (bytes read +
 * bytes written per second), best of 5. The kernels' lookahead reads and
 * writes each W2 entry once per step (8 bytes) and skips the rows of dead
 * first-layer units, so a fraction above 1 is possible.
 *
 * And its arithmetic rate against the compute limit of one core:
 *   GFLOP/s         = (nominal FLOPs per step) · steps/s,
 *   FLOPs per step  = those of the dense products of a full-batch step (a
 *                     multiply-add counts 2): 2nm(2d + 3m + 4 + 3 dOut) for
 *                     the three-layer net (H1, H2, F forward; ∂a, δ2, ∂W2,
 *                     gZ1, ∂W1 back), 2nm(2d + 5) for the two-layer net;
 *                     elementwise work not counted,
 *   compute limit   = float32 WebAssembly SIMD (no FMA) throughput measured at
 *                     start: 12 independent chains of f32x4.mul / f32x4.add
 *                     in registers (4 flops each), best of 5.
 * The kernels skip the work of inactive ReLU units (their rows of W2 meet only
 * the samples where Z1 > 0), so this fraction too can exceed 1.
 *
 * Last, a sweep of identical cells through the worker pool at --jobs 1 and
 * --jobs 2: the speed-up of the scheduler on this machine's cores; and the
 * same plan run by one process and by two shards (`--shard i/2`), split by
 * cost and round-robin (scripts/bench/shards.ts; case name "shards").
 *
 * Each case: warm-up (≥ 0.5 s and ≥ 3 steps), then ~2 s of steps in
 * windows of ≥ 0.25 s; the rate shown is the median window (best in JSON).
 *
 * And the same stored cell trained in headless Chromium (a module Web Worker,
 * as "Re-run in your browser" does) and in Node: steps/s of each and their
 * ratio (scripts/bench/browser.ts; case names "browser <experiment>").
 *
 * --only NAME (repeatable) runs only the cases, and sweeps ("sweep two-layer",
 * "sweep three-layer"), whose name contains one of the NAMEs, e.g.
 * `npm run bench -- --only three-multi` for the MNIST-sized three-layer
 * kernel with 10 outputs. The bandwidth and compute limits are always measured.
 */
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '../src/engine/backend.js';
import { BROWSER_CASES, measureBrowser } from './bench/browser.js';
import { measureShards } from './bench/shards.js';
import { toy1d } from '../src/engine/data/toy1d.js';
import { sourceHash as threeLayerSourceHash } from '../src/engine/kernels/build/threeLayer.wasm.js';
import { sourceHash as threeLayerMultiSourceHash } from '../src/engine/kernels/build/threeLayerMulti.wasm.js';
import { sourceHash as twoLayerSourceHash } from '../src/engine/kernels/build/twoLayer.wasm.js';
import { sourceHash as twoLayerSmoothSourceHash } from '../src/engine/kernels/build/twoLayerSmooth.wasm.js';
import { normalArray, normalSource } from '../src/engine/random.js';
import { ThreeLayerKernel } from '../src/engine/threeLayer/kernel.js';
import { ThreeLayerTf } from '../src/engine/threeLayer/tf.js';
import { ThreeLayerMultiKernel } from '../src/engine/threeLayer/kernelMulti.js';
import type { ThreeLayerParams } from '../src/engine/threeLayer/params.js';
import { TwoLayerKernel } from '../src/engine/twoLayer/kernel.js';
import { TwoLayerSmoothKernel } from '../src/engine/twoLayer/kernelSmooth.js';
import { ThreeLayerSmoothKernel } from '../src/engine/threeLayer/kernelSmooth.js';
import { sourceHash as threeLayerSmoothSourceHash } from '../src/engine/kernels/build/threeLayerSmooth.wasm.js';
import { chen2024Data } from '../src/engine/chen2024/data.js';
import { ThreeLayerNet } from '../src/engine/chen2024/network.js';
import { initThreeLayerEffective, type ThreeLayerState } from '../src/engine/effectiveDynamics.js';
import { initTwoLayer } from '../src/engine/twoLayer/params.js';
import { TwoLayerTf } from '../src/engine/twoLayer/tf.js';
import type { GdModel } from '../src/engine/train/gd.js';
import { workerPoolExecutor } from '../src/pipeline/executors.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } } });
const log = (line: string) => process.stderr.write(`${line}\n`);
/** Whether a case or sweep runs: all of them, or those named by --only. */
const selected = (name: string) => !values.only || values.only.some((part) => name.includes(part));

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

/**
 * Float32 SIMD arithmetic per second of one core under WebAssembly: a
 * hand-assembled module whose loop keeps 6 chains of f32x4.add and 6 of
 * f32x4.mul in registers (latency-bound chains, enough of them to fill the
 * pipes; 48 flops per iteration), best of 5 runs of ~0.1 s.
 */
function measureCompute(): number {
  const chains = 6;
  const leb = (v: number) => {
    const out: number[] = [];
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v) b |= 0x80;
      out.push(b);
    } while (v);
    return out;
  };
  // locals: 0 iterations (i32), 1 multiplier, 2 addend (f32); 3 M, 4 C, 5.. the add chains, then the mul chains (v128)
  const [M, C, A, B] = [3, 4, 5, 5 + chains];
  const body: number[] = [1, 2 + 2 * chains, 0x7b];
  body.push(0x20, 1, 0xfd, 0x13, 0x21, M, 0x20, 2, 0xfd, 0x13, 0x21, C); // M = splat(multiplier), C = splat(addend)
  for (let i = 0; i < 2 * chains; i++) body.push(0x20, C, 0x21, A + i);
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop
  for (let i = 0; i < chains; i++) {
    body.push(0x20, A + i, 0x20, C, 0xfd, 0xe4, 0x01, 0x21, A + i); // a_i = f32x4.add(a_i, C)
    body.push(0x20, B + i, 0x20, M, 0xfd, 0xe6, 0x01, 0x21, B + i); // b_i = f32x4.mul(b_i, M)
  }
  body.push(0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b, 0x0b); // until --iterations == 0
  body.push(0x20, A, 0xfd, 0x1f, 0); // the sum of lane 0 of every chain, so nothing is dead code
  for (let i = 1; i < 2 * chains; i++) body.push(0x20, A + i, 0xfd, 0x1f, 0, 0x92);
  body.push(0x0b);
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const wasm = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 3, 0x7f, 0x7d, 0x7d, 1, 0x7d]), // (i32, f32, f32) → f32
    ...section(3, [1, 0]),
    ...section(7, [1, 4, ...[...'peak'].map((ch) => ch.charCodeAt(0)), 0, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
  const peak = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports.peak as (iterations: number, multiplier: number, addend: number) => number;
  for (let w = 0; w < 20; w++) peak(1e5, 1, 1e-3); // tier up to the optimising compiler
  const iterations = 5e7;
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    peak(iterations, 1, 1e-3);
    best = Math.max(best, (8 * chains * iterations) / ((performance.now() - t0) / 1000));
  }
  return best;
}

/** Nominal FLOPs of one full-batch step (dense products; see the header). */
function flopsPerStep(net: 'two-layer' | 'three-layer', m: number, n: number, d: number, dOut: number): number {
  return net === 'three-layer' ? 2 * n * m * (2 * d + 3 * m + 4 + 3 * dOut) : 2 * n * m * (2 * d + 5);
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
function initThree(m: number, d: number, seed: number, dOut = 1): ThreeLayerParams {
  const next = normalSource(seed);
  return {
    m,
    d,
    dOut,
    w1: normalArray(next, (d + 1) * m, 1),
    w2: normalArray(next, (m + 1) * m, 1 / Math.sqrt(m)),
    a: normalArray(next, m * dOut, 1 / Math.sqrt(m)),
  };
}

/** chen2024's three-layer layout (a, W2 (m, m), W1 (m, d+1)) → ThreeLayerParams (W1ᵀ, W2ᵀ with a zero b² row), as src/engine/chen2024/kernelNet.ts. */
function chenToKernel(s: ThreeLayerState): ThreeLayerParams {
  const { m, d1 } = s;
  const w1 = new Float32Array(d1 * m);
  for (let l = 0; l < m; l++) for (let j = 0; j < d1; j++) w1[j * m + l] = s.W1[l * d1 + j];
  const w2 = new Float32Array((m + 1) * m);
  for (let k = 0; k < m; k++) for (let l = 0; l < m; l++) w2[l * m + k] = s.W2[k * m + l];
  return { m, d: d1 - 1, dOut: 1, w1, w2, a: Float32Array.from(s.a) };
}

/** chen2024's float64 network as a GdModel on L = 2 R_S: θ − lr ∇L = θ − 2 lr ∇R_S, i.e. update(lr) is step(2 lr). */
function float64Model(net: ThreeLayerNet): GdModel<unknown> {
  return {
    loss: () => 2 * net.loss(),
    update: (lr: number) => net.step(2 * lr),
    read: () => net.state,
    dispose: () => {},
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

/** MNIST-sized random data with `classes` outputs: pixels ~ U(0, 1), one-hot targets of uniform classes. */
function mnistOneHot(n: number, d: number, classes: number, seed: number) {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const x = Float32Array.from({ length: n * d }, uniform);
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + Math.floor(classes * uniform())] = 1;
  return { x, y, n, d, dOut: classes };
}

interface Row {
  name: string;
  impl: 'kernel' | 'tfjs' | 'float64';
  net: 'two-layer' | 'three-layer';
  m: number;
  n: number;
  d: number;
  dOut: number;
  stepsPerSecond: number;
  bestStepsPerSecond: number;
  msPerStep: number;
  bytesPerStep: number;
  /** kernel rows: steps/s over the bandwidth limit */
  bandwidthFraction?: number;
  /** nominal FLOPs per step (see the header) and the rate they are done at */
  flopsPerStep: number;
  gflopsPerSecond: number;
  /** kernel rows: GFLOP/s over the compute limit */
  computeFraction?: number;
  firstLayerActive?: { entries: number; rows: number };
  finalLoss: number;
  note?: string;
  /** a note computed from the timed row (e.g. σ evaluations per second) */
  describe?: (row: Row) => string;
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
  log(`measuring float32 SIMD throughput (one core)…`);
  const compute = measureCompute();
  log(`  ${(compute / 1e9).toFixed(1)} GFLOP/s`);
  const rows: Row[] = [];
  const toy = toy1d();

  const add = (
    name: string,
    impl: Row['impl'],
    net: Row['net'],
    shape: { m: number; n: number; d: number; dOut?: number },
    make: () => GdModel<unknown>,
    lr: number,
    extra: Partial<Row> = {},
  ) => {
    if (!selected(name)) return;
    log(`${name}…`);
    const { m, n, d, dOut = 1 } = shape;
    const params = net === 'three-layer' ? m * (m + d + 2 + dOut) : m * (d + 2);
    const bytesPerStep = 12 * params;
    const flops = flopsPerStep(net, m, n, d, dOut);
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
      dOut,
      stepsPerSecond: t.median,
      bestStepsPerSecond: t.best,
      msPerStep: 1000 / t.median,
      bytesPerStep,
      bandwidthFraction: impl === 'kernel' ? t.median / (bandwidth / bytesPerStep) : undefined,
      flopsPerStep: flops,
      gflopsPerSecond: (flops * t.median) / 1e9,
      computeFraction: impl === 'kernel' ? (flops * t.median) / compute : undefined,
      finalLoss: t.finalLoss,
      ...extra,
    });
    const row = rows[rows.length - 1];
    if (row.describe) {
      row.note = row.describe(row);
      delete row.describe;
    }
  };

  // three-layer kernel, 4-point data
  for (const m of [1000, 5000, 10000]) {
    const name = `three-layer kernel  n=4 d=1 m=${m}`;
    if (!selected(name)) continue; // (initialisation and activity counts only for the cases that run)
    const p = initThree(m, 1, 1);
    add(name, 'kernel', 'three-layer', { m, n: 4, d: 1 }, () => new ThreeLayerKernel(p, toy.x, toy.y, toy.n, 1), 1e-3, {
      firstLayerActive: firstLayerActivity(p, toy.x, 4),
    });
  }
  if (selected('three-layer kernel  n=4 d=1 m=1000, all units active')) {
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
  // two-layer, smooth activations (chen2023): the smooth kernel and the TensorFlow.js path
  const smoothActs = ['tanh', 'sigmoid0', 'softplus0', 'xtanh'] as const;
  const smoothCase = (impl: 'kernel' | 'tfjs', act: string, m: number) => `two-smooth ${impl.padEnd(6)}   n=4 d=1 m=${m} ${act}`;
  const sigmaRate = (m: number, n: number) => (r: Row) => `${((n * m * r.stepsPerSecond) / 1e6).toFixed(0)} M σ evaluations/s`;
  for (const act of smoothActs) {
    for (const m of act === 'tanh' ? [1000, 10000] : [1000]) {
      const p = initTwoLayer(m, 1, { beta1: 1 / m, beta2: 1 / m }, 1);
      add(smoothCase('kernel', act, m), 'kernel', 'two-layer', { m, n: 4, d: 1 }, () => new TwoLayerSmoothKernel(p, toy.x, toy.y, toy.n, 1, act), 1e-3, {
        describe: sigmaRate(m, 4),
      });
      if (m === 1000) {
        add(smoothCase('tfjs', act, m), 'tfjs', 'two-layer', { m, n: 4, d: 1 }, () => new TwoLayerTf(p, toy.x, toy.y, toy.n, 1, act), 1e-3, {
          describe: sigmaRate(m, 4),
        });
      }
    }
  }

  // three-layer, smooth activations: the smooth kernel and the TensorFlow.js path (and chen2024's float64 code)
  const smooth3Acts = ['tanh', 'sigmoid0', 'softplus0', 'xtanh'] as const;
  const smooth3Case = (impl: 'kernel' | 'tfjs', act: string) => `three-smooth ${impl.padEnd(7)} n=4 d=1 m=1000 ${act}`;
  // σ and σ' of both hidden layers: 2nm evaluations per step
  const sigma3Rate = (r: Row) => `${((2 * r.n * r.m * r.stepsPerSecond) / 1e6).toPrecision(2)} M σ evaluations/s`;
  for (const act of smooth3Acts) {
    const m = 1000;
    const p = initThree(m, 1, 1);
    add(smooth3Case('kernel', act), 'kernel', 'three-layer', { m, n: 4, d: 1 }, () => new ThreeLayerSmoothKernel(p, toy.x, toy.y, toy.n, 1, act), 1e-4, {
      describe: sigma3Rate,
    });
    add(smooth3Case('tfjs', act), 'tfjs', 'three-layer', { m, n: 4, d: 1 }, () => new ThreeLayerTf(p, toy.x, toy.y, toy.n, 1, act), 1e-4, {
      describe: sigma3Rate,
    });
  }
  const chenCase = (impl: 'kernel' | 'kernelc' | 'tfjs' | 'float64') => `three-smooth ${impl.padEnd(7)} n=8 d=5 m=200 tanh, chen2024`;
  if ((['kernel', 'kernelc', 'tfjs', 'float64'] as const).some((impl) => selected(chenCase(impl)))) {
    // chen2024-condensation's paper `train` cell: lr 5e-3 on R_S = L/2, i.e. 2.5e-3 on L
    const data = chen2024Data({ n: 8, d: 5, scale: 10, seed: 1 });
    const m = 200;
    const s0 = initThreeLayerEffective(m, data.d1, 200 ** -2, 7);
    const p = chenToKernel(s0);
    const x = new Float32Array(data.n * 5);
    for (let i = 0; i < data.n; i++) for (let j = 0; j < 5; j++) x[i * 5 + j] = data.x[i * 6 + j];
    const y = Float32Array.from(data.y);
    const shape = { m, n: 8, d: 5 };
    add(chenCase('kernel'), 'kernel', 'three-layer', shape, () => new ThreeLayerSmoothKernel(p, x, y, data.n, 1, 'tanh', { bias2: false }), 2.5e-3);
    // compensated updates (θ = θ_hi + θ_lo), as chen2024-condensation runs
    add(
      chenCase('kernelc'),
      'kernel',
      'three-layer',
      shape,
      () => new ThreeLayerSmoothKernel(p, x, y, data.n, 1, 'tanh', { bias2: false, compensated: true }),
      2.5e-3,
      {
        note: 'compensated',
      },
    );
    add(chenCase('tfjs'), 'tfjs', 'three-layer', shape, () => new ThreeLayerTf(p, x, y, data.n, 1, 'tanh', { bias2: false }), 2.5e-3);
    add(chenCase('float64'), 'float64', 'three-layer', shape, () => float64Model(new ThreeLayerNet(s0, data)), 2.5e-3);
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

  // MNIST-sized, three-layer with 10 outputs (one-hot targets): the kernel for several outputs
  const mnist10 = mnistOneHot(100, 784, 10, 9);
  for (const m of [1000, 2500]) {
    const name = `three-multi kernel  n=100 d=784 dOut=10 m=${m}`;
    if (!selected(name)) continue;
    const p = initThree(m, 784, 4, 10);
    for (let i = 0; i < p.w1.length; i++) p.w1[i] /= Math.sqrt(785);
    add(name, 'kernel', 'three-layer', { m, n: 100, d: 784, dOut: 10 }, () => new ThreeLayerMultiKernel(p, mnist10.x, mnist10.y, mnist10.n, 1), 1e-4, {
      firstLayerActive: firstLayerActivity(p, mnist10.x, 100),
    });
  }

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
  const sweeps = [];
  if (selected('sweep two-layer')) sweeps.push(await measureSweep(backend, 'two-layer', 40000, 2500));
  if (selected('sweep three-layer')) sweeps.push(await measureSweep(backend, 'three-layer', 1000, 500));

  const shards = selected('shards') ? await measureShards() : undefined;
  const browser = BROWSER_CASES.some((e) => selected(`browser ${e}`)) ? await measureBrowser(log, selected) : [];

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
    twoLayerSmooth: Object.fromEntries(smoothActs.map((act) => [act, ratio(smoothCase('kernel', act, 1000), smoothCase('tfjs', act, 1000))])),
    threeLayerSmooth: Object.fromEntries(smooth3Acts.map((act) => [act, ratio(smooth3Case('kernel', act), smooth3Case('tfjs', act))])),
    chen2024: {
      tfjs: ratio(chenCase('kernel'), chenCase('tfjs')),
      float64: ratio(chenCase('kernel'), chenCase('float64')),
      compensatedTfjs: ratio(chenCase('kernelc'), chenCase('tfjs')),
      compensatedFloat64: ratio(chenCase('kernelc'), chenCase('float64')),
    },
  };

  const env = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    tfjsBackend: backend,
    kernelSourceHash: {
      twoLayer: twoLayerSourceHash,
      twoLayerSmooth: twoLayerSmoothSourceHash,
      threeLayer: threeLayerSourceHash,
      threeLayerSmooth: threeLayerSmoothSourceHash,
      threeLayerMulti: threeLayerMultiSourceHash,
    },
    bandwidthBytesPerSecond: bandwidth,
    computeFlopsPerSecond: compute,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ env, rows, ratios, sweeps, shards, browser, notes: threeTfNote ? [threeTfNote] : [] }, null, 2)}\n`);
    return;
  }
  const fmt = (v: number) => (v >= 1000 ? v.toFixed(0) : v.toPrecision(3));
  const lines = [
    `node ${env.node}, ${env.cpu}, tfjs backend ${backend}, bandwidth ${(bandwidth / 1e9).toFixed(1)} GB/s (copy, read + write), compute ${(compute / 1e9).toFixed(1)} GFLOP/s (f32 SIMD, one core)`,
    '',
    `${'case'.padEnd(52)} ${'steps/s'.padStart(9)} ${'ms/step'.padStart(9)} ${'MB/step'.padStart(8)} ${'of BW limit'.padStart(11)} ${'GFLOP/s'.padStart(8)} ${'of compute'.padStart(10)}  Z1>0 (entries, rows) / note`,
  ];
  for (const r of rows) {
    const active = r.firstLayerActive ? `${(100 * r.firstLayerActive.entries).toFixed(0)}%, ${(100 * r.firstLayerActive.rows).toFixed(0)}%` : (r.note ?? '');
    lines.push(
      `${r.name.padEnd(52)} ${fmt(r.stepsPerSecond).padStart(9)} ${fmt(r.msPerStep).padStart(9)} ${fmt(r.bytesPerStep / 1e6).padStart(8)} ${(r.bandwidthFraction === undefined ? '' : `${(100 * r.bandwidthFraction).toFixed(0)}%`).padStart(11)} ${fmt(r.gflopsPerSecond).padStart(8)} ${(r.computeFraction === undefined ? '' : `${(100 * r.computeFraction).toFixed(0)}%`).padStart(10)}  ${active}`,
    );
  }
  lines.push('');
  if (ratios.twoLayerM1000) lines.push(`kernel / tfjs, two-layer   n=4 d=1 m=1000: ${ratios.twoLayerM1000.toFixed(0)}×`);
  if (ratios.threeLayerM1000) lines.push(`kernel / tfjs, three-layer n=4 d=1 m=1000: ${ratios.threeLayerM1000.toFixed(0)}×`);
  if (ratios.twoLayerMnist) lines.push(`kernel / tfjs, two-layer   n=45 d=784 m=1000: ${ratios.twoLayerMnist.toFixed(1)}×`);
  if (ratios.threeLayerMnist) lines.push(`kernel / tfjs, three-layer n=64 d=784 m=1000: ${ratios.threeLayerMnist.toFixed(1)}×`);
  for (const act of smoothActs) {
    const v = ratios.twoLayerSmooth[act];
    if (v) lines.push(`kernel / tfjs, two-layer ${act} n=4 d=1 m=1000: ${v.toFixed(0)}×`);
  }
  for (const act of smooth3Acts) {
    const v = ratios.threeLayerSmooth[act];
    if (v) lines.push(`kernel / tfjs, three-layer ${act} n=4 d=1 m=1000: ${v.toFixed(1)}×`);
  }
  if (ratios.chen2024.tfjs) lines.push(`kernel / tfjs, three-layer tanh n=8 d=5 m=200 (chen2024 train cell): ${ratios.chen2024.tfjs.toFixed(1)}×`);
  if (ratios.chen2024.float64) lines.push(`kernel / float64 (chen2024 network.ts), same cell: ${ratios.chen2024.float64.toFixed(1)}×`);
  if (ratios.chen2024.compensatedTfjs) lines.push(`compensated kernel / tfjs, same cell: ${ratios.chen2024.compensatedTfjs.toFixed(1)}×`);
  if (ratios.chen2024.compensatedFloat64) lines.push(`compensated kernel / float64, same cell: ${ratios.chen2024.compensatedFloat64.toFixed(1)}×`);
  if (threeTfNote) lines.push(threeTfNote);
  for (const sweep of sweeps) {
    lines.push(
      `sweep of ${sweep.cells} cells (${sweep.net} kernel m=${sweep.m}, ${sweep.steps} steps each): --jobs 1 ${sweep.seconds[1].toFixed(2)} s, --jobs 2 ${sweep.seconds[2].toFixed(2)} s: ${sweep.speedup.toFixed(2)}× (target ≥ 1.7×)`,
    );
  }
  if (shards) {
    lines.push(
      `plan of ${shards.cells} cells (${shards.units} s of one core, costs 6 and 1 in alternation): one process ${shards.oneProcess.toFixed(1)} s; two shards split by cost ${shards.balanced.toFixed(1)} s: ${shards.speedupBalanced.toFixed(2)}× (target ≥ 1.7×); round-robin ${shards.roundRobin.toFixed(1)} s: ${shards.speedupRoundRobin.toFixed(2)}×`,
    );
  }
  for (const b of browser) {
    lines.push(
      `${b.name} (${b.cell}, ${b.steps} steps): Node ${fmt(b.nodeStepsPerSecond)} steps/s, ${b.chromium} ${fmt(b.chromiumStepsPerSecond)} steps/s: Chromium / Node ${b.ratio.toFixed(2)}× (${b.identical ? 'results identical' : 'RESULTS DIFFER'})`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
