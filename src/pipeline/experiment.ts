/**
 * The shape of an experiment. Each `experiments/<id>/` folder holds:
 *
 *   experiment.ts  default export: an ExperimentDefinition (schema, profiles,
 *                  expansion into cells, result schema, figures provided)
 *   run.ts         `run(cell, ctx)`: one training run, returns the result
 *   aggregate.ts   `aggregate({ config, profile, cells })`: figure data
 *
 * The three are separate modules so that each cache key covers exactly the
 * code it depends on: a cell's key hashes the import graph of run.ts, an
 * aggregate's key the import graph of aggregate.ts.
 */
import type { z } from 'zod';

/** One independent training run. */
export interface CellSpec<Params = unknown> {
  /** Unique within the experiment and profile, human-readable (e.g. "gamma=1.75"). */
  id: string;
  seed: number;
  params: Params;
}

export interface FigureSpec {
  title: string;
}

export interface ExperimentDefinition<Config = any, Params = any, Result = any> {
  id: string;
  title: string;
  /** Key of the paper it reproduces (luo2021, zhou2022, chen2023, chen2024). */
  paper: string;
  config: z.ZodType<Config>;
  /** Named raw configurations; `quick` (CI-sized) and `paper` (the paper's settings) are required. */
  profiles: { quick: unknown; paper: unknown } & Record<string, unknown>;
  cells: (config: Config) => CellSpec<Params>[];
  result: z.ZodType<Result>;
  /** Data files a cell reads, relative to the project root or as `package/path`. */
  dataFiles?: (params: Params) => string[];
  /** Figures this experiment's aggregate provides, by figure id. */
  figures: Record<string, FigureSpec>;
}

export interface RunContext {
  /** Report progress of this cell, a fraction in [0, 1]. */
  progress: (fraction: number) => void;
  /** The TensorFlow.js backend in use. */
  backend: string;
}

/**
 * Runs one cell. A result may name the implementation that computed it in a
 * string field `path` (e.g. 'wasm-kernel' or 'tfjs'): provenance shows it.
 */
export type RunCell<Params = any, Result = any> = (cell: CellSpec<Params>, ctx: RunContext) => Promise<Result> | Result;

/** A tidy data row: one row per mark element. */
export type Row = Record<string, number | string | boolean | null>;

export interface FigureData {
  rows: Row[];
  /** Derived numbers quoted in the page text (e.g. a fitted slope). */
  values?: Record<string, number | string>;
}

export interface AggregateInput<Config = any, Params = any, Result = any> {
  config: Config;
  profile: string;
  cells: { cell: CellSpec<Params>; result: Result }[];
}

export type Aggregate<Config = any, Params = any, Result = any> = (
  input: AggregateInput<Config, Params, Result>,
) => Record<string, FigureData>;

/** Identity helper that gives the definition its types. */
export function defineExperiment<Config, Params, Result>(
  def: ExperimentDefinition<Config, Params, Result>,
): ExperimentDefinition<Config, Params, Result> {
  return def;
}
