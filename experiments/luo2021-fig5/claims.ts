/** Claims of content/luo2021.mdx about Fig. 5 (see src/claims/claim.ts). */
import { claimsOf } from '../../src/claims/claim.js';
import { crossingAtZero, maxBoundaryError } from '../shared/heatmapClaims.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'luo2021-fig5-boundary',
    page: 'luo2021',
    figure: 'luo2021-fig5',
    statement: 'The measured sign changes of S_w lie on the theoretical boundary (MNIST, widths up to 2000).',
    quantity: 'largest |γ* − γ_boundary(γ′)| over the crossings',
    measure: maxBoundaryError,
    paper: { value: 0, source: 'boundary γ = 1 (γ′ ≤ 0), γ′ = γ − 1 (γ′ > 0): Theorems 6 and 8' },
    criterion: { kind: 'within', tolerance: 0.1, partly: 0.2, why: 'the grid is about 0.1 wide near the boundary' },
    stated: 'partly',
  }),
  claim({
    id: 'luo2021-fig5-gamma-prime-0',
    page: 'luo2021',
    figure: 'luo2021-fig5',
    statement: 'At γ′ = 0 S_w changes sign at γ = 1 (MNIST, widths up to 2000).',
    quantity: 'crossing γ* at γ′ = 0',
    measure: crossingAtZero,
    paper: { value: 1, source: 'Theorems 6 and 8' },
    criterion: { kind: 'within', tolerance: 0.05, partly: 0.1 },
    stated: 'reproduced',
  }),
];
