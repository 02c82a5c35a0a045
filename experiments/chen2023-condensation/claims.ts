/** Claims of content/chen2023.mdx about the orientations at the end of the plateau (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();
const MULTIPLICITY_ONE = ['tanh', 'sigmoid0', 'softplus0'];

export const claims = [
  claim({
    id: 'chen2023-multiplicity-one',
    page: 'chen2023',
    figure: 'chen2023-condensation',
    statement: 'With each activation of multiplicity one, the large neurons gather on one line (the two orientations of ±z).',
    quantity: 'largest number of condensed lines over tanh, shifted sigmoid and shifted softplus',
    measure: (d) => Math.max(...MULTIPLICITY_ONE.map((a) => num(d, `lines@${a}`))),
    paper: { value: 1, source: 'at most 2p = 2 orientations, one line (Zhou et al. 2022, the bound the paper builds on)' },
    criterion: { kind: 'within', tolerance: 0 },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2023-tanh-alignment',
    page: 'chen2023',
    figure: 'chen2023-condensation',
    statement: 'With tanh the large neurons align with ±z.',
    quantity: 'mean |cos(w_k, z)| weighted by amplitude, tanh',
    measure: (d) => num(d, 'alignment@tanh'),
    paper: null,
    criterion: { kind: 'above', bound: 0.95, partly: 0.8, why: 'random directions in the plane give 2/π ≈ 0.64' },
    stated: 'reproduced',
  }),
  claim({
    id: 'chen2023-multiplicity-two',
    page: 'chen2023',
    figure: 'chen2023-condensation',
    statement: 'With x tanh x (multiplicity two) the neurons reach the bound of 2p = 4 orientations.',
    quantity: 'condensed orientations, x tanh x',
    measure: (d) => num(d, 'orientations@xtanh'),
    paper: { value: 4, source: 'bound 2p for multiplicity p = 2 (Zhou et al. 2022)' },
    criterion: { kind: 'within', tolerance: 0, partly: 2 },
    stated: 'reproduced',
  }),
];
