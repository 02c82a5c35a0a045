/**
 * Every declared claim of the site, in page order (src/claims/claim.ts). Each
 * experiments/<id>/claims.ts is listed here (test/claims/claims.test.ts checks
 * that none is missing). Nothing in a run or an aggregate imports this file.
 */
import type { Claim, ClaimPage } from './claim.js';
import { claims as chen2023Condensation } from '../../experiments/chen2023-condensation/claims.js';
import { claims as chen2023Phase } from '../../experiments/chen2023-phase/claims.js';
import { claims as chen2023Stage } from '../../experiments/chen2023-stage/claims.js';
import { claims as chen2024Blowup } from '../../experiments/chen2024-blowup/claims.js';
import { claims as chen2024Condensation } from '../../experiments/chen2024-condensation/claims.js';
import { claims as chen2024Fig3 } from '../../experiments/chen2024-fig3/claims.js';
import { claims as introductionCnn } from '../../experiments/introduction-cnn/claims.js';
import { claims as introductionDemo } from '../../experiments/introduction-demo/claims.js';
import { claims as introductionRegimes } from '../../experiments/introduction-regimes/claims.js';
import { claims as luo2021Fig2 } from '../../experiments/luo2021-fig2/claims.js';
import { claims as luo2021Fig3 } from '../../experiments/luo2021-fig3/claims.js';
import { claims as luo2021Fig4 } from '../../experiments/luo2021-fig4/claims.js';
import { claims as luo2021Fig4Probe } from '../../experiments/luo2021-fig4-probe/claims.js';
import { claims as luo2021LrRule } from '../../experiments/luo2021-lr-rule/claims.js';
import { claims as luo2021Fig5 } from '../../experiments/luo2021-fig5/claims.js';
import { claims as zhou2022Fig3 } from '../../experiments/zhou2022-fig3/claims.js';
import { claims as zhou2022Fig4 } from '../../experiments/zhou2022-fig4/claims.js';
import { claims as zhou2022Fig6 } from '../../experiments/zhou2022-fig6/claims.js';
import { claims as zhou2022Grid } from '../../experiments/zhou2022-grid/claims.js';
import { claims as zhou2022Table2Variants } from '../../experiments/zhou2022-table2-variants/claims.js';
import { claims as zhou2022Table2 } from '../../experiments/zhou2022-table2/claims.js';

/** The files that declare claims, relative to the project root. */
export const CLAIM_FILES = [
  'experiments/chen2023-condensation/claims.ts',
  'experiments/chen2023-phase/claims.ts',
  'experiments/chen2023-stage/claims.ts',
  'experiments/chen2024-blowup/claims.ts',
  'experiments/chen2024-condensation/claims.ts',
  'experiments/chen2024-fig3/claims.ts',
  'experiments/introduction-cnn/claims.ts',
  'experiments/introduction-demo/claims.ts',
  'experiments/introduction-regimes/claims.ts',
  'experiments/luo2021-fig2/claims.ts',
  'experiments/luo2021-fig3/claims.ts',
  'experiments/luo2021-fig4/claims.ts',
  'experiments/luo2021-fig4-probe/claims.ts',
  'experiments/luo2021-lr-rule/claims.ts',
  'experiments/luo2021-fig5/claims.ts',
  'experiments/zhou2022-fig3/claims.ts',
  'experiments/zhou2022-fig4/claims.ts',
  'experiments/zhou2022-fig6/claims.ts',
  'experiments/zhou2022-grid/claims.ts',
  'experiments/zhou2022-table2-variants/claims.ts',
  'experiments/zhou2022-table2/claims.ts',
];

const PAGE_ORDER: ClaimPage[] = ['introduction', 'luo2021', 'chen2023', 'zhou2022', 'chen2024'];

export const CLAIMS: readonly Claim[] = [
  ...chen2023Condensation,
  ...chen2023Phase,
  ...chen2023Stage,
  ...chen2024Blowup,
  ...chen2024Condensation,
  ...chen2024Fig3,
  ...introductionCnn,
  ...introductionDemo,
  ...introductionRegimes,
  ...luo2021Fig2,
  ...luo2021Fig3,
  ...luo2021Fig4,
  ...luo2021Fig4Probe,
  ...luo2021LrRule,
  ...luo2021Fig5,
  ...zhou2022Fig3,
  ...zhou2022Fig4,
  ...zhou2022Fig6,
  ...zhou2022Grid,
  ...zhou2022Table2Variants,
  ...zhou2022Table2,
].sort((a, b) => PAGE_ORDER.indexOf(a.page) - PAGE_ORDER.indexOf(b.page));

/** The claims of a page, in declaration order. */
export function claimsOfPage(page: string): Claim[] {
  return CLAIMS.filter((c) => c.page === page);
}

/** A claim by id; throws naming it when no experiment declares it. */
export function claimById(id: string): Claim {
  const claim = CLAIMS.find((c) => c.id === id);
  if (!claim) throw new Error(`claim "${id}" is declared in no experiments/*/claims.ts (see src/claims/index.ts)`);
  return claim;
}
