/** Claims of content/introduction.mdx about the 1-d demo (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'introduction-demo-first-drop',
    page: 'introduction',
    figure: 'introduction-demo',
    statement: 'While the loss is still near its initial value, the neurons grow along a few directions only.',
    quantity: 'orientations of the large neurons when the loss first falls below half its initial value',
    measure: (d) => num(d, 'orientations_first_drop'),
    paper: null,
    criterion: { kind: 'between', lo: 1, hi: 2, partly: [1, 4] },
    stated: 'reproduced',
  }),
  claim({
    id: 'introduction-demo-kinks',
    page: 'introduction',
    figure: 'introduction-demo',
    statement: 'After training the large neurons share one orientation per kink of the target, which has four.',
    quantity: 'orientations of the large neurons at the end',
    measure: (d) => num(d, 'orientations'),
    paper: { value: 4, source: 'the target f*, four kinks (lecture)' },
    criterion: { kind: 'within', tolerance: 0, partly: 1 },
    stated: 'reproduced',
  }),
];
