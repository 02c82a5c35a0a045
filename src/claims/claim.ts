/**
 * Claims as data: each quantitative statement of a page, declared beside the
 * experiment whose figure data it is about (`experiments/<id>/claims.ts`).
 *
 * A claim names its page and figure, states the sentence's gist, computes the
 * measured quantity from the figure's data (typed by the figure's schemas),
 * gives the paper's value where the paper gives one (with where it says so),
 * and a criterion that turns measured (and reference) into a verdict:
 * reproduced, partly or not. `stated` is the verdict the page's prose relies
 * on: the test on the committed paper-profile data (test/claims/claims.test.ts)
 * fails, naming the claim and the page, when the data no longer give it.
 *
 * Claims are evaluated from stored aggregates only (at build time, or by the
 * test): no run.ts or aggregate.ts imports them, so they enter no cache key.
 * This module is pure (no Astro, no file system).
 */
import type { FigureData, FigureDataOf } from '../pipeline/experiment.js';

export const VERDICTS = ['reproduced', 'partly', 'not'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The pages that carry claims (content/<page>.mdx). */
export const CLAIM_PAGES = ['introduction', 'luo2021', 'chen2023', 'zhou2022', 'chen2024'] as const;
export type ClaimPage = (typeof CLAIM_PAGES)[number];

/** A value the paper (or the lecture) gives, and where. */
export interface PaperValue {
  value: number;
  /** where the paper gives it: "Table 2, row 1", "Theorem 1" */
  source: string;
}

/**
 * How measured becomes a verdict. `reference` is the value the measurement is
 * compared with: the paper's value when the claim has one, else the claim's
 * `reference` (a prediction computed from the same figure data).
 *
 * - within: |measured − reference| ≤ tolerance (relative: ≤ tolerance·|reference|) is reproduced, ≤ partly is partly;
 * - below / above: measured < bound (> bound) is reproduced, < partly (> partly) is partly;
 * - between: lo ≤ measured ≤ hi is reproduced, inside `partly` is partly.
 */
export type Criterion =
  | { kind: 'within'; tolerance?: number; partly?: number; relative?: boolean; why?: string }
  | { kind: 'below'; bound: number; partly?: number; why?: string }
  | { kind: 'above'; bound: number; partly?: number; why?: string }
  | { kind: 'between'; lo: number; hi: number; partly?: [number, number]; why?: string };

/** A declared claim, its figure's data type erased (see `claimsOf` for the typed form). */
export interface Claim {
  /** unique over the site; used by <Verdict claim=…/> and as the table row's anchor */
  id: string;
  page: ClaimPage;
  figure: string;
  /** the sentence's gist, as the page states it */
  statement: string;
  /** what `measure` computes, in words (with its symbol) */
  quantity: string;
  measure: (data: FigureData) => number;
  /** the paper's value, or null where the paper gives none */
  paper: PaperValue | null;
  /** without a paper value: the value compared with, from the same data, and what it is */
  reference?: { label: string; value: (data: FigureData) => number };
  /** with `within`, a tolerance computed from the data instead of the fixed one (e.g. the spread over seeds) */
  tolerance?: { label: string; value: (data: FigureData) => number; partlyFactor: number };
  criterion: Criterion;
  /** the verdict that the page's prose relies on (on the paper profile) */
  stated: Verdict;
}

/** The typed form of a claim about figure `K` of an experiment's `figures`. */
export interface ClaimSpec<Figures, K extends keyof Figures> extends Omit<Claim, 'figure' | 'measure' | 'reference' | 'tolerance'> {
  figure: K;
  measure: (data: FigureDataOf<Figures[K]>) => number;
  reference?: { label: string; value: (data: FigureDataOf<Figures[K]>) => number };
  tolerance?: { label: string; value: (data: FigureDataOf<Figures[K]>) => number; partlyFactor: number };
}

/**
 * The claim builder of an experiment: `const claim = claimsOf<typeof figures>()`
 * (a type-only import of the experiment's figures), then `claim({ figure: …,
 * measure: (data) => … })` with `data` typed by that figure's schemas.
 */
export function claimsOf<Figures>() {
  return <K extends keyof Figures & string>(spec: ClaimSpec<Figures, K>): Claim => spec as unknown as Claim;
}

/** A numeric value of a figure's `values`; throws naming it when absent or not a number. */
export function num(data: { values?: Record<string, unknown> }, name: string): number {
  const v = data.values?.[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`value "${name}" is ${v === undefined ? 'missing' : JSON.stringify(v)}`);
  return v;
}

/** The outcome of a claim on one build's data. */
export interface Evaluation {
  claim: Claim;
  /** null when the figure has no data in this build or the quantity cannot be computed (see `error`) */
  measured: number | null;
  /** the value compared with (paper or reference), when the criterion uses one */
  compared: number | null;
  /** the tolerance used by a `within` criterion */
  tolerance: number | null;
  verdict: Verdict;
  /** the criterion in words, with its numbers */
  criterion: string;
  error?: string;
}

function grade(ok: boolean, partly: boolean): Verdict {
  return ok ? 'reproduced' : partly ? 'partly' : 'not';
}

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6 ? v.toExponential(2) : String(Number(v.toPrecision(3))));

