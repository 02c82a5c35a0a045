/**
 * The figures with a phase-diagram explorer: clicking one of their cells
 * opens the RD-against-width fit behind its S value (src/figures/shared/rdFit.ts,
 * drawn in the browser by src/components/islands/explorer.ts). The kind says
 * how the cells and runs are read from the figure's data rows:
 * - sHeatmap: luo2021 Figs. 4 and 5, one fit per (γ, γ′) cell over all its runs;
 * - zhou2022Grid: zhou2022 Fig. 5, per point of the (γ₂, γ₃) grid and layer, the mean of per-seed fits.
 * The cells a reader can click carry data-explore (the kind) and their
 * coordinates as data-* attributes (markAttributes).
 */
import type * as Plot from '@observablehq/plot';

export const EXPLORERS = {
  'luo2021-fig4': 'sHeatmap',
  'luo2021-fig5': 'sHeatmap',
  'zhou2022-fig5': 'zhou2022Grid',
} as const satisfies Record<string, 'sHeatmap' | 'zhou2022Grid'>;

export type ExplorerKind = (typeof EXPLORERS)[keyof typeof EXPLORERS];

/** The explorer of figure `id`, or undefined when it has none. */
export function explorerOf(id: string): ExplorerKind | undefined {
  return (EXPLORERS as Record<string, ExplorerKind>)[id];
}

/**
 * A render transform that gives each element a mark draws (one per datum,
 * in the order of Plot's index) data-* attributes of its datum: how the
 * explorer finds the cell a reader clicked.
 */
export function markAttributes<T>(data: readonly T[], attributes: (d: T) => Record<string, string | number>): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context) ?? null;
    const elements = g ? [...g.children].filter((e) => e.tagName.toLowerCase() !== 'title') : [];
    index.forEach((i, k) => {
      for (const [name, value] of Object.entries(attributes(data[i]))) elements[k]?.setAttribute(`data-${name}`, String(value));
    });
    return g;
  };
}
