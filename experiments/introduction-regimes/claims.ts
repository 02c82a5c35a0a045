/** Claims of content/introduction.mdx about the regime table (see src/claims/claim.ts). */
import { claimsOf } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'introduction-regimes-common-schemes',
    page: 'introduction',
    figure: 'introduction-regimes',
    statement: 'The common schemes train in the linear or critical regime; the demo’s small initialisation in the condensed one.',
    quantity: 'schemes placed in the wrong regime (a common scheme condensed, or the demo not)',
    measure: (d) => d.rows.filter((r) => (r.scheme.startsWith('1-d demo') ? r.regime !== 'condensed' : r.regime === 'condensed')).length,
    paper: { value: 0, source: 'Luo et al. 2021, Table 1 and Theorems 6, 8' },
    criterion: { kind: 'within', tolerance: 0 },
    stated: 'reproduced',
  }),
];
