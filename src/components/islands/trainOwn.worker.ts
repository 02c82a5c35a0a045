/**
 * The "Train your own" worker (started by ./trainOwn.ts): trains the reader's
 * point with the experiment's own run.ts (../trainOwnSpec.ts: luo2021-fig2 for
 * the two-layer page, zhou2022-grid for the three-layer one, chen2024-blowup,
 * with the two- or three-layer network, for chen2024), i.e. the same
 * engine code and the same compiled WebAssembly kernel as
 * `npm run experiments`, and lets the reader watch it:
 *
 * the kernel's model factory (twoLayerKernel, threeLayerKernel) is wrapped
 * (for chen2024-blowup, whose networks are float64 TypeScript classes, their
 * prototypes' loss and step),
 * for this worker only, so that each model it creates reports its parameters
 * at the snapshot steps of ../trainOwnSpec.ts (per attempt), as long as the
 * views made from them take at most about half of the run’s wall time
 * (SNAPSHOT_SHARE). Reading the
 * parameters copies them out of the kernel's memory and changes nothing in
 * the computation: the result is the one `npm run experiments` stores for the
 * same cell (the browser test checks it bit for bit).
 *
 * Posts
 * - { type: 'sources', code, packages }: the run.ts import graph it was built
 *   from (hashed at build time, ../rerunSources.ts), to recompute a cell's key;
 * - { type: 'data', x, y }: the training points;
 * - { type: 'snapshot', attempt, step, loss, view } at the snapshot steps;
 * - { type: 'progress', fraction } (at most every 100 ms);
 * - { type: 'done', result, seconds, observeSeconds } or { type: 'error', message }.
 * `seconds` is the wall time of run(); `observeSeconds` the part of it spent
 * making the snapshots' views.
 */
import sources from 'virtual:rerun-sources';
import type { GdModel } from '../../engine/train/gd';
import type { CellSpec, RunCell } from '../../pipeline/experiment';
import { isSnapshotStep, LIVE_CURVE_POINTS, LIVE_NEURONS, SNAPSHOT_FREE_SECONDS, SNAPSHOT_SHARE, type TrainOwnExperiment } from '../trainOwnSpec';

export interface TrainOwnRequest {
  experiment: TrainOwnExperiment;
  cell: CellSpec<Record<string, unknown>>;
}

/** What a snapshot shows: the neurons drawn and the output on a grid. */
export type SnapshotView =
  | { kind: 'two'; orientation: number[]; amplitude: number[]; curve: { x: number[]; y: number[] } }
  | { kind: 'three'; w: number[]; b: number[]; rdW1: number; orientations: number; curve: { x: number[]; y: number[] } }
  /** chen2024: the first layer's rows, their norms and cosines with z */
  | { kind: 'rows'; norm: number[]; cos: number[] };

interface Observed {
  run: RunCell;
  data: { x: ArrayLike<number>; y: ArrayLike<number> };
  /** wraps the kernel's factory; `view` makes a snapshot's view from the model's parameters */
  observe(onModel: (model: GdModel<unknown>) => void): void;
  view(params: unknown, initial: unknown): SnapshotView;
}

/** Wrap `factory.create` so that every model it makes is handed to `onModel` first. */
function wrapFactory<F extends { create: (...args: never[]) => GdModel<unknown> }>(factory: F, onModel: (model: GdModel<unknown>) => void): void {
  const create = factory.create;
  factory.create = ((...args: never[]) => {
    const model = create(...args);
    onModel(model);
    return model;
  }) as F['create'];
}

/** Evenly spaced indices 0 … m − 1, at most `count` of them (as zhou2022-grid's run.ts picks its scatter neurons). */
const spaced = (m: number, count: number) => Array.from({ length: Math.min(count, m) }, (_, r) => Math.floor((r * m) / Math.min(count, m)));

/**
 * Hand every network of class `Net` (a float64 GdNetwork of chen2024) to
 * `onModel` as a GdModel at its first loss(): its loss and step go through
 * the model's (so that the observer's wrappers see them); `read` copies the
 * first layer.
 */
