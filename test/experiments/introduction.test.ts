/**
 * The introduction page's experiments without training: the 1-d demo's
 * features and target, its aggregate and the compact form the slider island
 * embeds, the CNN aggregate (one kernel order for both stages, pair
 * statistics), the CNN's im2col patches against a direct convolution, and
 * the regimes of the schemes.
 */
import { describe, expect, it } from 'vitest';
import { aggregate as cnnAggregate, randomMeanAbsCosine } from '../../experiments/introduction-cnn/aggregate.js';
import {
  figures as cnnFigures,
  type Config as CnnConfig,
  type Params as CnnParams,
  type Result as CnnResult,
} from '../../experiments/introduction-cnn/experiment.js';
import { aggregate as demoAggregate } from '../../experiments/introduction-demo/aggregate.js';
import { figures as demoFigures, type Config as DemoConfig, type Result as DemoResult } from '../../experiments/introduction-demo/experiment.js';
import { aggregate as regimesAggregate } from '../../experiments/introduction-regimes/aggregate.js';
import { figures as regimesFigures } from '../../experiments/introduction-regimes/experiment.js';
import { run as regimesRun } from '../../experiments/introduction-regimes/run.js';
import { cnnSizes, imagePatches, initCnn, kernelRows, seededPermutation } from '../../src/engine/cnn/smallCnn.js';
import { lectureData, lectureFeatures, lectureTarget } from '../../src/engine/lecture/demo1d.js';
import { uniformSource } from '../../src/engine/random.js';
import { compactDemo, demoPanels, demoSteps, expandDemo } from '../../src/figures/introduction-demo.js';
import { cell, schemaErrors } from './fake.js';

