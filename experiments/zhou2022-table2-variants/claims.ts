/** Claims of content/zhou2022.mdx about the Table 2 variants (see src/claims/claim.ts). */
import { claimsOf, num } from '../../src/claims/claim.js';
import type { figures } from './experiment.js';

const claim = claimsOf<typeof figures>();

export const claims = [
  claim({
    id: 'zhou2022-variants-step-size',
    page: 'zhou2022',
    figure: 'zhou2022-table2-variants',
    statement: 'At these step sizes gradient descent follows the gradient flow: an eight times smaller step leaves S_W1 of row 5 unchanged.',
    quantity: 'S_W1 of row 5 at lr₀ = 1/8 (this site’s data, with biases)',
    measure: (d) => num(d, 's_w1@row=5,data=luo2021,lr0=0.125,biases=with'),
    paper: null,
    reference: { label: 'S_W1 at lr₀ = 1', value: (d) => num(d, 's_w1@row=5,data=luo2021,lr0=1,biases=with') },
    criterion: { kind: 'within', tolerance: 0.01, partly: 0.03 },
    stated: 'reproduced',
  }),
  claim({
    id: 'zhou2022-variants-w2',
    page: 'zhou2022',
    figure: 'zhou2022-table2-variants',
    statement: 'S_W2 of row 5 stays small and positive in every variant, as in the paper.',
    quantity: 'smallest S_W2 of row 5 over the variants (data, step size, biases)',
    measure: (d) => Math.min(...d.rows.flatMap((r) => (r.mark === 'variant' && r.table_row === 5 && r.s_w2 !== null ? [r.s_w2] : []))),
    paper: { value: 0.0263, source: 'Table 2, row 5' },
    criterion: { kind: 'between', lo: 0, hi: 0.1, partly: [-0.02, 0.2] },
    stated: 'reproduced',
  }),
];
