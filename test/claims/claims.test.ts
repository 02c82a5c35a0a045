/**
 * Claims as data (src/claims/): every claim of every page evaluated on the
 * committed paper-profile data, which must give the verdict the page states;
 * a changed result that falsifies a page's sentence fails here, naming the
 * claim and the page. The data are read through `npm run experiments --
 * --frozen` on a copy of the project (nothing is written into this working
 * tree); the tampering happens in that copy.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Claim, CLAIM_PAGES, claimProblems, evaluateClaim, VERDICTS } from '../../src/claims/claim.js';
import { CLAIM_FILES, CLAIMS, claimsOfPage } from '../../src/claims/index.js';
import { evaluateBuild, failures } from '../../src/claims/store.js';
import type { FigureData } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { loadExperiments } from '../../src/pipeline/registry.js';
import { ProjectCopy, repoRoot } from '../helpers/fixture.js';

const page = (p: string) => readFileSync(path.join(repoRoot, 'content', `${p}.mdx`), 'utf8');

describe('the declared claims', () => {
  it('are well formed, every claims.ts is listed, and every figure they read is provided by an experiment', async () => {
    expect(claimProblems(CLAIMS)).toEqual([]);
    const files = readdirSync(path.join(repoRoot, 'experiments'))
      .filter((id) => existsSync(path.join(repoRoot, 'experiments', id, 'claims.ts')))
      .map((id) => `experiments/${id}/claims.ts`);
    expect([...CLAIM_FILES].sort()).toEqual(files.sort());
    const figures = new Set((await loadExperiments(repoRoot)).flatMap((e) => Object.keys(e.def.figures)));
    for (const c of CLAIMS) expect(figures.has(c.figure), `claim ${c.id}: figure ${c.figure}`).toBe(true);
  });

  it('are imported by no run.ts or aggregate.ts (they enter no cache key)', () => {
    for (const id of readdirSync(path.join(repoRoot, 'experiments'))) {
      for (const file of ['run.ts', 'aggregate.ts', 'experiment.ts']) {
        const full = path.join(repoRoot, 'experiments', id, file);
        if (existsSync(full)) expect(readFileSync(full, 'utf8'), `experiments/${id}/${file}`).not.toMatch(/claims(\.js)?['"]/);
      }
    }
  });

  it('every page has its paper-vs-measured table, and every <Verdict> names a claim of its own page', () => {
    for (const p of CLAIM_PAGES) {
      const source = page(p);
      expect(claimsOfPage(p).length, `claims of ${p}`).toBeGreaterThan(0);
      expect(source, `content/${p}.mdx`).toContain(`<Claims page="${p}" />`);
      for (const [tag] of source.matchAll(/<Verdict\b[^>]*\/>/g)) {
        const attributes = Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        const claim = CLAIMS.find((c) => c.id === attributes.claim);
        expect(claim, `content/${p}.mdx: ${tag}`).toBeDefined();
        expect(claim?.page, `content/${p}.mdx: ${tag}`).toBe(p);
        for (const name of Object.keys(attributes)) expect(['claim', ...VERDICTS], `content/${p}.mdx: ${tag}`).toContain(name);
        // attribute text is not Markdown: no math there
        expect(tag, `content/${p}.mdx: ${tag}`).not.toContain('$');
      }
    }
  });
});

describe('evaluation', () => {
  const claim = (criterion: Claim['criterion'], extra: Partial<Claim> = {}): Claim => ({
    id: 'x',
    page: 'luo2021',
    figure: 'f',
    statement: 's',
    quantity: 'q',
    measure: (d) => d.values?.v as number,
    paper: null,
    criterion,
    stated: 'reproduced',
    ...extra,
  });
  const data = (v: unknown): FigureData => ({ rows: [], values: { v } as Record<string, number> });

  it('grades each criterion', () => {
    const paper = { value: 1, source: 'Theorem' };
    const within = claim({ kind: 'within', tolerance: 0.1, partly: 0.2 }, { paper });
    expect(evaluateClaim(within, data(1.05)).verdict).toBe('reproduced');
    expect(evaluateClaim(within, data(0.85)).verdict).toBe('partly');
    expect(evaluateClaim(within, data(1.3)).verdict).toBe('not');
    const relative = claim({ kind: 'within', tolerance: 0.05, relative: true }, { reference: { label: 'r', value: () => 10 } });
    expect(evaluateClaim(relative, data(10.4)).verdict).toBe('reproduced');
    expect(evaluateClaim(relative, data(10.6)).verdict).toBe('not');
    const below = claim({ kind: 'below', bound: 0, partly: 0.1 });
    expect([-1, 0.05, 1].map((v) => evaluateClaim(below, data(v)).verdict)).toEqual(['reproduced', 'partly', 'not']);
    const above = claim({ kind: 'above', bound: 2 });
    expect([3, 1].map((v) => evaluateClaim(above, data(v)).verdict)).toEqual(['reproduced', 'not']);
    const between = claim({ kind: 'between', lo: 1, hi: 3, partly: [1, 6] });
    expect([2, 5, 7].map((v) => evaluateClaim(between, data(v)).verdict)).toEqual(['reproduced', 'partly', 'not']);
    const bySpread = claim({ kind: 'within' }, { paper, tolerance: { label: 'sd', value: () => 0.1, partlyFactor: 2 } });
    expect([1.05, 1.15, 1.3].map((v) => evaluateClaim(bySpread, data(v)).verdict)).toEqual(['reproduced', 'partly', 'not']);
  });

  it('never throws: no data, or a quantity that cannot be computed, is "not" with the reason', () => {
    const c = claim({ kind: 'below', bound: 0 });
    expect(evaluateClaim(c, undefined)).toMatchObject({ verdict: 'not', measured: null, error: 'figure "f" has no data in this build' });
    expect(evaluateClaim(c, data('–'))).toMatchObject({ verdict: 'not', measured: null });
    for (const real of CLAIMS) expect(() => evaluateClaim(real, { rows: [] })).not.toThrow();
  });
});

describe('the claims on the committed data', () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = new ProjectCopy('cc-claims-');
  });
  afterAll(() => project?.remove());
  const manifest = (): Manifest => JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));

  it('the paper profile gives every claim the verdict its page states', () => {
    project.experiments(['--frozen', '--profile', 'paper']);
    const { profile, evaluations } = evaluateBuild(project.root, CLAIMS);
    expect(profile).toBe('paper');
    expect(evaluations.filter((e) => e.measured === null).map((e) => `${e.claim.id}: ${e.error}`)).toEqual([]);
    expect(failures(evaluations)).toEqual([]);
  });

  it('a changed result that falsifies a sentence fails, naming the claim and the page', () => {
    // luo2021 Fig. 4: move the sign change at γ′ = 0 from γ ≈ 1 to γ = 1.3, in the copy's aggregate
    const file = path.join(project.root, manifest().figures['luo2021-fig4']!.aggregateFile);
    const original = readFileSync(file, 'utf8');
    const entry = JSON.parse(original);
    const star = entry.figures['luo2021-fig4'].rows.find((r: { mark: string; gamma_prime?: number }) => r.mark === 'star' && r.gamma_prime === 0);
    star.gamma_star = 1.3;
    writeFileSync(file, JSON.stringify(entry));
    const problems = failures(evaluateBuild(project.root, CLAIMS).evaluations);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^claim "luo2021-fig4-boundary" of page content\/luo2021\.mdx .*: not, the page states reproduced \(measured 0\.3/);
    expect(problems[1]).toMatch(/^claim "luo2021-fig4-gamma-prime-0" of page content\/luo2021\.mdx/);
    writeFileSync(file, original);
    expect(failures(evaluateBuild(project.root, CLAIMS).evaluations)).toEqual([]);
  });

  it('the quick profile evaluates every claim without failing (its verdicts may differ)', () => {
    project.experiments(['--frozen', '--profile', 'quick']);
    const { profile, evaluations } = evaluateBuild(project.root, CLAIMS);
    expect(profile).toBe('quick');
    expect(evaluations).toHaveLength(CLAIMS.length);
    for (const e of evaluations) expect(VERDICTS).toContain(e.verdict);
  });
});
