/** Claims of content/chen2024.mdx about the exit times and the alignment at the exit (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'chen2024-blowup-slope',
    page: 'chen2024',
    figure: 'chen2024-blowup',
    statement: 'Three-layer exit times grow like 1/ε (finite-time blow-up, T* ∝ 1/ε).',
    quantity: 'slope of log t against log(1/ε), three layers',
    measure: (d) => num(d, 'three_slope'),
    paper: { value: 1, source: 'Theorem 1 (blow-up), T* ∝ 1/ε' },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.15 },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2024-blowup-effective',
    page: 'chen2024',
    figure: 'chen2024-blowup',
    statement: 'Every three-layer run leaves its plateau close to the blow-up time of its effective model.',
    quantity: 'largest |t/T* − 1| over the three-layer runs',
    measure: (d) => Math.max(1 - num(d, 'three_ratio_min'), num(d, 'three_ratio_max') - 1),
    paper: null,
    criterion: { kind: 'below', bound: 0.15, partly: 0.3 },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2024-blowup-two-layers',
    page: 'chen2024',
    figure: 'chen2024-blowup',
    statement: 'Two-layer exit times grow only like log(1/ε), at the rate 1/|z| of the linear model.',
    quantity: 'slope of t against log(1/ε), two layers',
    measure: (d) => num(d, 'two_log_slope'),
    paper: null,
    reference: { label: '1/|z| (linear effective model)', value: (d) => num(d, 'inv_z') },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.15, relative: true },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2024-alignment-small-eps',
    page: 'chen2024',
    figure: 'chen2024-alignment',
    statement: 'At small ε every run, of two or three layers, has all its large-norm first-layer rows aligned with ±z when it leaves the plateau.',
    quantity: 'smallest fraction of aligned large-norm rows over the runs at ε ≤ 10⁻³, two and three layers',
    measure: (d) => Math.min(num(d, 'three_frac_min_small'), num(d, 'two_frac_min_small')),
    paper: null,
    criterion: { kind: 'above', bound: 0.99, partly: 0.8 },
    stated: 'reproduced',
  }),
];
