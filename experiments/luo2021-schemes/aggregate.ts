/** luo2021 Table 1 rows, and the schemes as points of the phase diagram of Fig. 1. */
import type { AggregateInput, FigureData, Row } from '../../src/pipeline/experiment.js';
import type { Config, Params, Result } from './experiment.js';

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const all = cells[0].result.rows;
  const table: Row[] = all.map((r) => ({ mark: 'row', ...r }));
  // Fig. 1: one point per scheme at its asymptotic coordinates; schemes at the same point share a label.
  const byPoint = new Map<string, string[]>();
  for (const r of all) {
    const key = `${r.gamma},${r.gammaPrime}`;
    const names = byPoint.get(key) ?? [];
    if (!names.includes(r.scheme)) names.push(r.scheme);
    byPoint.set(key, names);
  }
  const points: Row[] = [...byPoint].map(([key, names]) => {
    const [gamma, gammaPrime] = key.split(',').map(Number);
    return { mark: 'scheme', gamma, gamma_prime: gammaPrime, label: names.join(', ') };
  });
  // The boundary of Theorems 6 and 8 and the line γ = γ' of the E et al. family, over the drawn window.
  const boundary: Row[] = [
    { mark: 'boundary', gamma: 1, gamma_prime: -1 },
    { mark: 'boundary', gamma: 1, gamma_prime: 0 },
    { mark: 'boundary', gamma: 2, gamma_prime: 1 },
  ];
  const eLine: Row[] = [
    { mark: 'e-line', gamma: 0, gamma_prime: 0 },
    { mark: 'e-line', gamma: 1, gamma_prime: 1 },
  ];
  return {
    'luo2021-table1': { rows: table, values: { widths: config.widths.join(', '), d: config.d } },
    'luo2021-fig1': { rows: [...points, ...boundary, ...eLine] },
  };
}
