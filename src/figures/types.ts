import type { legend, PlotOptions } from '@observablehq/plot';
import type { FigureData, Row } from '../pipeline/experiment.js';
import type { DegenerateMark } from './shared/degenerate.js';

/** Options of Plot.legend: a scale (e.g. color) and how to draw it. */
export type LegendOptions = NonNullable<Parameters<typeof legend>[0]>;

/** One Plot chart of a figure. */
export interface Panel {
  /** Heading above the chart (plain text). */
  title?: string;
  options: PlotOptions;
}

/** A column of a table: the row field it shows and how. */
export type TableColumn<R extends Row = Row> = {
  /** `label` is HTML; `format` gives the cell's text, whose $…$ runs are set as math (./shared/mathLabel.ts) */
  [K in keyof R & string]: { key: K; label: string; format?(value: R[K], row: R): string };
}[keyof R & string];

/** A figure drawn as an HTML table instead of charts. */
export interface TableView<R extends Row = Row> {
  columns: TableColumn<R>[];
  rows: R[];
}

/** The row type of a figure's data. */
export type RowOf<D extends FigureData> = D['rows'][number];

/**
 * How a figure is drawn: pure functions of its aggregated data, typed by the
 * experiment's figure spec: FigureView<FigureDataOf<(typeof figures)['<id>']>>
 * (with `import type` from the experiment, so no experiment code is bundled).
 */
export interface FigureView<D extends FigureData = FigureData> {
  /** Panels per row of the figure's grid. */
  columns: number;
  panels(data: D): Panel[];
  /** Tables are drawn after the panels (a table-only figure returns no panels). */
  // the rows of a table are typed where it is built (tableOf in ./shared/rows.ts); here any table of rows
  // biome-ignore lint/suspicious/noExplicitAny: TableView<R> is not assignable to TableView<Row> (keyof R is contravariant)
  table?(data: D): TableView<any>;
  /** A colour legend shared by the panels, drawn above them (Plot.legend options). */
  legend?(data: D): LegendOptions;
  /** How degenerate runs are drawn, for the caption's legend entry (./shared/degenerate.ts); 'point' unless set. */
  degenerateMark?: DegenerateMark;
}
