/** Claims of content/chen2024.mdx about deep matrix factorisation (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'chen2024-fig3-incremental',
    page: 'chen2024',
    figure: 'chen2024-fig3',
    statement: 'The singular values of the target are picked up one at a time, in order of size.',
    quantity: 'fraction of the target’s rank whose singular values jump, each after the larger ones',
    measure: (d) => {
      const jumps = d.rows.flatMap((r) => (r.mark === 'jump' ? [r] : [])).sort((a, b) => a.k - b.k);
      const rank = num(d, 'rank');
      let inOrder = 0;
      // the k-th largest jumps, k = 1, 2, …, each later than the one before
      for (const [i, j] of jumps.entries()) {
        if (j.k !== i + 1 || (i > 0 && j.step <= jumps[i - 1]!.step)) break;
        inOrder++;
      }
      return inOrder / rank;
    },
    paper: null,
    criterion: { kind: 'between', lo: 1, hi: 1, partly: [0.5, 1] },
    stated: 'reproduced',
  }),
];