function wrapNetwork(
  Net: { prototype: { loss(): number; step(lr: number): void } },
  firstLayer: (net: never) => Float64Array,
  onModel: (model: GdModel<unknown>) => void,
): void {
  const proto = Net.prototype;
  const loss = proto.loss;
  const step = proto.step;
  proto.loss = function (this: { loss(): number; step(lr: number): void }) {
    const model = {
      loss: () => loss.call(this),
      update: (lr: number) => step.call(this, lr),
      read: () => Float64Array.from(firstLayer(this as never)),
    } as unknown as GdModel<unknown>;
    onModel(model);
    // this instance from now on: through the (wrapped) model
    this.loss = () => model.loss();
    this.step = (lr: number) => model.update(lr);
    return model.loss();
  };
}

/** chen2024-blowup: a float64 network in plain TypeScript (two or three layers; fdlibm's tanh, the same bits in every engine: ../../engine/chen2024/fdlibm.ts) */
const chen2024Blowup = async (cell: CellSpec<Record<string, unknown>>): Promise<Observed> => {
  const [{ run }, network, { chen2024Data }, { rowAlignment }] = await Promise.all([
    import('../../../experiments/chen2024-blowup/run'),
    import('../../engine/chen2024/network'),
    import('../../engine/chen2024/data'),
    import('../../engine/chen2024/alignment'),
  ]);
  const p = cell.params as { m: number; data: Parameters<typeof chen2024Data>[0] };
  const data = chen2024Data(p.data);
  const z = network.targetVector(data);
  return {
    run: run as RunCell,
    data: { x: [], y: [] },
    observe(onModel) {
      wrapNetwork(network.ThreeLayerNet, (net: InstanceType<typeof network.ThreeLayerNet>) => net.state.W1, onModel);
      wrapNetwork(network.TwoLayerNet, (net: InstanceType<typeof network.TwoLayerNet>) => net.state.W, onModel);
    },
    view(params) {
      const { norm, cos } = rowAlignment(params as Float64Array, p.m, z);
      return { kind: 'rows', norm, cos };
    },
  };
};

