/**
 * Math in a chart's plain-text labels and titles, for the charts the islands
 * draw in the page (src/components/islands/trainOwn.ts): the parts of a label
 * between $…$ are a small subset of TeX, set as the page's KaTeX sets them —
 * letters in italic, `_x` and `_{xy}` as subscripts, `\cos` and other
 * commands as upright words, everything else as it is — and outside $…$ the
 * text is plain. `mathRuns` splits a label into runs (pure; the island makes
 * SVG <tspan>s or HTML <i>/<sub> of them), `mathPlain` is the label as plain
 * text for accessible names ("loss R_S").
 */

export interface MathRun {
  text: string;
  /** a variable: set in italic */
  italic?: boolean;
  /** a subscript */
  sub?: boolean;
}

const LETTER = /[A-Za-z]/;

/** The runs of a label ("loss $R_S$" → "loss ", R italic, S italic subscript). */
export function mathRuns(label: string): MathRun[] {
  const out: MathRun[] = [];
  const push = (run: MathRun) => {
    const last = out.at(-1);
    if (last && !!last.italic === !!run.italic && !!last.sub === !!run.sub) last.text += run.text;
    else out.push({ text: run.text, ...(run.italic ? { italic: true } : {}), ...(run.sub ? { sub: true } : {}) });
  };
  const parts = label.split('$');
  if (parts.length % 2 === 0) throw new Error(`mathLabel: unbalanced $ in "${label}"`);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) push({ text: part });
      return;
    }
    let j = 0;
    /** one atom (a command, or a character) at j, pushed with `sub` */
    const atom = (sub: boolean) => {
      const command = /^\\([A-Za-z]+)/.exec(part.slice(j));
      if (command) {
        push({ text: command[1], sub });
        j += command[0].length;
        return;
      }
      const c = part[j];
      push({ text: c, italic: LETTER.test(c), sub });
      j++;
    };
    while (j < part.length) {
      if (part[j] !== '_') {
        atom(false);
        continue;
      }
      j++;
      if (part[j] === '{') {
        const end = part.indexOf('}', j);
        if (end < 0) throw new Error(`mathLabel: unclosed { in "${label}"`);
        j++;
        while (j < end) atom(true);
        j = end + 1;
      } else if (j < part.length) atom(true);
    }
  });
  return out;
}

/** The label as plain text: subscripts after an underscore (R_S, w_k), commands as their names. */
export const mathPlain = (label: string) =>
  mathRuns(label)
    .map((r) => (r.sub ? `_${r.text.length > 1 ? `{${r.text}}` : r.text}` : r.text))
    .join('');
