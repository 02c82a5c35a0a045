/** Claims of content/zhou2022.mdx about the MNIST phase diagram (the paper's Fig. 6; see src/claims/claim.ts). */
import { claimsOf } from '../../src/claims/claim.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();
type Fig6 = FigureDataOf<(typeof figures)['zhou2022-fig6']>;

/** The zero crossings of S_W1 (panel a, interpolated along γ3), sorted by γ2. */
function starsA(d: Fig6): { gamma2: number; gamma3: number }[] {
  return d.rows.flatMap((r) => (r.mark === 'star' && r.panel === 'a' ? [{ gamma2: r.gamma2, gamma3: r.gamma3 }] : [])).sort((p, q) => p.gamma2 - q.gamma2);
}

export const claims = [
  claim({
    id: 'zhou2022-fig6-w1-gamma2-0',
    page: 'zhou2022',
    figure: 'zhou2022-fig6',
    statement:
      'On MNIST, at γ2 = 0, the first layer changes regime between γ3 = 1 and γ3 = 2, as on the 4-point data (Xavier, γ3 = 1.5, intermediate in the paper’s Fig. 2).',
    quantity: 'crossing γ3 of S_W1 at γ2 = 0',
    measure: (d) => {
      const s = starsA(d).find((p) => Math.abs(p.gamma2) < 1e-9);
      if (!s) throw new Error('no crossing of S_W1 at γ2 = 0');
      return s.gamma3;
    },
    paper: { value: 1.5, source: 'Fig. 2 (Xavier, γ3 = 1.5: intermediate)' },
    criterion: { kind: 'within', tolerance: 0.5, partly: 1, why: 'half the grid step of 1 in γ3' },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig6-w1-moves',
    page: 'zhou2022',
    figure: 'zhou2022-fig6',
    statement: 'On MNIST, as on the 4-point data, the first layer’s crossing moves to larger γ3 as γ2 grows.',
    quantity: 'least-squares slope of the S_W1 crossing γ3 against γ2',
    measure: (d) => {
      const s = starsA(d);
      if (s.length < 2) throw new Error('fewer than two crossings of S_W1');
      const mx = s.reduce((a, p) => a + p.gamma2, 0) / s.length;
      const my = s.reduce((a, p) => a + p.gamma3, 0) / s.length;
      return s.reduce((a, p) => a + (p.gamma2 - mx) * (p.gamma3 - my), 0) / s.reduce((a, p) => a + (p.gamma2 - mx) ** 2, 0);
    },
    paper: null,
    criterion: { kind: 'above', bound: 0.5, partly: 0 },
    stated: 'reproduced',
  }),
];
