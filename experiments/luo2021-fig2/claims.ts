/** Claims of content/luo2021.mdx about Fig. 2 (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'luo2021-fig2-linear',
    page: 'luo2021',
    figure: 'luo2021-fig2',
    statement: 'At γ = 0.5 (linear regime) the input weights barely move.',
    quantity: 'RD(θ_w) at γ = 0.5, m = 1000',
    measure: (d) => num(d, 'rd_w@0.5'),
    paper: null,
    criterion: { kind: 'below', bound: 0.1, partly: 0.3, why: 'a tenth of their initial size' },
    stated: 'reproduced',
  }),
  claim({
    id: 'luo2021-fig2-condensed',
    page: 'luo2021',
    figure: 'luo2021-fig2',
    statement: 'At γ = 1.75 (condensed regime) the weights travel far and the large neurons collect at a few orientations.',
    quantity: 'orientations of the large neurons at γ = 1.75 (RD > 1 required)',
    measure: (d) => (num(d, 'rd_w@1.75') > 1 ? num(d, 'orientations@1.75') : Number.NaN),
    paper: null,
    criterion: { kind: 'between', lo: 1, hi: 3, partly: [1, 6] },
    stated: 'reproduced',
  }),
];
