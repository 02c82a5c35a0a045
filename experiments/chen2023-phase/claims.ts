/** Claims of content/chen2023.mdx about the region of initial condensation (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'chen2023-phase-region',
    page: 'chen2023',
    figure: 'chen2023-phase',
    statement: 'Inside the heuristic region γ′ < γ − 1, γ + γ′ > 1 the neurons align with ±z; outside it, less.',
    quantity: 'mean alignment inside the region minus outside it',
    measure: (d) => num(d, 'mean_inside') - num(d, 'mean_outside'),
    paper: null,
    criterion: { kind: 'above', bound: 0.1, partly: 0, why: 'full alignment 1, random directions 2/π ≈ 0.64' },
    stated: 'reproduced',
  }),
];
