/**
 * The site manifest: what the build script hands to Astro. For each figure,
 * where its data is in the results store and the provenance of that data.
 * Written to `.build/manifest.json` (not committed) by every run of
 * `npm run experiments`; read by the site at build time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = '.build/manifest.json';

export interface FigureProvenance {
  figure: string;
  title: string;
  experiment: string;
  experimentTitle: string;
  paper: string;
  profile: string;
  /** Results-store file of the aggregate, relative to the project root. */
  aggregateFile: string;
  aggregateKey: string;
  config: unknown;
  cells: {
    id: string;
    seed: number;
    key: string;
    file: string;
    /** TensorFlow.js backend, or null when the run's code never imports TensorFlow.js. */
    backend: string | null;
    /** The implementation that trained, when the result names it in a string field `path` (e.g. wasm-kernel, tfjs). */
    implementation: string | null;
    computeSeconds: number;
    computedAt: string;
    /** HEAD when the run was computed. */
    commit: string | null;
    /** Every source file of the run was identical to its version in `commit` when it was computed. */
    sourcesAtCommit: boolean;
  }[];
  /** Installed versions of the packages the runs' code imports (@tensorflow/* only when it imports TensorFlow.js). */
  packages: Record<string, string>;
  /** The TensorFlow.js backends of the runs, or null when no run of the figure imports TensorFlow.js. */
  tensorflow: { backends: string[] } | null;
  computeSeconds: number;
  /** Source files the figure's data depends on (experiment.ts, run.ts and aggregate.ts import graphs). */
  sources: string[];
  /** SHA-256 over those files' hashes: the code that the cache keys cover. */
  sourcesHash: string;
  /** Every source file is identical to its version in the build commit. */
  sourcesAtBuildCommit: boolean;
  /** Sources the build commit's tree does not hold (generated modules such as the compiled kernels): no link to them at the commit. */
  notInCommit: string[];
  definitionFile: string;
  /**
   * Where the settings shown differ from the paper's exact settings (the
   * experiment's `full` profile), one line per field; [] when they are the
   * paper's; null when the experiment declares no `full` profile.
   */
  differsFromPaper: string[] | null;
}

export interface Manifest {
  format: 1;
  profile: string;
  commit: string | null;
  dirty: boolean;
  repository: string | null;
  figures: Record<string, FigureProvenance>;
  /** Figure ids that experiments provide but that have no fresh result in this build. */
  missing: Record<string, string>;
}

export function readManifest(root: string): Manifest {
  const file = path.join(root, MANIFEST_FILE);
  if (!existsSync(file)) {
    throw new Error(`${MANIFEST_FILE} not found: run \`npm run experiments\` (or \`npm run build\`) before building the site`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** A figure's stored data and provenance, for the site. */
export interface LoadedFigure {
  build: Pick<Manifest, 'profile' | 'commit' | 'dirty' | 'repository'>;
  provenance: FigureProvenance;
  data: import('./experiment.js').FigureData;
}

/** Every figure id with a result in this build. */
export function figureIds(root: string): string[] {
  return Object.keys(readManifest(root).figures).sort();
}

/**
 * Load a figure for the site. Throws, naming the figure and the page, when
 * no experiment provides it or the build has no result for it.
 */
export function loadFigure(root: string, id: string, page: string): LoadedFigure {
  const manifest = readManifest(root);
  const provenance = manifest.figures[id];
  if (!provenance) {
    if (manifest.missing[id]) throw new Error(`figure "${id}" used in page ${page} has no result in this build: ${manifest.missing[id]}`);
    throw new Error(`figure "${id}" used in page ${page} is provided by no experiment (experiments/*/experiment.ts, field figures)`);
  }
  const file = path.join(root, provenance.aggregateFile);
  if (!existsSync(file))
    throw new Error(`figure "${id}" used in page ${page}: its data ${provenance.aggregateFile} is gone from the results store: run \`npm run experiments\``);
  const entry = JSON.parse(readFileSync(file, 'utf8'));
  if (!entry.figures?.[id]) throw new Error(`figure "${id}" used in page ${page}: ${provenance.aggregateFile} has no data for it: run \`npm run experiments\``);
  const { profile, commit, dirty, repository } = manifest;
  return { build: { profile, commit, dirty, repository }, provenance, data: entry.figures[id] };
}
