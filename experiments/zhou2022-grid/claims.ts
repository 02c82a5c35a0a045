/** Claims of content/zhou2022.mdx about the grid's figures (Figs. 2 and 5; see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { figures } from './figures.js';

const claim = claimsOf<typeof figures>();
type Fig5 = FigureDataOf<(typeof figures)['zhou2022-fig5']>;

/** The zero crossings of a panel of Fig. 5, sorted by γ2. */
function stars(d: Fig5, panel: 'a' | 'b' | 'c'): { gamma2: number; gamma3: number }[] {
  return d.rows.flatMap((r) => (r.mark === 'star' && r.panel === panel ? [{ gamma2: r.gamma2, gamma3: r.gamma3 }] : [])).sort((p, q) => p.gamma2 - q.gamma2);
}

/** The crossing γ3 of panel (c) at γ2, interpolated linearly between its neighbours along γ2. */
function starCAt(d: Fig5, gamma2: number): number {
  const s = stars(d, 'c');
  for (let i = 1; i < s.length; i++) {
    const [p, q] = [s[i - 1]!, s[i]!];
    if (p.gamma2 <= gamma2 && gamma2 <= q.gamma2) return p.gamma3 + ((gamma2 - p.gamma2) / (q.gamma2 - p.gamma2)) * (q.gamma3 - p.gamma3);
  }
  throw new Error(`no crossings of S_W2 on both sides of γ2 = ${gamma2}`);
}

export const claims = [
  claim({
    id: 'zhou2022-fig2-linear',
    page: 'zhou2022',
    figure: 'zhou2022-fig2',
    statement: 'At γ3 = 1 (γ2 = 0) the rows of W1 end where they started.',
    quantity: 'RD(W1) at γ3 = 1',
    measure: (d) => num(d, 'rd_w1@gamma3=1'),
    paper: null,
    criterion: { kind: 'below', bound: 0.05, partly: 0.2 },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig2-condensed',
    page: 'zhou2022',
    figure: 'zhou2022-fig2',
    statement: 'At γ3 = 2 (γ2 = 0) the rows of W1 travel far and the large ones line up along a few orientations.',
    quantity: 'orientations of the large rows at γ3 = 2 (RD(W1) > 1 required)',
    measure: (d) => (num(d, 'rd_w1@gamma3=2') > 1 ? num(d, 'orientations@gamma3=2') : Number.NaN),
    paper: null,
    criterion: { kind: 'between', lo: 1, hi: 4, partly: [1, 6] },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig5-xavier',
    page: 'zhou2022',
    figure: 'zhou2022-fig5',
    statement: 'At γ2 = 0 the first layer changes regime next to the Xavier point γ3 = 1.5, which the paper’s Fig. 2 shows as intermediate.',
    quantity: 'crossing γ3 of S_W1 at γ2 = 0',
    measure: (d) => {
      const s = stars(d, 'a').find((p) => Math.abs(p.gamma2) < 1e-9);
      if (!s) throw new Error('no crossing of S_W1 at γ2 = 0');
      return s.gamma3;
    },
    paper: { value: 1.5, source: 'Fig. 2 (Xavier, γ3 = 1.5: intermediate)' },
    criterion: { kind: 'within', tolerance: 0.25, partly: 0.5, why: 'half the grid step of 0.5 in γ3' },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig5-w1-moves',
    page: 'zhou2022',
    figure: 'zhou2022-fig5',
    statement: 'The first layer’s crossing moves to larger γ3 as γ2 grows.',
    quantity: 'least-squares slope of the S_W1 crossing γ3 against γ2',
    measure: (d) => {
      const s = stars(d, 'a');
      if (s.length < 2) throw new Error('fewer than two crossings of S_W1');
      const mx = s.reduce((a, p) => a + p.gamma2, 0) / s.length;
      const my = s.reduce((a, p) => a + p.gamma3, 0) / s.length;
      return s.reduce((a, p) => a + (p.gamma2 - mx) * (p.gamma3 - my), 0) / s.reduce((a, p) => a + (p.gamma2 - mx) ** 2, 0);
    },
    paper: null,
    criterion: { kind: 'above', bound: 0.5, partly: 0 },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-fig5-w2-group2',
    page: 'zhou2022',
    figure: 'zhou2022-fig5',
    statement: 'The second layer changes regime close to the paper’s group-2 point (γ2, γ3) = (0.7, 2.5), where it reports S_W2 ≈ 0.02.',
    quantity: 'crossing γ3 of S_W2 at γ2 = 0.7 (interpolated along γ2)',
    measure: (d) => starCAt(d, 0.7),
    paper: { value: 2.5, source: 'Table 2, group 2' },
    criterion: { kind: 'within', tolerance: 0.125, partly: 0.25, why: 'half the grid step of 0.25 in γ3' },
    stated: 'reproduced',
  }),
];
