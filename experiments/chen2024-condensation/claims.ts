/** Claims of content/chen2024.mdx about Figs. 1, 2 and the conservation laws (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'chen2024-fig1-exit',
    page: 'chen2024',
    figure: 'chen2024-fig1',
    statement: 'The width-200 network leaves its plateau close to the blow-up time T* of its effective model.',
    quantity: 'iteration at which the loss leaves the plateau',
    measure: (d) => num(d, 'exit_step'),
    paper: null,
    reference: { label: 'T*/lr, the effective model’s blow-up', value: (d) => num(d, 't_star_steps') },
    criterion: { kind: 'within', tolerance: 0.02, partly: 0.1, relative: true },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2024-fig1-retrain',
    page: 'chen2024',
    figure: 'chen2024-fig1',
    statement: 'The effective model fails at the same gradient-flow time for a ten times smaller learning rate.',
    quantity: 'failure time t of the retrained run (lr = 5 × 10⁻⁴)',
    measure: (d) => num(d, 'retrain_fail_t'),
    paper: null,
    reference: { label: 'the failure time of the first run (lr = 5 × 10⁻³)', value: (d) => num(d, 'fail_t') },
    criterion: { kind: 'within', tolerance: 0.01, partly: 0.05, relative: true },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2024-fig2-homogeneity',
    page: 'chen2024',
    figure: 'chen2024-fig2',
    statement: 'The largest violation of condition 1 shrinks with α as the degree-3 homogeneity of the effective model predicts.',
    quantity: 'slope of log₁₀ of the largest violation against α',
    measure: (d) => num(d, 's_slope'),
    paper: null,
    reference: { label: '−3 log₁₀ 200 (homogeneity)', value: (d) => num(d, 's_slope_predicted') },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.15, relative: true },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2024-conservation',
    page: 'chen2024',
    figure: 'chen2024-conservation',
    statement: 'Along the effective model the two conservation laws hold (to the integrator’s tolerance).',
    quantity: 'largest relative drift of the conserved quantities, effective model',
    measure: (d) => num(d, 'eff_max'),
    paper: { value: 0, source: 'Proposition 1 (conservation laws)' },
    criterion: { kind: 'within', tolerance: 1e-10, partly: 1e-6 },
    stated: 'reproduced',
  }),
];
