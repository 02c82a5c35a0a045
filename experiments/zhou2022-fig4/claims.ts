/** Claims of content/zhou2022.mdx about Fig. 4 (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'zhou2022-fig4-linear',
    page: 'zhou2022',
    figure: 'zhou2022-fig4',
    statement: 'At γ3 = 0.9 (γ2 = 0) the first layer is in the linear regime, S_W1 < 0.',
    quantity: 'S_W1 at γ3 = 0.9, in standard errors',
    measure: (d) => num(d, 's_w1@gamma3=0.9') / num(d, 's_w1_se@gamma3=0.9'),
    paper: null,
    criterion: { kind: 'below', bound: -2, partly: 0, why: 'two standard errors below 0' },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig4-critical',
    page: 'zhou2022',
    figure: 'zhou2022-fig4',
    statement: 'At γ3 = 1.5 (γ2 = 0) RD(W1) is independent of m (critical regime), S_W1 ≈ 0.',
    quantity: 'S_W1 at γ3 = 1.5',
    measure: (d) => num(d, 's_w1@gamma3=1.5'),
    paper: { value: 0, source: 'Fig. 4 (γ3 = 1.5: critical)' },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.1 },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig4-condensed',
    page: 'zhou2022',
    figure: 'zhou2022-fig4',
    statement: 'At γ3 = 2.1 (γ2 = 0) the first layer is in the condensed regime, S_W1 > 0.',
    quantity: 'S_W1 at γ3 = 2.1, in standard errors',
    measure: (d) => num(d, 's_w1@gamma3=2.1') / num(d, 's_w1_se@gamma3=2.1'),
    paper: null,
    criterion: { kind: 'above', bound: 2, partly: 0, why: 'two standard errors above 0' },
    stated: 'reproduced',
  }),
];
