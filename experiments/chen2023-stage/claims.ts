/** Claims of content/chen2023.mdx about the length of the initial stage (see src/claims/claim.ts). */
import { type ClaimSpec, claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

const slope = (s: string, stated: ClaimSpec<typeof figures, 'chen2023-stage'>['stated'], statement: string) =>
  claim({
    id: `chen2023-stage-slope-${s.replace('.', '_')}`,
    page: 'chen2023',
    figure: 'chen2023-stage',
    statement,
    quantity: `slope of τ* against log m at s = ${s}`,
    measure: (d) => num(d, `slope@${s}`),
    paper: null,
    reference: { label: 'the heuristic slope (2s − 1)/(2|z|)', value: (d) => num(d, `predicted@${s}`) },
    criterion: { kind: 'within', tolerance: 0.1, partly: 0.25, relative: true },
    stated,
  });

export const claims = [
  slope('1', 'reproduced', 'At β = m⁻¹ the plateau grows with log m at the heuristic slope.'),
  slope('1.5', 'reproduced', 'At β = m⁻¹·⁵ the plateau grows with log m at the heuristic slope.'),
  slope('0.75', 'not', 'At β = m⁻⁰·⁷⁵ the linearised picture does not yet apply: the slope differs from the heuristic one.'),
];
