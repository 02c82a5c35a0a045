/**
 * "Train your own" (./TrainOwn.astro, ./islands/trainOwn.ts): which pages
 * have it, which experiment's run.ts trains the reader's point, which
 * figure's stored cells are the nearest ones shown beside it, and the limits
 * of the island. Browser-safe (no Node imports): read by the build
 * (./trainOwn.ts) and by the island.
 *
 * The reader's point is trained by the experiment's own run.ts, in a Web
 * Worker (./islands/trainOwn.worker.ts), with the same engine code and the
 * same compiled WebAssembly kernel as `npm run experiments`: at a point equal
 * to a stored cell of that experiment (its parameters and seed), the result is
 * that cell's result, bit for bit, and the key recomputed from the worker's
 * source hashes is the cell's key. chen2024's float64 networks too: they
 * call fdlibm's tanh and log (src/engine/chen2024/fdlibm.ts), not the
 * engine's Math functions, whose last bits differ between engines.
 */

/** One coordinate of the phase diagram the reader picks with a slider. */
export interface TrainOwnAxis {
  /** the run's parameter */
  param: string;
  /** as the page writes it (plain text, Unicode) */
  label: string;
  min: number;
  max: number;
  /** the slider's step (the number field beside it takes any value); of log10 of the value when `log` */
  step: number;
  /** the slider moves over log10 of the value (min, max and the number field hold the value itself) */
  log?: boolean;
}

/** A choice between variants of the trained experiment's cells (chen2024: the two- or three-layer network), a parameter of the run. */
export interface TrainOwnChoice {
  /** the run's parameter */
  param: string;
  /** as the form writes it */
  label: string;
  /** its values, as the cells store them, each with its label in the form */
  options: { value: string; label: string }[];
}

export interface TrainOwnSpec {
  page: string;
  /** whose run.ts trains the reader's point */
  experiment: TrainOwnExperiment;
  /** the page's phase diagram: its cells are the "nearest stored cell", with their S values */
  phaseFigure: string;
  /** the figure whose cells store a neuron scatter and an output (shown beside the reader's run when the point matches) */
  storedFigure: string;
  axes: TrainOwnAxis[];
  /** widths offered; the largest is what trains in about a minute at most in a browser (see limits) */
  widths: number[];
  /** what the island says about its limits */
  limits: string;
  /** parameters the reader chooses among the values the stored cells have (chen2024: the network); the nearest stored cell has the reader's value */
  choices?: TrainOwnChoice[];
  /** the island's title (default: "Train your own point of the phase diagram") */
  summary?: string;
  /** the run's view is its loss with the plateau's end and its first layer's rows (../figures/shared/plateauRun.ts; chen2024), not a neuron scatter and an output */
  plateau?: boolean;
  /** the point, width and seed the form starts at */
  start: Record<string, number | string> & { m: number; seed: number };
}

export const TRAIN_OWN_EXPERIMENTS = ['luo2021-fig2', 'zhou2022-grid', 'chen2024-blowup'] as const;
export type TrainOwnExperiment = (typeof TRAIN_OWN_EXPERIMENTS)[number];

