import type { legend, PlotOptions } from '@observablehq/plot';
import type { FigureData, Row } from '../pipeline/experiment.js';

/** Options of Plot.legend: a scale (e.g. color) and how to draw it. */
export type LegendOptions = NonNullable<Parameters<typeof legend>[0]>;

/** One Plot chart of a figure. */
export interface Panel {
  /** Heading above the chart (plain text). */
  title?: string;
  options: PlotOptions;
}

/** How a figure is drawn: pure functions of its aggregated data. */
/** A figure drawn as an HTML table instead of charts. */
export interface TableView {
  columns: { key: string; label: string; format?: (value: Row[string], row: Row) => string }[];
  rows: Row[];
}

export interface FigureView {
  /** Panels per row of the figure's grid. */
  columns: number;
  panels: (data: FigureData) => Panel[];
  /** Tables are drawn after the panels (a table-only figure returns no panels). */
  table?: (data: FigureData) => TableView;
  /** A colour legend shared by the panels, drawn above them (Plot.legend options). */
  legend?: (data: FigureData) => LegendOptions;
}
