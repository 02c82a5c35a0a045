/** Discovery of `experiments/<id>/` folders and validation of their profiles. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CellSpec, ExperimentDefinition } from './experiment.js';

export interface LoadedExperiment {
  def: ExperimentDefinition;
  /** Files relative to the project root. */
  definitionFile: string;
  runFile: string;
  aggregateFile: string;
}

/** A configuration or definition error: names the experiment, file, profile and field. */
export class ExperimentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentError';
  }
}

const rel = (...parts: string[]) => parts.join('/');

/** Import every experiment under `<root>/experiments`, sorted by id. */
export async function loadExperiments(root: string): Promise<LoadedExperiment[]> {
  const dir = path.join(root, 'experiments');
  if (!existsSync(dir)) return [];
  const out: LoadedExperiment[] = [];
  const figureOwners = new Map<string, string>();
  for (const id of readdirSync(dir).sort()) {
    const definitionFile = rel('experiments', id, 'experiment.ts');
    if (!existsSync(path.join(root, definitionFile))) continue;
    let mod: { default?: ExperimentDefinition };
    try {
      mod = await import(pathToFileURL(path.join(root, definitionFile)).href);
    } catch (err) {
      throw new ExperimentError(`experiment "${id}" (${definitionFile}): cannot be loaded: ${(err as Error).message}`);
    }
    const def = mod.default;
    if (!def || typeof def !== 'object') throw new ExperimentError(`experiment "${id}" (${definitionFile}): no default export`);
    if (def.id !== id) throw new ExperimentError(`experiment "${id}" (${definitionFile}): field id is "${def.id}", expected the folder name "${id}"`);
    for (const field of ['title', 'config', 'profiles', 'cells', 'result', 'figures'] as const) {
      if (def[field] === undefined) throw new ExperimentError(`experiment "${id}" (${definitionFile}): missing field "${field}"`);
    }
    for (const profile of ['quick', 'paper']) {
      if (!Object.hasOwn(def.profiles, profile)) throw new ExperimentError(`experiment "${id}" (${definitionFile}): missing profile "${profile}"`);
    }
    if (def.params !== undefined && typeof def.params.safeParse !== 'function')
      throw new ExperimentError(`experiment "${id}" (${definitionFile}): field params is not a zod schema`);
    for (const [figure, spec] of Object.entries(def.figures)) {
      if (typeof spec?.title !== 'string') throw new ExperimentError(`experiment "${id}" (${definitionFile}): figure "${figure}" has no title`);
      if (typeof spec.row?.safeParse !== 'function')
        throw new ExperimentError(
          `experiment "${id}" (${definitionFile}): figure "${figure}" has no row schema (field figures.${figure}.row: a zod schema of one data row)`,
        );
      if (spec.values !== undefined && typeof spec.values.safeParse !== 'function')
        throw new ExperimentError(`experiment "${id}" (${definitionFile}): figures.${figure}.values is not a zod schema`);
      const owner = figureOwners.get(figure);
      if (owner) throw new ExperimentError(`experiment "${id}" (${definitionFile}): figure "${figure}" is already provided by experiment "${owner}"`);
      figureOwners.set(figure, id);
    }
    const runFile = rel('experiments', id, 'run.ts');
    const aggregateFile = rel('experiments', id, 'aggregate.ts');
    for (const file of [runFile, aggregateFile]) {
      if (!existsSync(path.join(root, file))) throw new ExperimentError(`experiment "${id}": missing file ${file}`);
    }
    out.push({ def, definitionFile, runFile, aggregateFile });
  }
  return out;
}

export interface ResolvedProfile {
  config: unknown;
  cells: CellSpec[];
}

/**
 * Validate a profile against the experiment's schema and expand it into
 * cells. Errors name the experiment, its file, the profile and the field path.
 */
export function resolveProfile(exp: LoadedExperiment, profile: string): ResolvedProfile {
  const { def, definitionFile } = exp;
  const where = `experiment "${def.id}" (${definitionFile}), profile "${profile}"`;
  if (!Object.hasOwn(def.profiles, profile)) {
    throw new ExperimentError(`${where}: no such profile (has: ${Object.keys(def.profiles).join(', ')})`);
  }
  const parsed = def.config.safeParse(def.profiles[profile]);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  field ${['config', ...i.path.map(String)].join('.')}: ${i.message}`);
    throw new ExperimentError(`${where}: invalid configuration\n${issues.join('\n')}`);
  }
  const cells = def.cells(parsed.data);
  const seen = new Set<string>();
  for (const cell of cells) {
    if (seen.has(cell.id)) throw new ExperimentError(`${where}: two cells share the id "${cell.id}"`);
    if (!Number.isInteger(cell.seed)) throw new ExperimentError(`${where}: cell "${cell.id}" has a non-integer seed ${cell.seed}`);
    if (cell.parent !== undefined && !seen.has(cell.parent))
      throw new ExperimentError(`${where}: cell "${cell.id}" continues from "${cell.parent}" (field parent), which is not an earlier cell of this profile`);
    seen.add(cell.id);
    if (def.params) {
      const params = def.params.safeParse(cell.params);
      if (!params.success) {
        const issues = params.error.issues.map((i) => `  field ${['params', ...i.path.map(String)].join('.')}: ${i.message}`);
        throw new ExperimentError(`${where}: cell "${cell.id}" has invalid params\n${issues.join('\n')}`);
      }
    }
  }
  return { config: parsed.data, cells };
}