describe('the lecture’s 1-d demo', () => {
  it('target: four kinks at −0.3, 0, 0.4, 0.8; values at a few points', () => {
    expect(lectureTarget(-1)).toBe(0);
    expect(lectureTarget(-0.3)).toBeCloseTo(0, 12);
    expect(lectureTarget(0)).toBeCloseTo(0.6, 12);
    expect(lectureTarget(0.4)).toBeCloseTo(1, 12);
    expect(lectureTarget(1)).toBeCloseTo(-1 + 2.6 - 0.9 + 0.1, 12);
  });

  it('data: n points evenly spaced on [−1, 1], both ends included', () => {
    const d = lectureData(5);
    expect(Array.from(d.x)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(d.y[2]).toBeCloseTo(0.6, 6);
    expect(() => lectureData(1)).toThrow(/n must be an integer ≥ 2/);
  });

  it('features: θ = sign(b) arccos(w/A), A = √(w² + b²)', () => {
    // W (2, m): row 0 the w_k, row 1 the b_k
    const { theta, amplitude } = lectureFeatures([1, 0, -1, 3, 0, 2, -1, 4], 4);
    expect(Array.from(amplitude)).toEqual([1, 2, Math.SQRT2, 5]);
    expect(theta[0]).toBe(0); // b = 0: sign 0
    expect(theta[1]).toBeCloseTo(Math.PI / 2, 12);
    expect(theta[2]).toBeCloseTo(-(3 * Math.PI) / 4, 12);
    expect(theta[3]).toBeCloseTo(Math.acos(3 / 5), 12);
    expect(() => lectureFeatures([1, 2, 3], 2)).toThrow(/W must be \(2, 2\)/);
  });
});

const demoConfig: DemoConfig = { m: 3, n: 2, lr: 0.1, initExponent: 2, steps: 10, snapshots: 3, grid: 2, seed: 1 };
const snap = (step: number, loss: number, theta: number[], amplitude: number[], output: number[]): DemoResult['snapshots'][number] => ({
  step,
  loss,
  theta,
  amplitude,
  output,
});
const demoResult: DemoResult = {
  path: 'wasm-kernel',
  status: 'completed',
  steps: 10,
  finalLoss: 0.01,
  sigma0: 1 / 9,
  data: { x: [-1, 1], y: [0, 0.8] },
  grid: { x: [-1, 1], target: [0, 0.8] },
  snapshots: [
    snap(0, 0.4, [-2, 0.5, 2.5], [1e-4, 2e-4, 3e-4], [0, 0]),
    snap(3, 0.1, [2.5, 0.5, 0.5], [1e-4, 0.5, 0.6], [0.1, 0.5]),
    snap(10, 0.01, [0.5, 0.5, 2.5], [0.5, 0.6, 0.7], [0.05, 0.75]),
  ],
};

describe('introduction-demo aggregate', () => {
  const out = demoAggregate({ config: demoConfig, profile: 'quick', cells: [cell('demo', { ...demoConfig }, demoResult)] });
  const data = out['introduction-demo'];

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(demoFigures, out)).toEqual([]);
  });

  it('one feature row per neuron and snapshot, one output row per grid point and snapshot', () => {
    expect(data.rows.filter((r) => r.mark === 'feature')).toHaveLength(9);
    expect(data.rows.filter((r) => r.mark === 'output')).toHaveLength(6);
    expect(data.rows.filter((r) => r.mark === 'loss').map((r) => r.mark === 'loss' && r.step)).toEqual([0, 3, 10]);
  });

  it('values: the end of the plateau, and the orientations there and at the end', () => {
    expect(data.values).toMatchObject({ m: 3, n: 2, steps: 10, snapshots: 3, initial_loss: 0.4, final_loss: 0.01, step_first_drop: 3, large: 3 });
    // at step 3 the two large neurons share θ = 0.5; at the end all three are large, at θ = 0.5 (two) and 2.5 (one, under the 5 % minimum of 2)
    expect(data.values?.orientations_first_drop).toBe(1);
    expect(data.values?.orientations).toBe(1);
  });

  it('the island’s compact form expands back to the same panels at every step', () => {
    const compact = compactDemo(data);
    expect(compact.steps).toEqual(demoSteps(data));
    const back = expandDemo(JSON.parse(JSON.stringify(compact)));
    expect(demoSteps(back)).toEqual([0, 3, 10]);
    for (const step of compact.steps) {
      const features = (d: typeof data) => d.rows.filter((r) => r.mark === 'feature' && r.step === step);
      expect(features(back)).toEqual(features(data));
    }
  });

  it('the panels differ between steps, and their titles name the step', () => {
    const first = demoPanels(data, 0);
    const last = demoPanels(data, 10);
    expect(first.map((p) => p.title)).toEqual(['Neuron features (θₖ, Aₖ), step 0', 'Fitted function, step 0', 'Loss over training, step 0 marked']);
    const dots = (p: ReturnType<typeof demoPanels>) => JSON.stringify((p[0].options.marks ?? []).map((m) => (m as unknown as { data?: unknown }).data));
    expect(dots(first)).not.toEqual(dots(last));
    // one amplitude axis for all steps
    expect(first[0].options.y?.domain).toEqual(last[0].options.y?.domain);
  });
});

