/**
 * Which experiments' cells a reader may re-run in the browser ("Re-run in
 * your browser" under their figures; src/components/islands/rerun.ts), and
 * the limits that make a single cell eligible. Declared here, checked at
 * build time (./rerun.ts) against each cell's stored inputs and compute time.
 *
 * An experiment is listed when its run.ts and whole import graph run in a
 * browser: no file reads (MNIST and other data files stay out of the browser
 * bundle), no TensorFlow.js, only the WebAssembly kernels and plain
 * TypeScript; and when its results do not hang on the last bits of
 * JavaScript's Math.tanh, Math.exp, Math.log…, which differ between engines
 * (Node's V8 and current Chromium's disagree in the last bit for a share of
 * arguments): the kernels train in float32 with their own activation
 * functions, and float64 values drawn with Math.log (src/engine/random.ts)
 * are rounded to float32; chen2024's float64 networks, data and effective
 * model call fdlibm's functions in exactly rounded arithmetic instead
 * (src/engine/chen2024/fdlibm.ts, normal.ts), the same bits in every engine.
 * The worker (./islands/rerun.worker.ts) has one loader per listed
 * experiment; the type below makes the two lists agree.
 */
export const RERUNNABLE_EXPERIMENTS = [
  'chen2023-condensation',
  'chen2023-phase',
  'chen2023-stage',
  'chen2024-blowup',
  'chen2024-condensation',
  'chen2024-fig3',
  'introduction-demo',
  'introduction-regimes',
  'luo2021-fig2',
  'luo2021-fig3',
  'luo2021-fig4',
  'luo2021-fig4-probe',
  'luo2021-fig6',
  'luo2021-lr-rule',
  'luo2021-schemes',
  'zhou2022-fig3',
  'zhou2022-fig4',
  'zhou2022-grid',
  'zhou2022-schemes',
  'zhou2022-table2',
  'zhou2022-table2-variants',
] as const;

export type RerunnableExperiment = (typeof RERUNNABLE_EXPERIMENTS)[number];

/**
 * The experiments whose run.ts cannot run in a browser, each with why (shown
 * under its figures instead of the re-run button). Every experiment is in
 * exactly one of the two lists; test/site/rerun-plan.test.ts checks both
 * against the run.ts import graphs.
 */
export const NOT_RERUNNABLE: Record<string, string> = {
  'introduction-cnn': 'it trains with TensorFlow.js and reads MNIST from data files (src/engine/data/mnist.ts)',
  'luo2021-fig5': 'it reads MNIST from data files (src/engine/data/mnist.ts), which stay out of the browser bundle',
  'zhou2022-fig6': 'it reads MNIST from data files (src/engine/data/mnist.ts), which stay out of the browser bundle',
};

/** A cell whose stored compute time is above this is not offered (seconds, on the machine that computed it). */
export const RERUN_MAX_SECONDS = 5;

/** "all cells" is offered when their stored compute times add up to at most this (seconds). */
export const RERUN_ALL_MAX_SECONDS = 20;

/** Figures with more eligible cells than this also offer a sample of this many (the eligible cells with the smallest keys: a sample fixed by the store, not chosen by hand). */
export const RERUN_SAMPLE = 3;

/** At most this many cells are listed one by one (evenly spread over the figure's cells); the others stay reachable through "all" and the sample. */
export const RERUN_MAX_LISTED = 24;

export function isRerunnable(experiment: string): experiment is RerunnableExperiment {
  return (RERUNNABLE_EXPERIMENTS as readonly string[]).includes(experiment);
}