export const TRAIN_OWN: Record<string, TrainOwnSpec> = {
  luo2021: {
    page: 'luo2021',
    experiment: 'luo2021-fig2',
    phaseFigure: 'luo2021-fig4',
    storedFigure: 'luo2021-fig2',
    axes: [
      { param: 'gamma', label: 'γ', min: 0, max: 2, step: 0.05 },
      { param: 'gammaPrime', label: 'γ′', min: -0.5, max: 0.5, step: 0.05 },
    ],
    widths: [100, 250, 300, 500, 1000, 2000, 5000, 10000, 20000, 40000],
    start: { gamma: 1, gammaPrime: 0, m: 1000, seed: 1 },
    limits:
      'Widths up to 40,000, the widest of the phase diagram: on the four data points a run takes under a second at small widths and several seconds at the largest. At most 2,000 neurons (evenly spaced) are drawn while training, and 5,000 at the end.',
  },
  zhou2022: {
    page: 'zhou2022',
    experiment: 'zhou2022-grid',
    phaseFigure: 'zhou2022-fig5',
    storedFigure: 'zhou2022-fig2',
    axes: [
      { param: 'gamma2', label: 'γ₂', min: -0.5, max: 2, step: 0.05 },
      { param: 'gamma3', label: 'γ₃', min: 0, max: 5, step: 0.05 },
    ],
    widths: [50, 100, 200, 500, 1000],
    start: { gamma2: 0, gamma3: 2, m: 100, seed: 1 },
    limits:
      'Widths up to 1,000: a step of the three-layer network costs about m² operations. Most points train in seconds; at m = 1,000 a point that uses the whole step budget takes a minute or two (Stop ends a run). 500 first-layer neurons (evenly spaced, as in the stored runs) are drawn.',
  },
  chen2024: {
    page: 'chen2024',
    experiment: 'chen2024-blowup',
    phaseFigure: 'chen2024-blowup',
    storedFigure: 'chen2024-alignment',
    summary: 'Train your own small-initialisation network (two or three layers)',
    axes: [{ param: 'eps', label: 'ε', min: 1e-5, max: 3e-2, step: 0.05, log: true }],
    choices: [
      {
        param: 'net',
        label: 'network',
        options: [
          { value: 'three-layer', label: 'three layers' },
          { value: 'two-layer', label: 'two layers' },
        ],
      },
    ],
    plateau: true,
    widths: [10, 20, 40],
    start: { eps: 1e-3, net: 'three-layer', m: 20, seed: 1 },
    limits:
      'The tanh networks of the exit-time figure’s runs, with two or three layers (every weight drawn N(0, ε²); the same data, learning rate, plateau threshold and step budget as its stored cells of that network), trained until the loss leaves the initial plateau. ε from 10⁻⁵ to 3·10⁻², widths up to 40. Three layers: a step costs about m² operations and the plateau lasts about 1/ε steps, so most runs take under a second, m = 20 at ε = 10⁻⁵ five to ten seconds and m = 40 there about twenty (Stop ends a run). Two layers (a smaller learning rate, as in the stored cells): the plateau grows only like log(1/ε), and a run takes a fraction of a second. The networks train in float64 with fdlibm’s tanh and log (the same bits in every JavaScript engine), so at the scale, network, width and seed of a stored cell your run is that cell, bit for bit.',
  },
};

/** The key of a cell's choices (TrainOwnSpec.choices): "net=two-layer", '' without choices. */
export function choiceKey(spec: TrainOwnSpec, values: Record<string, unknown>): string {
  return (spec.choices ?? []).map((c) => `${c.param}=${String(values[c.param])}`).join(',');
}

/** Neurons drawn while a two-layer run trains (evenly spaced over 0 … m − 1). */
export const LIVE_NEURONS = 2000;
/** Neurons drawn for a finished two-layer run (all of them up to this width). */
export const FINAL_NEURONS = 5000;
/** Points of the live output curve of a two-layer run on [−1/2, 1/2]. */
export const LIVE_CURVE_POINTS = 101;

/**
 * A snapshot's view is skipped when the views made so far took more than this
 * share of the run's wall time plus SNAPSHOT_FREE_SECONDS (the runs on four
 * points take milliseconds per hundred steps: drawing every snapshot would
 * make them many times slower).
 */
export const SNAPSHOT_SHARE = 0.5;
export const SNAPSHOT_FREE_SECONDS = 0.5;

/** Snapshot steps of a run (per attempt): 0, 1, …, 7, then about 25 % apart. */
export function isSnapshotStep(step: number): boolean {
  if (step < 8) return true;
  // steps s with ⌊log(s)/log(1.25)⌋ changing at s: the first integer of each geometric bin
  const bin = (s: number) => Math.floor(Math.log(s) / Math.log(1.25));
  return bin(step) !== bin(step - 1);
}