const loaders: Record<TrainOwnExperiment, (cell: CellSpec<Record<string, unknown>>) => Promise<Observed>> = {
  'luo2021-fig2': async (cell) => {
    const [{ run }, { twoLayerKernel }, { orientationAmplitude }, { predictTwoLayer }, { twoLayerScales }, { toy1d, linspace }] = await Promise.all([
      import('../../../experiments/luo2021-fig2/run'),
      import('../../engine/twoLayer/kernel'),
      import('../../engine/metrics/features'),
      import('../../engine/twoLayer/predict'),
      import('../../engine/twoLayer/parametrisation'),
      import('../../engine/data/toy1d'),
    ]);
    const p = cell.params as { m: number; gamma: number; gammaPrime: number };
    const { alpha } = twoLayerScales(p.m, p.gamma, p.gammaPrime);
    const grid = linspace(-0.5, 0.5, LIVE_CURVE_POINTS);
    const ks = spaced(p.m, LIVE_NEURONS);
    type P = import('../../engine/twoLayer/params').TwoLayerParams;
    return {
      run: run as RunCell,
      data: toy1d(),
      observe: (onModel) => wrapFactory(twoLayerKernel, onModel),
      view(params) {
        const q = params as P;
        const features = orientationAmplitude(q.a, q.w, q.m);
        // float64: a drawing, not a result (float32 rounding of every operation would cost 5–10 times more)
        const f = predictTwoLayer(q, alpha, 'relu', grid, grid.length, 'float64');
        return {
          kind: 'two',
          orientation: ks.map((k) => features[k].orientation),
          amplitude: ks.map((k) => features[k].amplitude),
          curve: { x: Array.from(grid), y: Array.from(f) },
        };
      },
    };
  },
  'zhou2022-grid': async (cell) => {
    const [grid, train, { predictThreeLayer }, { threeLayerScales }, { toy1d, linspace }, { relativeDistance }, { countOrientations }] = await Promise.all([
      import('../../../experiments/zhou2022-grid/run'),
      import('../../engine/threeLayer/train'),
      import('../../engine/threeLayer/predict'),
      import('../../engine/threeLayer/parametrisation'),
      import('../../engine/data/toy1d'),
      import('../../engine/metrics/relativeDistance'),
      import('../../engine/metrics/orientations'),
    ]);
    const p = cell.params as { m: number; gamma2: number; gamma3: number };
    const { alpha } = threeLayerScales(p.m, p.gamma2, p.gamma3);
    const x = linspace(grid.CURVE_X.lo, grid.CURVE_X.hi, grid.CURVE_X.n);
    const ks = spaced(p.m, grid.SCATTER_NEURONS);
    type P = import('../../engine/threeLayer/params').ThreeLayerParams;
    return {
      run: grid.run as RunCell,
      data: toy1d(),
      observe(onModel) {
        wrapFactory(train.threeLayerKernel, onModel);
        wrapFactory(train.threeLayerMultiKernel, onModel);
        wrapFactory(train.threeLayerCompensatedKernel, onModel);
      },
      view(params, initial) {
        const q = params as P;
        const m = q.m;
        const w = ks.map((k) => q.w1[k]);
        const b = ks.map((k) => q.w1[m + k]);
        // orientations of the rows (w, b), amplitude = row norm; clusters of ≥ 5 % of the large rows (as zhou2022-grid's aggregate)
        const dirs = Float64Array.from(w.flatMap((wk, r) => [wk, b[r]]));
        const amps = w.map((wk, r) => Math.hypot(wk, b[r]));
        const large = countOrientations({ rows: dirs, dim: 2 }, amps).large.length;
        const { orientations } = countOrientations({ rows: dirs, dim: 2 }, amps, { minClusterSize: Math.max(1, Math.ceil(0.05 * large)) });
        return {
          kind: 'three',
          w,
          b,
          rdW1: relativeDistance(q.w1, (initial as P).w1),
          orientations,
          curve: { x: Array.from(x), y: Array.from(predictThreeLayer(q, alpha, x)) },
        };
      },
    };
  },
  'chen2024-blowup': chen2024Blowup,
};

self.onmessage = async (event: MessageEvent<TrainOwnRequest>) => {
  const { experiment, cell } = event.data;
  try {
    const load = loaders[experiment];
    const graph = sources[experiment];
    if (!load || !graph) throw new Error(`experiment ${experiment} cannot be trained in the browser`);
    postMessage({ type: 'sources', code: graph.code, packages: graph.packages });
    const observed = await load(cell);
    postMessage({ type: 'data', x: Array.from(observed.data.x), y: Array.from(observed.data.y) });
    let attempt = -1;
    let observeSeconds = 0;
    let t0 = performance.now();
    observed.observe((model) => {
      attempt++;
      const current = attempt;
      let step = 0;
      let initial: unknown;
      let shown = -1;
      const loss = model.loss.bind(model);
      const update = model.update.bind(model);
      model.loss = () => {
        const L = loss();
        // the views cost time: at most about half of the run’s wall time goes to them (step 0 is always shown)
        const spent = (performance.now() - t0) / 1000;
        if (step !== shown && isSnapshotStep(step) && (step === 0 || observeSeconds <= SNAPSHOT_SHARE * spent + SNAPSHOT_FREE_SECONDS)) {
          shown = step;
          const t = performance.now();
          const params = model.read();
          initial ??= params;
          postMessage({ type: 'snapshot', attempt: current, step, loss: L, view: observed.view(params, initial) });
          observeSeconds += (performance.now() - t) / 1000;
        }
        return L;
      };
      model.update = (lr: number) => {
        update(lr);
        step++;
      };
    });
    let last = 0;
    const progress = (fraction: number) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      postMessage({ type: 'progress', fraction });
    };
    t0 = performance.now();
    const result = await observed.run(cell, { progress, backend: 'none' });
    const seconds = (performance.now() - t0) / 1000;
    postMessage({ type: 'done', result: JSON.parse(JSON.stringify(result)), seconds, observeSeconds });
  } catch (error) {
    postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
