/**
 * Claims evaluated on this build's figure data (the `figures` collection):
 * the verdict shown is the one the built data give, whatever the profile; the
 * test on the committed paper-profile data (test/claims/claims.test.ts) is
 * what enforces the page's stated verdicts.
 */
import { getEntry } from 'astro:content';
import { type Claim, type Evaluation, evaluateClaim } from '../claims/claim';
import type { FigureData } from '../pipeline/experiment';
import { builtFigures } from './figures';

export async function evaluate(claim: Claim): Promise<Evaluation> {
  const entry = await getEntry('figures', claim.figure);
  const data: FigureData | undefined = entry?.data.ok ? entry.data.data : undefined;
  return evaluateClaim(claim, data);
}

/** The profile of this build's figures (null when it has none). */
export async function buildProfile(): Promise<string | null> {
  return (await builtFigures())[0]?.build.profile ?? null;
}
