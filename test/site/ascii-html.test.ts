/**
 * src/components/asciiHtml.ts: the built pages' non-ASCII characters as character references, the raw
 * text of <script> and <style> untouched; read back by an HTML parser, the page is the same.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { asciiHtml } from '../../src/components/asciiHtml.js';

const page = [
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>γ₂ – β²</title>',
  '<style>.q::before { content: "→"; }</style></head><body>',
  '<p title="S_w ± SE">γ = 0.5, m = 1,000 — “condensed” 𝟙</p>',
  '<math><mi>γ</mi><mo>−</mo><mn>1</mn></math>',
  '<script type="application/json" data-demo-data>{"label":"β"}</script>',
  '<SCRIPT>const s = "é";</SCRIPT><p>après</p></body></html>',
].join('');

describe('asciiHtml', () => {
  it('writes every non-ASCII character outside <script> and <style> as a character reference', () => {
    const out = asciiHtml(page);
    const outside = out.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
    expect(/\P{ASCII}/u.test(outside)).toBe(false);
    expect(out).toContain('&#x3b3; = 0.5');
    // a character beyond the BMP is one reference, not two surrogate halves
    expect(out).toContain('&#x1d7d9;');
    expect(out).toContain('<mo>&#x2212;</mo>');
    expect(out).toContain('title="S_w &#xb1; SE"');
  });

  it('leaves the raw text of <script> and <style> as it was', () => {
    const out = asciiHtml(page);
    expect(out).toContain('<style>.q::before { content: "→"; }</style>');
    expect(out).toContain('{"label":"β"}</script>');
    expect(out).toContain('<SCRIPT>const s = "é";</SCRIPT>');
    expect(out).toContain('<p>apr&#xe8;s</p>');
  });

  it('is read back as the same document', () => {
    const before = parseHTML(page).document;
    const after = parseHTML(asciiHtml(page)).document;
    expect(after.body.textContent).toBe(before.body.textContent);
    expect(after.title).toBe(before.title);
    expect(after.querySelector('p')?.getAttribute('title')).toBe('S_w ± SE');
    expect(asciiHtml(asciiHtml(page))).toBe(asciiHtml(page));
  });
});
