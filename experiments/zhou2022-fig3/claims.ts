/** Claims of content/zhou2022.mdx about Fig. 3, the second layer (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'zhou2022-fig3-random',
    page: 'zhou2022',
    figure: 'zhou2022-fig3',
    statement: 'At γ3 = 1.6 the large rows of W2 are as unrelated as random directions.',
    quantity: 'mean |D| over distinct pairs of large rows at γ3 = 1.6',
    measure: (d) => num(d, 'mean_abs_d@gamma3=1.6'),
    paper: null,
    reference: { label: 'random directions, √(2/(π(m + 1)))', value: (d) => Math.sqrt(2 / (Math.PI * (num(d, 'm') + 1))) },
    criterion: { kind: 'within', tolerance: 0.1, partly: 0.5, relative: true },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig3-condensed',
    page: 'zhou2022',
    figure: 'zhou2022-fig3',
    statement: 'At γ3 = 2.8 most of the large rows of W2 gather in one block of nearly parallel directions: the second layer condenses.',
    quantity: 'mean |D| over distinct pairs of large rows at γ3 = 2.8',
    measure: (d) => num(d, 'mean_abs_d@gamma3=2.8'),
    paper: null,
    criterion: { kind: 'above', bound: 0.3, partly: 0.1 },
    stated: 'reproduced',
  }),
];
