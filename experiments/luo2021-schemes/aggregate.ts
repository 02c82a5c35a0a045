/** luo2021 Table 1 rows, and the schemes as points of the phase diagram of Fig. 1. */
import { boundaryLine } from '../../src/engine/theory/luo2021.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Table = FigureDataOf<(typeof figures)['luo2021-table1']>;
type Diagram = FigureDataOf<(typeof figures)['luo2021-fig1']>;

/** The window of Fig. 1 in γ' (the view draws γ ∈ [0, 2], γ' ∈ [−1, 1]). */
const GAMMA_PRIME: [number, number] = [-1, 1];

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-table1': Table; 'luo2021-fig1': Diagram } {
  const all = cells[0].result.rows;
  const table: Table['rows'] = all.map((r) => ({ mark: 'row', ...r }));
  // Fig. 1: one point per scheme at its asymptotic coordinates; schemes at the same point share a label.
  const byPoint = new Map<string, { gamma: number; gammaPrime: number; names: string[] }>();
  for (const r of all) {
    const key = `${r.gamma},${r.gammaPrime}`;
    const at = byPoint.get(key) ?? { gamma: r.gamma, gammaPrime: r.gammaPrime, names: [] };
    if (!at.names.includes(r.scheme)) at.names.push(r.scheme);
    byPoint.set(key, at);
  }
  const points: Diagram['rows'] = [...byPoint.values()].map((p) => ({ mark: 'scheme', gamma: p.gamma, gamma_prime: p.gammaPrime, label: p.names.join(', ') }));
  // The boundary of Theorems 6 and 8 and the line γ = γ' of the E et al. family, over the drawn window.
  const boundary: Diagram['rows'] = boundaryLine(...GAMMA_PRIME).map((p) => ({ mark: 'boundary', gamma: p.gamma, gamma_prime: p.gammaPrime }));
  const eLine: Diagram['rows'] = [
    { mark: 'e-line', gamma: 0, gamma_prime: 0 },
    { mark: 'e-line', gamma: 1, gamma_prime: 1 },
  ];
  return {
    'luo2021-table1': { rows: table, values: { widths: config.widths.join(', '), d: config.d } },
    'luo2021-fig1': { rows: [...points, ...boundary, ...eLine] },
  };
}
