/**
 * The figures with a phase-diagram explorer: clicking one of their cells
 * opens the RD-against-width fit behind its S value (src/figures/shared/rdFit.ts,
 * drawn in the browser by src/components/islands/explorer.ts). The kind says
 * how the cells and runs are read from the figure's data rows.
 */
export const EXPLORERS = {
  'luo2021-fig4': 'sHeatmap',
  'luo2021-fig5': 'sHeatmap',
} as const satisfies Record<string, 'sHeatmap'>;

export type ExplorerKind = (typeof EXPLORERS)[keyof typeof EXPLORERS];

/** The explorer of figure `id`, or undefined when it has none. */
export function explorerOf(id: string): ExplorerKind | undefined {
  return (EXPLORERS as Record<string, ExplorerKind>)[id];
}
