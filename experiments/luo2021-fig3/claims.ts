/** Claims of content/luo2021.mdx about Fig. 3 (see src/claims/claim.ts). */
import { claimsOf } from '../../src/claims/claim.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();
type Data = FigureDataOf<(typeof figures)['luo2021-fig3']>;

/** S_w of every initialisation at γ. */
function slopes(d: Data, gamma: number): number[] {
  const out = d.rows.flatMap((r) => (r.mark === 'slope' && Math.abs(r.gamma - gamma) < 1e-9 && r.s_w !== null ? [r.s_w] : []));
  if (out.length === 0) throw new Error(`no slope at γ = ${gamma}`);
  return out;
}

export const claims = [
  claim({
    id: 'luo2021-fig3-linear',
    page: 'luo2021',
    figure: 'luo2021-fig3',
    statement: 'S_w < 0 at γ = 0.5 (linear regime), for every initialisation.',
    quantity: 'largest S_w at γ = 0.5 over the three initialisations',
    measure: (d) => Math.max(...slopes(d, 0.5)),
    paper: null,
    criterion: { kind: 'below', bound: 0 },
    stated: 'reproduced',
  }),
  claim({
    id: 'luo2021-fig3-critical',
    page: 'luo2021',
    figure: 'luo2021-fig3',
    statement: 'S_w ≈ 0 on the boundary γ = 1 (critical regime), for every initialisation.',
    quantity: 'S_w at γ = 1 farthest from 0 over the three initialisations',
    measure: (d) => slopes(d, 1).reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a)),
    paper: { value: 0, source: 'boundary γ = 1 at γ′ = 0, Theorems 6 and 8' },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.1 },
    stated: 'reproduced',
  }),
  claim({
    id: 'luo2021-fig3-condensed',
    page: 'luo2021',
    figure: 'luo2021-fig3',
    statement: 'S_w > 0 at γ = 1.75 (condensed regime), for every initialisation.',
    quantity: 'smallest S_w at γ = 1.75 over the three initialisations',
    measure: (d) => Math.min(...slopes(d, 1.75)),
    paper: null,
    criterion: { kind: 'above', bound: 0 },
    stated: 'reproduced',
  }),
  claim({
    id: 'luo2021-fig3-splittings',
    page: 'luo2021',
    figure: 'luo2021-fig3',
    statement: 'The three splittings of the same γ give the same slopes up to the scatter of single runs.',
    quantity: 'largest spread (max − min) of S_w over the three initialisations, over all γ',
    measure: (d) => {
      const gammas = [...new Set(d.rows.flatMap((r) => (r.mark === 'slope' ? [r.gamma] : [])))];
      return Math.max(...gammas.map((g) => Math.max(...slopes(d, g)) - Math.min(...slopes(d, g))));
    },
    paper: null,
    criterion: { kind: 'below', bound: 0.1, partly: 0.2 },
    stated: 'reproduced',
  }),
];
