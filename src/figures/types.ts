import type { LegendOptions, PlotOptions } from '@observablehq/plot';
import type { FigureData } from '../pipeline/experiment.js';

export type { LegendOptions };

/** One Plot chart of a figure. */
export interface Panel {
  /** Heading above the chart (plain text). */
  title?: string;
  options: PlotOptions;
}

/** How a figure is drawn: pure functions of its aggregated data. */
export interface FigureView {
  /** Panels per row of the figure's grid. */
  columns: number;
  panels: (data: FigureData) => Panel[];
  /** A colour legend shared by the panels, drawn above them (Plot.legend options). */
  legend?: (data: FigureData) => LegendOptions;
}
