/**
 * Claims of content/zhou2022.mdx about Table 2 (see src/claims/claim.ts): each
 * row's measured S_{W1} and S_{W2} against the paper's, within one standard
 * deviation over seeds (partly: two). Both are means over 8 seeds, so their
 * difference has a standard error of about sd/2: one sd is about two
 * standard errors.
 */
import { type Claim, claimsOf, num } from '../../src/claims/claim.js';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();
type Data = FigureDataOf<(typeof figures)['zhou2022-table2']>;

/** The standard deviation over seeds of row i (1…6), layer w1 or w2. */
function sd(d: Data, i: number, layer: 'w1' | 'w2'): number {
  const rows = d.rows.flatMap((r) => (r.mark === 'row' ? [r] : []));
  const v = rows[i - 1]?.[layer === 'w1' ? 's_w1_std' : 's_w2_std'];
  if (typeof v !== 'number') throw new Error(`row ${i} has no standard deviation of S_${layer}`);
  return v;
}

/** The verdicts the page relies on (paper profile), by row and layer. */
const STATED: Record<'w1' | 'w2', Claim['stated'][]> = {
  w1: ['partly', 'reproduced', 'reproduced', 'partly', 'not', 'not'],
  w2: ['reproduced', 'reproduced', 'reproduced', 'reproduced', 'reproduced', 'partly'],
};

const rowClaims = zhou2022Table2.flatMap((row, k) => {
  const i = k + 1;
  return (['w1', 'w2'] as const).map((layer) =>
    claim({
      id: `zhou2022-table2-row${i}-${layer}`,
      page: 'zhou2022',
      figure: 'zhou2022-table2',
      statement: `Table 2, row ${i} (group ${row.group}, α = m^${row.alpha / 30}): the measured S_W${layer === 'w1' ? '1' : '2'} is the paper's.`,
      quantity: `S_W${layer === 'w1' ? '1' : '2'}, mean over seeds`,
      measure: (d) => num(d, `s_${layer}@row=${i}`),
      paper: { value: layer === 'w1' ? row.sW1 : row.sW2, source: `Table 2, row ${i}` },
      tolerance: { label: 'one sd over seeds', value: (d) => sd(d, i, layer), partlyFactor: 2 },
      criterion: { kind: 'within' },
      stated: STATED[layer][k] ?? 'reproduced',
    }),
  );
});

export const claims = [
  ...rowClaims,
  claim({
    id: 'zhou2022-table2-splittings',
    page: 'zhou2022',
    figure: 'zhou2022-table2',
    statement: 'Networks with the same (γ2, γ3) but different scales have the same growth exponents: the three rows of a group agree.',
    quantity: 'largest np.std of a group’s three mean exponents, over groups and layers',
    measure: (d) => Math.max(...[1, 2].flatMap((g) => ['w1', 'w2'].map((l) => num(d, `group_std_${l}@g=${g}`)))),
    paper: { value: 0.0105, source: 'Table 2, Std column (largest of the four)' },
    criterion: { kind: 'below', bound: 0.03, partly: 0.06, why: 'well below the spread over seeds' },
    stated: 'reproduced',
  }),
];
