/**
 * The paper's own number of a site figure, read from the figure's id:
 * `<paper>-figK` is the paper's Fig. K, `<paper>-tableK` its Table K
 * (`luo2021-fig4` → "Fig. 4", `zhou2022-table2` → "Table 2"). An id without
 * a number (`chen2023-phase`, `zhou2022-fig-grid`) is a figure of this site
 * that the paper has no single counterpart of: no number.
 *
 * Pure: used by the Figure component, the table of contents and their test.
 */

export interface PaperNumber {
  /** paper key, e.g. luo2021 */
  paper: string;
  kind: 'figure' | 'table';
  /** as printed, e.g. "4", "4b" */
  number: string;
  /** "Fig. 4", "Table 2" */
  label: string;
}

// A paper key is a name and a year (luo2021, optionally with a letter: zhou2022b); K is a number, with an optional panel letter.
const PAPER_NUMBER = /^([a-z]+\d{4}[a-z]?)-(fig|table)(\d+[a-z]?)$/;

export function paperNumber(id: string): PaperNumber | undefined {
  const m = PAPER_NUMBER.exec(id);
  if (!m) return undefined;
  const [, paper, kind, number] = m as unknown as [string, string, 'fig' | 'table', string];
  return kind === 'fig' ? { paper, kind: 'figure', number, label: `Fig. ${number}` } : { paper, kind: 'table', number, label: `Table ${number}` };
}

/** "paper: Fig. 4", "paper: Table 2", or undefined for an id without a number. */
export function paperNumberLabel(id: string): string | undefined {
  const n = paperNumber(id);
  return n && `paper: ${n.label}`;
}

/** "Figure 3": the figure's number on its page (1-based, in order of appearance). */
export function figureLabel(number: number): string {
  return `Figure ${number}`;
}