/**
 * Evaluate a claim on a figure's data (undefined: the build has none). Never
 * throws: a quantity that cannot be computed gives measured = null and the
 * verdict "not", with the reason in `error`.
 */
export function evaluateClaim(claim: Claim, data: FigureData | undefined): Evaluation {
  const c = claim.criterion;
  let measured: number | null = null;
  let compared: number | null = null;
  let tolerance: number | null = null;
  let error: string | undefined;
  try {
    if (!data) throw new Error(`figure "${claim.figure}" has no data in this build`);
    measured = claim.measure(data);
    if (!Number.isFinite(measured)) throw new Error(`the quantity is ${measured}`);
    if (c.kind === 'within') {
      compared = claim.paper ? claim.paper.value : claim.reference ? claim.reference.value(data) : null;
      if (compared === null || !Number.isFinite(compared)) throw new Error('a "within" criterion needs a paper value or a reference');
      tolerance = claim.tolerance ? claim.tolerance.value(data) : (c.tolerance ?? null);
      if (tolerance === null || !Number.isFinite(tolerance)) throw new Error('a "within" criterion needs a tolerance');
    } else if (claim.paper) compared = claim.paper.value;
    else if (claim.reference) compared = claim.reference.value(data);
  } catch (e) {
    measured = null;
    error = (e as Error).message;
  }
  const text = describe(claim, tolerance);
  if (measured === null) return { claim, measured, compared, tolerance, verdict: 'not', criterion: text, error };
  const m = measured;
  let verdict: Verdict;
  switch (c.kind) {
    case 'within': {
      const scale = c.relative ? Math.abs(compared as number) : 1;
      const d = Math.abs(m - (compared as number));
      const tol = tolerance as number;
      const partly = claim.tolerance ? tol * claim.tolerance.partlyFactor : (c.partly ?? tol);
      verdict = grade(d <= tol * scale, d <= partly * scale);
      break;
    }
    case 'below':
      verdict = grade(m < c.bound, c.partly !== undefined && m < c.partly);
      break;
    case 'above':
      verdict = grade(m > c.bound, c.partly !== undefined && m > c.partly);
      break;
    case 'between':
      verdict = grade(m >= c.lo && m <= c.hi, c.partly !== undefined && m >= c.partly[0] && m <= c.partly[1]);
      break;
  }
  return { claim, measured, compared, tolerance, verdict, criterion: text };
}

/** The criterion in words: "within 0.1 of the paper's value (partly: 0.2)". */
export function describe(claim: Claim, tolerance: number | null): string {
  const c = claim.criterion;
  const why = c.why ? `; ${c.why}` : '';
  switch (c.kind) {
    case 'within': {
      const of = claim.paper ? "the paper's value" : (claim.reference?.label ?? 'the reference');
      if (claim.tolerance) {
        const t = tolerance === null ? claim.tolerance.label : `${fmt(tolerance)}, ${claim.tolerance.label}`;
        return `within ${t} of ${of} (partly: ${claim.tolerance.partlyFactor}×)${why}`;
      }
      const unit = c.relative ? ' relative' : '';
      const pct = (v: number) => (c.relative ? `${fmt(v * 100)} %` : fmt(v));
      const partly = c.partly !== undefined ? ` (partly: ${pct(c.partly)})` : '';
      return `within ${pct(c.tolerance ?? Number.NaN)}${unit} of ${of}${partly}${why}`;
    }
    case 'below':
      return `< ${fmt(c.bound)}${c.partly !== undefined ? ` (partly: < ${fmt(c.partly)})` : ''}${why}`;
    case 'above':
      return `> ${fmt(c.bound)}${c.partly !== undefined ? ` (partly: > ${fmt(c.partly)})` : ''}${why}`;
    case 'between':
      return `${c.lo === c.hi ? `= ${fmt(c.lo)}` : `in [${fmt(c.lo)}, ${fmt(c.hi)}]`}${c.partly ? ` (partly: in [${fmt(c.partly[0])}, ${fmt(c.partly[1])}])` : ''}${why}`;
  }
}

/** A number as the claims tables print it. */
export const formatNumber = fmt;

/** The verdict as a word of prose. */
export const VERDICT_WORDS: Record<Verdict, string> = { reproduced: 'reproduced', partly: 'partly reproduced', not: 'not reproduced' };

/**
 * Check a list of claims: unique ids, known pages, criteria that make sense.
 * Returns the problems, one line each (empty when none).
 */
export function claimProblems(claims: readonly Claim[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) problems.push(`claim "${c.id}" is declared twice`);
    seen.add(c.id);
    if (!(CLAIM_PAGES as readonly string[]).includes(c.page)) problems.push(`claim "${c.id}": unknown page "${c.page}"`);
    if (!VERDICTS.includes(c.stated)) problems.push(`claim "${c.id}": stated verdict "${c.stated}" is not one of ${VERDICTS.join(', ')}`);
    if (c.criterion.kind === 'within' && !c.paper && !c.reference) problems.push(`claim "${c.id}": a "within" criterion needs a paper value or a reference`);
    if (c.criterion.kind === 'within' && c.criterion.tolerance === undefined && !c.tolerance)
      problems.push(`claim "${c.id}": a "within" criterion needs a tolerance`);
  }
  return problems;
}
