/**
 * The bibliography (src/components/bibliography.ts) against the pages'
 * frontmatter, and the site's citation (src/components/citation.ts) against
 * CITATION.cff. Reads files of this tree, writes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIBLIOGRAPHY, bibtex, initials, isPaperKey, PAGE_REFERENCES, pageReferences, referenceText, SITE_PAPERS } from '../../src/components/bibliography.js';
import { SITE_CITATION, siteBibtex } from '../../src/components/citation.js';
import { repoRoot } from '../helpers/fixture.js';

describe('bibliography', () => {
  it('abbreviates given names', () => {
    expect(initials('Zhi-Qin John')).toBe('Z.-Q. J.');
    expect(initials('Tao')).toBe('T.');
    expect(initials('Zheng-An')).toBe('Z.-A.');
  });

  it('has every site paper, with a well-formed BibTeX entry and reference text', () => {
    for (const key of SITE_PAPERS) expect(isPaperKey(key)).toBe(true);
    for (const [key, p] of Object.entries(BIBLIOGRAPHY)) {
      expect(p.key).toBe(key);
      expect(p.arxiv).toMatch(/^\d{4}\.\d{4,5}$/);
      const entry = bibtex(p);
      expect(entry.startsWith(`@${p.type}{${key},\n`)).toBe(true);
      expect(entry.endsWith('\n}')).toBe(true);
      let depth = 0;
      for (const ch of entry) {
        depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
      expect(entry).toContain(`eprint = {${p.arxiv}}`);
      const text = referenceText(p);
      expect(text).not.toMatch(/[{}\\$]/);
      expect(text).toContain(String(p.year));
    }
    expect(bibtex(BIBLIOGRAPHY.luo2021)).toContain('author = {Luo, Tao and Xu, Zhi-Qin John and Ma, Zheng and Zhang, Yaoyu}');
    expect(referenceText(BIBLIOGRAPHY.luo2021)).toBe(
      'T. Luo, Z.-Q. J. Xu, Z. Ma, Y. Zhang. Phase Diagram for Two-layer ReLU Neural Networks at Infinite-width Limit. J. Mach. Learn. Res. 22(71):1–47, 2021.',
    );
    expect(bibtex(BIBLIOGRAPHY.e2020)).toContain('doi = {10.1007/s11425-019-1628-5}');
  });

  it("lists a page's own paper first, then what it cites", () => {
    expect(pageReferences('luo2021', 'luo2021').map((p) => p.key)).toEqual(['luo2021', 'e2020']);
    expect(pageReferences('somewhere').map((p) => p.key)).toEqual([]);
    expect(() => pageReferences('x', 'nobody2020')).toThrow(/nobody2020/);
  });

  it("agrees with each page's frontmatter (paper key and arXiv id of its reference)", () => {
    const dir = path.join(repoRoot, 'content');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const id = file.replace(/\.mdx$/, '');
      const text = readFileSync(path.join(dir, file), 'utf8');
      const paper = /^paper:\s*(\S+)\s*$/m.exec(text)?.[1];
      const reference = /^reference:\s*(.+)$/m.exec(text)?.[1];
      for (const key of PAGE_REFERENCES[id] ?? []) expect(isPaperKey(key), `${file} cites ${key}`).toBe(true);
      if (!paper) continue;
      expect(isPaperKey(paper), `${file}: paper ${paper} in src/components/bibliography.ts`).toBe(true);
      if (reference && isPaperKey(paper)) expect(reference, file).toContain(BIBLIOGRAPHY[paper].arxiv);
    }
  });
});

describe('citation', () => {
  const cff = readFileSync(path.join(repoRoot, 'CITATION.cff'), 'utf8');
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; license?: string };

  it('CITATION.cff says what the site says', () => {
    expect(cff).toMatch(/^cff-version: 1\.2\.0$/m);
    expect(cff).toMatch(/^type: software$/m);
    expect(cff).toMatch(new RegExp(`^title: ${SITE_CITATION.title}$`, 'm'));
    expect(cff).toMatch(new RegExp(`^authors:\\n  - name: ${SITE_CITATION.author}$`, 'm'));
    expect(cff).toMatch(new RegExp(`^version: ${pkg.version.replaceAll('.', '\\.')}$`, 'm'));
    expect(cff).toMatch(/^message: /m);
    for (const key of SITE_PAPERS) expect(cff, key).toContain(`arXiv ${BIBLIOGRAPHY[key].arxiv}`);
  });

  it('makes a BibTeX entry for the site', () => {
    const entry = siteBibtex({ version: '1.2.3', year: 2030, url: 'https://example.org/cc/', commit: '0123456789abcdef0123' });
    expect(entry).toContain('@misc{condensation-companion,');
    expect(entry).toContain('author = {{The condensation-companion authors}}');
    expect(entry).toContain('url = {https://example.org/cc/}');
    expect(entry).toContain('note = {Version 1.2.3, commit 0123456789ab}');
    expect(siteBibtex({ version: '1.2.3', year: 2030 })).not.toContain('url =');
  });
});
