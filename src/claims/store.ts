/**
 * Evaluate claims on the figure data of a build (the manifest written by
 * `npm run experiments` and the aggregates it names), outside Astro: for the
 * test on the committed paper-profile data. Reads only.
 */
import type { FigureData } from '../pipeline/experiment.js';
import { readManifest } from '../pipeline/manifest.js';
import { loadFigure } from '../pipeline/manifest.js';
import { type Claim, type Evaluation, evaluateClaim } from './claim.js';

/** Every claim evaluated on the build under `root`, with the build's profile. */
export function evaluateBuild(root: string, claims: readonly Claim[]): { profile: string; evaluations: Evaluation[] } {
  const manifest = readManifest(root);
  const cache = new Map<string, FigureData | undefined>();
  const data = (figure: string): FigureData | undefined => {
    if (!cache.has(figure)) {
      let d: FigureData | undefined;
      try {
        d = manifest.figures[figure] ? loadFigure(root, figure, 'claims').data : undefined;
      } catch {
        d = undefined;
      }
      cache.set(figure, d);
    }
    return cache.get(figure);
  };
  return { profile: manifest.profile, evaluations: claims.map((c) => evaluateClaim(c, data(c.figure))) };
}

/**
 * The claims whose verdict differs from the one the page's prose states, one
 * line each, naming the claim, its page and what was measured.
 */
export function failures(evaluations: readonly Evaluation[]): string[] {
  return evaluations
    .filter((e) => e.verdict !== e.claim.stated)
    .map(
      (e) =>
        `claim "${e.claim.id}" of page content/${e.claim.page}.mdx ("${e.claim.statement}"): ${e.verdict}, the page states ${e.claim.stated} ` +
        `(measured ${e.measured ?? `nothing: ${e.error}`}${e.compared === null ? '' : `, compared with ${e.compared}`}; criterion ${e.criterion})`,
    );
}
