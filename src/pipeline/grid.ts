/**
 * Cells of an experiment from named axes: one cell per point of their
 * Cartesian product, its id written from the coordinates, its params a
 * function of them, its seed derived from the base seed and the id.
 *
 *   cellGrid({
 *     axes: { gammaPrime: c.gammaPrimes, gamma: c.gammas, m: c.widths },   // first axis varies slowest
 *     idOrder: ['gamma', 'gammaPrime', 'm'],                                 // "gamma=1,gamma'=0,m=500"
 *     labels: { gammaPrime: "gamma'" },
 *     baseSeed: c.seed,
 *     params: ({ gamma, gammaPrime, m }) => ({ ... }),
 *   })
 *
 * Seeds (default rule): the first 31 bits of SHA-256(`${baseSeed}:${seedKey}`),
 * where the seed key is the cell id written without the axes in
 * `sharedSeedAxes`. A cell's seed therefore depends only on its own
 * coordinates: adding values to an axis leaves every existing cell's seed
 * unchanged. Cells that differ only along shared axes share one seed (one
 * initialisation seen under several settings); every other pair of cells must
 * get different seeds, and the grid throws when they do not (a hash collision
 * or a legacy rule out of its range): change the base seed.
 *
 * `seed` overrides the rule (experiments/shared/legacySeed.ts keeps the seeds
 * of the results computed before this helper existed).
 */
import { createHash } from 'node:crypto';
import type { CellSpec } from './experiment.js';

/** Named axes: the values each coordinate takes. */
export type Axes = Record<string, readonly unknown[]>;

/** A point of the grid: one value per axis. */
export type Coordinates<A extends Axes> = { [K in keyof A]: A[K][number] };

/** Position of a point along each axis. */
export type Indices<A extends Axes> = { [K in keyof A]: number };

export interface GridPoint<A extends Axes> {
  at: Coordinates<A>;
  index: Indices<A>;
  /** The indices in axis order (first axis first). */
  indices: number[];
  id: string;
  /** The id without the shared-seed axes. */
  seedKey: string;
}

export interface GridSpec<A extends Axes, P> {
  /** Axes in nesting order: the first varies slowest. */
  axes: A;
  /** Cell params from the coordinates. */
  params: (at: Coordinates<A>, point: GridPoint<A>) => P;
  baseSeed: number;
  /** Order of the axes in the id (default: axis order). */
  idOrder?: readonly (keyof A & string)[];
  /** Name of an axis in the id (default: the axis name); '' writes the value alone. */
  labels?: Partial<Record<keyof A & string, string>>;
  /** How an axis value is written in the id (default: String(value)); required for object values. */
  format?: Partial<{ [K in keyof A & string]: (value: A[K][number]) => string }>;
  /** Axes along which cells share one seed (one initialisation). */
  sharedSeedAxes?: readonly (keyof A & string)[];
  /** Replaces the hash rule (legacy seeds). */
  seed?: (point: GridPoint<A>) => number;
}

/** The default seed rule: the first 31 bits of SHA-256(`${base}:${key}`). */
export function hashSeed(base: number, key: string): number {
  return createHash('sha256').update(`${base}:${key}`).digest().readUInt32BE(0) >>> 1;
}

function writeValue(axis: string, value: unknown, format?: (v: never) => string): string {
  if (format) return format(value as never);
  if (value !== null && typeof value === 'object')
    throw new Error(`cellGrid: axis "${axis}" has object values: give labels/format a way to write them in the id`);
  return String(value);
}

export function cellGrid<A extends Axes, P>(spec: GridSpec<A, P>): CellSpec<P>[] {
  const names = Object.keys(spec.axes) as (keyof A & string)[];
  const idOrder = spec.idOrder ?? names;
  const shared = new Set<string>(spec.sharedSeedAxes ?? []);
  for (const name of [...idOrder, ...shared]) {
    if (!names.includes(name as keyof A & string)) throw new Error(`cellGrid: "${name}" is not an axis (axes: ${names.join(', ')})`);
  }
  if (idOrder.length !== names.length || new Set(idOrder).size !== names.length) {
    throw new Error(`cellGrid: idOrder must list every axis once (axes: ${names.join(', ')}; idOrder: ${idOrder.join(', ')})`);
  }
  if (!Number.isInteger(spec.baseSeed)) throw new Error(`cellGrid: base seed ${spec.baseSeed} is not an integer`);

  const part = (name: keyof A & string, value: unknown) => {
    const label = spec.labels?.[name] ?? name;
    const text = writeValue(name, value, spec.format?.[name] as ((v: never) => string) | undefined);
    return label === '' ? text : `${label}=${text}`;
  };

  const cells: CellSpec<P>[] = [];
  const seedKeys: string[] = [];
  const sizes = names.map((n) => spec.axes[n].length);
  if (sizes.some((s) => s === 0)) return [];
  const indices = names.map(() => 0);
  for (;;) {
    const at = {} as Record<string, unknown>;
    const index = {} as Record<string, number>;
    names.forEach((n, k) => {
      at[n] = spec.axes[n][indices[k]];
      index[n] = indices[k];
    });
    const id = idOrder.map((n) => part(n, at[n])).join(',');
    const seedKey = idOrder
      .filter((n) => !shared.has(n))
      .map((n) => part(n, at[n]))
      .join(',');
    const point: GridPoint<A> = { at: at as Coordinates<A>, index: index as Indices<A>, indices: [...indices], id, seedKey };
    const seed = spec.seed ? spec.seed(point) : hashSeed(spec.baseSeed, seedKey);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`cellGrid: cell "${id}" has seed ${seed}, not a nonnegative integer`);
    cells.push({ id, seed, params: spec.params(point.at, point) });
    seedKeys.push(seedKey);
    // odometer: the last axis varies fastest
    let k = names.length - 1;
    while (k >= 0 && ++indices[k] === sizes[k]) indices[k--] = 0;
    if (k < 0) break;
  }
  checkSeeds(cells, seedKeys, [...shared]);
  return cells;
}

/**
 * Cells with the same seed key (equal but for shared axes) must share their
 * seed; cells with different keys must not.
 */
function checkSeeds(cells: CellSpec<unknown>[], seedKeys: string[], shared: string[]): void {
  const byKey = new Map<string, number>();
  const bySeed = new Map<number, number>();
  cells.forEach((cell, i) => {
    const first = byKey.get(seedKeys[i]);
    if (first !== undefined) {
      if (cells[first].seed !== cell.seed) {
        throw new Error(
          `cellGrid: cells "${cells[first].id}" and "${cell.id}" differ only along the shared-seed axes (${shared.join(', ')}) but got seeds ${cells[first].seed} and ${cell.seed}`,
        );
      }
      return;
    }
    byKey.set(seedKeys[i], i);
    const other = bySeed.get(cell.seed);
    if (other !== undefined) {
      throw new Error(
        `cellGrid: cells "${cells[other].id}" and "${cell.id}" should be independent but both got seed ${cell.seed}; change the base seed (or the seed rule)`,
      );
    }
    bySeed.set(cell.seed, i);
  });
}