describe('introduction-cnn', () => {
  const config: CnnConfig = {
    nTrain: 8,
    nTest: 8,
    kernel: 1,
    channels1: 3,
    channels2: 2,
    activation: 'tanh',
    gamma: 2,
    epochs: 1,
    batch: 4,
    lr: 0.001,
    seed: 1,
  };
  const { seed: _, ...params } = config;
  const result: CnnResult = {
    path: 'tfjs',
    steps: 2,
    trainAccuracy: 1,
    testAccuracy: 0.9,
    epochLoss: [2.3],
    sigma: [1, 1, 1],
    // kernels of one weight each: at initialisation +, +, −; trained all parallel
    initialKernels: [1, 2, -3],
    finalKernels: [1, 1, -1],
  };
  const out = cnnAggregate({ config, profile: 'quick', cells: [cell<CnnParams, CnnResult>('cnn', params, result)] });
  const data = out['introduction-cnn'];

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(cnnFigures, out)).toEqual([]);
  });

  it('both matrices in full, in one order; pair statistics over distinct pairs', () => {
    const cells = data.rows.filter((r) => r.mark === 'cell');
    expect(cells).toHaveLength(18);
    expect(data.values).toMatchObject({
      mean_abs_d_initial: 1,
      mean_abs_d_trained: 1,
      aligned_initial: 100,
      aligned_trained: 100,
      train_accuracy: 100,
      test_accuracy: 90,
    });
    expect(data.rows.filter((r) => r.mark === 'accuracy')).toEqual([
      { mark: 'accuracy', set: 'training', images: 8, measured: 100, lecture: 100 },
      { mark: 'accuracy', set: 'test', images: 8, measured: 90, lecture: 97.62 },
    ]);
  });

  it('names the cell and field when the kernels do not match the configuration', () => {
    expect(() => cnnAggregate({ config, profile: 'quick', cells: [cell<CnnParams, CnnResult>('cnn', params, { ...result, finalKernels: [1] })] })).toThrow(
      /cell "cnn" field finalKernels has 1 entries, expected 3 × 1/,
    );
  });

  it('E|D| of random directions: 1, 2/π, 1/2 in 1, 2, 3 dimensions; 0.2734 in 9', () => {
    expect(randomMeanAbsCosine(1)).toBeCloseTo(1, 12);
    expect(randomMeanAbsCosine(2)).toBeCloseTo(2 / Math.PI, 12);
    expect(randomMeanAbsCosine(3)).toBeCloseTo(0.5, 12);
    expect(randomMeanAbsCosine(9)).toBeCloseTo(105 / 384, 12);
  });

  it('im2col patches equal a direct valid convolution', () => {
    const size = 5;
    const k = 3;
    const next = uniformSource(7);
    const x = Float32Array.from({ length: 2 * size * size }, () => next());
    const w = Array.from({ length: k * k }, () => next());
    const patches = imagePatches(x, 2, size, k);
    const s0 = size - k + 1;
    for (let i = 0; i < 2; i++)
      for (let r = 0; r < s0; r++)
        for (let c = 0; c < s0; c++) {
          let direct = 0;
          let viaPatch = 0;
          for (let di = 0; di < k; di++) for (let dj = 0; dj < k; dj++) direct += x[i * size * size + (r + di) * size + c + dj] * w[di * k + dj];
          const row = (i * s0 + r) * s0 + c;
          for (let p = 0; p < k * k; p++) viaPatch += patches[row * k * k + p] * w[p];
          expect(viaPatch).toBeCloseTo(direct, 5);
        }
  });

  it('shapes, seeded initialisation and kernel rows', () => {
    const shape = { size: 28, kernel: 3, channels1: 4, channels2: 2, classes: 10, activation: 'tanh' as const };
    expect(cnnSizes(shape)).toEqual({ side1: 13, side2: 5, flat: 50 });
    const a = initCnn(shape, 2, 5);
    expect(initCnn(shape, 2, 5)).toEqual(a);
    expect(a.w1).toHaveLength(36);
    const rows = kernelRows(a.w1, shape);
    // row c, entry p = w1[p * c1 + c] (layout (k, k, 1, c1))
    expect(rows[2 * 9 + 5]).toBe(a.w1[5 * 4 + 2]);
    expect(Array.from(seededPermutation(6, uniformSource(1))).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('introduction-regimes', () => {
  const result = regimesRun({ id: 'regimes', seed: 0, params: { eEtAl: [0.25], demoInitExponent: 2 } });
  const out = regimesAggregate({
    config: { eEtAl: [0.25], demoInitExponent: 2 },
    profile: 'quick',
    cells: [cell('regimes', { eEtAl: [0.25], demoInitExponent: 2 }, result)],
  });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(regimesFigures, out)).toEqual([]);
  });

  it('places the schemes by luo2021’s theorems, the demo in the condensed regime', () => {
    const regime = Object.fromEntries(result.rows.map((r) => [r.scheme, r.regime]));
    expect(regime).toMatchObject({
      LeCun: 'linear',
      He: 'linear',
      NTK: 'linear',
      Xavier: 'critical',
      'Mean-field': 'critical',
      '1-d demo (this page)': 'condensed',
    });
    expect(result.rows.find((r) => r.scheme.startsWith('1-d'))).toMatchObject({ gamma: 4, gammaPrime: 0 });
    expect(out['introduction-regimes'].values).toEqual({
      'schemes@linear': 'LeCun, He, NTK, E et al. (β = m⁻⁰·²⁵)',
      'schemes@critical': 'Xavier, Mean-field',
      'schemes@condensed': '1-d demo (this page)',
    });
  });
});
