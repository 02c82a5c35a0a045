/**
 * Which experiments' cells a reader may re-run in the browser ("Re-run in
 * your browser" under their figures; src/components/islands/rerun.ts), and
 * the limits that make a single cell eligible. Declared here, checked at
 * build time (./rerun.ts) against each cell's stored inputs and compute time.
 *
 * An experiment is listed when its run.ts and whole import graph run in a
 * browser: no file reads (MNIST and other data files stay out of the browser
 * bundle), no TensorFlow.js, only the WebAssembly kernels and plain
 * TypeScript. The worker (./islands/rerun.worker.ts) has one loader per
 * listed experiment; the type below makes the two lists agree.
 */
export const RERUNNABLE_EXPERIMENTS = ['luo2021-fig2', 'zhou2022-table2'] as const;

export type RerunnableExperiment = (typeof RERUNNABLE_EXPERIMENTS)[number];

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
