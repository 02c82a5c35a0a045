/** Helpers over a figure's typed rows. */
import type { Row } from '../../pipeline/experiment.js';
import type { TableColumn, TableView } from '../types.js';

/** The rows of one mark, typed as that member of the row union. */
export function byMark<R extends { mark: string }, M extends R['mark']>(rows: readonly R[], mark: M): Extract<R, { mark: M }>[] {
  return rows.filter((r): r is Extract<R, { mark: M }> => r.mark === mark);
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Distinct numbers in increasing order. */
export function sortedDistinct(values: Iterable<number>): number[] {
  return distinct(values).sort((p, q) => p - q);
}

/** A table view of typed rows: column keys and formatters are checked against the row type. */
export function tableOf<R extends Row>(rows: R[], columns: TableColumn<R>[]): TableView<R> {
  return { columns, rows };
}
