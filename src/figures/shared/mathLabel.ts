/**
 * Math in a chart's plain-text labels and titles: the parts of a label
 * between $…$ are a small subset of TeX, set as the page's KaTeX sets them —
 * Latin and lowercase Greek letters in italic, `_x` / `_{xy}` as subscripts
 * and `^x` / `^{xy}` as superscripts, `\cos` and other commands as upright
 * words, everything else as it is — and outside $…$ the text is plain.
 *
 * - `mathRuns` splits a label into runs (pure);
 * - `mathPlain` is the label as plain text, for accessible names ("loss R_S");
 * - `mathHtml` is the label as HTML (<i>, <sub>, <sup>), for panel titles;
 * - `svgMath` sets the $…$ labels of a drawn chart (Plot's <text>) as SVG
 *   <tspan>s. The build (../render.ts, with linkedom) and the islands that draw
 *   charts in the page (src/components/islands/) call it on every chart, so a
 *   label reads the same however the chart was drawn.
 */

export interface MathRun {
  text: string;
  /** a variable: set in italic */
  italic?: boolean;
  /** a subscript */
  sub?: boolean;
  /** a superscript */
  sup?: boolean;
}

/** Set in italic inside $…$: Latin letters and lowercase Greek (as TeX does). */
const VARIABLE = /[A-Za-zα-ω]/;

/** The runs of a label ("loss $R_S$" → "loss ", R italic, S italic subscript). */
export function mathRuns(label: string): MathRun[] {
  const out: MathRun[] = [];
  const same = (a: MathRun, b: MathRun) => !!a.italic === !!b.italic && !!a.sub === !!b.sub && !!a.sup === !!b.sup;
  const push = (run: MathRun) => {
    const last = out.at(-1);
    if (last && same(last, run)) last.text += run.text;
    else out.push({ text: run.text, ...(run.italic ? { italic: true } : {}), ...(run.sub ? { sub: true } : {}), ...(run.sup ? { sup: true } : {}) });
  };
  const parts = label.split('$');
  if (parts.length % 2 === 0) throw new Error(`mathLabel: unbalanced $ in "${label}"`);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) push({ text: part });
      return;
    }
    let j = 0;
    /** one atom (a command, or a character) at j, pushed as a sub- or superscript or neither */
    const atom = (script: { sub?: boolean; sup?: boolean }) => {
      const command = /^\\([A-Za-z]+)/.exec(part.slice(j));
      if (command) {
        push({ text: command[1], ...script });
        j += command[0].length;
        return;
      }
      const c = part[j];
      push({ text: c, italic: VARIABLE.test(c), ...script });
      j++;
    };
    while (j < part.length) {
      const c = part[j];
      if (c !== '_' && c !== '^') {
        atom({});
        continue;
      }
      const script = c === '_' ? { sub: true } : { sup: true };
      j++;
      if (part[j] === '{') {
        const end = part.indexOf('}', j);
        if (end < 0) throw new Error(`mathLabel: unclosed { in "${label}"`);
        j++;
        while (j < end) atom(script);
        j = end + 1;
      } else if (j < part.length) atom(script);
    }
  });
  return out;
}

const scripted = (mark: string, text: string) => `${mark}${text.length > 1 ? `{${text}}` : text}`;

/** The label as plain text: sub- and superscripts after _ and ^ (R_S, W^{[1]}_k), commands as their names. */
export const mathPlain = (label: string) =>
  mathRuns(label)
    .map((r) => (r.sub ? scripted('_', r.text) : r.sup ? scripted('^', r.text) : r.text))
    .join('');

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The label as HTML: variables in <i>, sub- and superscripts in <sub>/<sup>, text escaped. */
export const mathHtml = (label: string) =>
  mathRuns(label)
    .map((r) => {
      const text = r.italic ? `<i>${escapeHtml(r.text)}</i>` : escapeHtml(r.text);
      return r.sub ? `<sub>${text}</sub>` : r.sup ? `<sup>${text}</sup>` : text;
    })
    .join('');

const SVG = 'http://www.w3.org/2000/svg';
/** Baseline shift of a run, in user units (dy: the same whatever the tspans' font sizes): down for a subscript, up for a superscript. */
const shift = (run: MathRun) => (run.sub ? 3 : run.sup ? -4 : 0);

/**
 * The $…$ labels of a chart (its <text> and <tspan> elements without children) as <tspan>s: variables
 * in italic, sub- and superscripts at 90 % (9 px under Plot's 10 px labels) and shifted off the baseline, each marked data-math="var"
 * | "sub" | "sup" | "text". Text without $ is left alone, so calling it again changes nothing.
 */
export function svgMath(root: Element): void {
  const document = root.ownerDocument;
  for (const text of root.querySelectorAll('text, tspan')) {
    const label = text.textContent ?? '';
    if (text.children.length || !label.includes('$')) continue;
    text.textContent = '';
    // the spaces at the runs' ends are kept by renderers that ignore Plot's white-space: pre (librsvg: the thumbnails)
    (text.closest('text') ?? text).setAttribute('xml:space', 'preserve');
    let baseline = 0;
    for (const run of mathRuns(label)) {
      const t = document.createElementNS(SVG, 'tspan');
      t.textContent = run.text;
      if (run.italic) t.setAttribute('font-style', 'italic');
      // 90 %: 9 px under Plot's 10 px labels, the smallest text the site draws in a chart (smaller, lowered or raised)
      if (run.sub || run.sup) t.setAttribute('font-size', '90%');
      if (shift(run) !== baseline) {
        t.setAttribute('dy', String(shift(run) - baseline));
        baseline = shift(run);
      }
      t.setAttribute('data-math', run.sub ? 'sub' : run.sup ? 'sup' : run.italic ? 'var' : 'text');
      text.append(t);
    }
  }
}
