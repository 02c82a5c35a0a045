/** Claims of content/luo2021.mdx about how much Figs. 3 and 4 depend on the learning-rate rule (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'luo2021-lr-rule-fig4-stars',
    page: 'luo2021',
    figure: 'luo2021-lr-rule-fig4',
    statement: 'Under the code’s learning-rate rule the sign changes of S_w in Fig. 4 stay where they are.',
    quantity: 'largest |γ*(code rule) − γ*(this reproduction’s rule)| over γ′',
    measure: (d) => num(d, 'max_star_shift'),
    paper: null,
    criterion: { kind: 'below', bound: 0.05, partly: 0.1, why: 'the grid is 0.03 to 0.1 wide near the boundary' },
    stated: 'reproduced',
  }),
  claim({
    id: 'luo2021-lr-rule-fig4-boundary',
    page: 'luo2021',
    figure: 'luo2021-lr-rule-fig4',
    statement: 'Under the code’s learning-rate rule the sign changes of S_w lie on the theoretical boundary as well.',
    quantity: 'largest |γ* − γ_boundary(γ′)| over the crossings, code rule',
    measure: (d) => num(d, 'max_crossing_error_code'),
    paper: { value: 0, source: 'boundary γ = 1 (γ′ ≤ 0), γ′ = γ − 1 (γ′ > 0): Theorems 6 and 8' },
    criterion: { kind: 'within', tolerance: 0.1, partly: 0.2, why: 'the grid is about 0.1 wide near the boundary' },
    stated: 'reproduced',
  }),
  claim({
    id: 'luo2021-lr-rule-fig3',
    page: 'luo2021',
    figure: 'luo2021-lr-rule-fig3',
    statement: 'The slopes S_w of Fig. 3 (β1 = β2 = 1 and 1/√m) depend on the learning-rate rule no more than on the split of γ.',
    quantity: 'largest |S_w(code rule) − S_w(this reproduction’s rule)| over γ and the two initialisations',
    measure: (d) => num(d, 'max_abs_delta'),
    paper: null,
    criterion: { kind: 'below', bound: 0.1, partly: 0.2, why: 'the spread allowed between the three splittings of γ (claim luo2021-fig3-splittings)' },
    stated: 'reproduced',
  }),
];
