/**
 * The shape of an experiment. Each `experiments/<id>/` folder holds:
 *
 *   experiment.ts  default export: an ExperimentDefinition (schema, profiles,
 *                  expansion into cells, params and result schemas, and the
 *                  figures it provides with the schema of their data)
 *   run.ts         `run(cell, ctx)`: one training run, returns the result
 *   aggregate.ts   `aggregate({ config, profile, cells })`: figure data
 *
 * The three are separate modules so that each cache key covers exactly the
 * code it depends on: a cell's key hashes the import graph of run.ts, an
 * aggregate's key the import graph of aggregate.ts. run.ts and aggregate.ts
 * import experiment.ts for types only (erased), so editing a profile re-runs
 * only the cells whose configuration changed.
 */
import type { z } from 'zod';

/** One independent training run. */
export interface CellSpec<Params = unknown> {
  /** Unique within the experiment and profile, human-readable (e.g. "gamma=1.75"). */
  id: string;
  seed: number;
  params: Params;
  /**
   * A continuation: the id of an earlier cell of the same experiment and
   * profile whose final state this cell starts from (`ctx.parentState()`).
   * The cell's key covers its parent's key.
   */
  parent?: string;
}

/** A value of a tidy data row. */
export type Scalar = number | string | boolean | null;

/** A tidy data row: one row per mark element. */
export type Row = Record<string, Scalar>;

/** Numbers (and short lists) quoted in a page's text, by name. */
export type Values = Record<string, number | string | number[] | string[]>;

/** A figure's aggregated data: tidy rows and the values its page quotes. */
export interface FigureData<R extends Row = Row, V extends Values = Values> {
  rows: R[];
  /** Derived numbers quoted in the page text (e.g. a fitted slope). */
  values?: V;
}

/**
 * A figure an experiment provides. `row` (and `values`) are zod schemas of
 * its data: the pipeline validates every row the aggregate returns against
 * them, and aggregate.ts and the figure's view (src/figures/<id>.ts) share
 * the inferred types (FigureDataOf).
 */
export interface FigureSpec<R extends Row = Row, V extends Values = Values> {
  title: string;
  row: z.ZodType<R>;
  values?: z.ZodType<V>;
}

/** The data type of a declared figure: `FigureDataOf<typeof figures['luo2021-fig2']>`. */
export type FigureDataOf<F> = F extends FigureSpec<infer R, infer V> ? FigureData<R, V> : never;

export interface ExperimentDefinition<Config = any, Params = any, Result = any> {
  id: string;
  title: string;
  /** Key of the paper it reproduces (luo2021, zhou2022, chen2023, chen2024). */
  paper: string;
  config: z.ZodType<Config>;
  /** Named raw configurations; `quick` (CI-sized) and `paper` (the paper's settings) are required. */
  profiles: { quick: unknown; paper: unknown } & Record<string, unknown>;
  cells: (config: Config) => CellSpec<Params>[];
  /** Schema of a cell's params: every cell is validated against it (errors name the cell and field). */
  params?: z.ZodType<Params>;
  result: z.ZodType<Result>;
  /**
   * Relative cost of a cell (e.g. width × steps), for balancing the shards of
   * a cluster job when the store has no earlier run of the cell to measure it
   * by (src/pipeline/cost.ts; default: the product of size-like params).
   */
  cost?: (params: Params) => number;
  /** Data files a cell reads, relative to the project root or as `package/path`. */
  dataFiles?: (params: Params) => string[];
  /** Figures this experiment's aggregate provides, by figure id. */
  figures: Record<string, FigureSpec<any, any>>;
}

export interface RunContext {
  /** Report progress of this cell, a fraction in [0, 1]. */
  progress: (fraction: number) => void;
  /** The TensorFlow.js backend initialised in this process (used only by runs that import TensorFlow.js). */
  backend: string;
  /**
   * Keep this cell's final state (e.g. raw weights) for the cells that continue
   * from it: written to the uncommitted state area `.build/state/`, never to
   * `results/`. A no-op when no cell of the plan continues from this one.
   */
  saveState?: (state: Uint8Array) => void;
  /** The state its parent saved (only for a cell with `parent`). */
  parentState?: () => Uint8Array;
}

/**
 * Runs one cell. A result may name the implementation that computed it in a
 * string field `path` (e.g. 'wasm-kernel' or 'tfjs'): provenance shows it.
 */
export type RunCell<Params = any, Result = any> = (cell: CellSpec<Params>, ctx: RunContext) => Promise<Result> | Result;

export interface AggregateInput<Config = any, Params = any, Result = any> {
  config: Config;
  profile: string;
  cells: { cell: CellSpec<Params>; result: Result }[];
}

export type Aggregate<Config = any, Params = any, Result = any> = (input: AggregateInput<Config, Params, Result>) => Record<string, FigureData>;

/** Identity helper that gives the definition its types. */
export function defineExperiment<Config, Params, Result>(def: ExperimentDefinition<Config, Params, Result>): ExperimentDefinition<Config, Params, Result> {
  return def;
}
