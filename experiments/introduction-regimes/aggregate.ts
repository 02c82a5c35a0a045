/** introduction-regimes: one row per scheme, and per regime the list of its schemes. */
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['introduction-regimes']>;

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '.': '·',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** `m^-0.25` as m⁻⁰·²⁵, for the names quoted in prose. */
const powers = (text: string) => text.replace(/\^(-?[0-9.]+)/g, (_, e: string) => e.replace(/[-0-9.]/g, (c) => SUPERSCRIPT[c]));

export function aggregate({ cells }: AggregateInput<Config, Params, Result>): { 'introduction-regimes': Data } {
  if (cells.length !== 1) throw new Error(`introduction-regimes: expected one cell, got ${cells.length}`);
  const rows: Data['rows'] = cells[0].result.rows.map((r) => ({ mark: 'scheme', ...r }));
  const values: Record<string, string> = {};
  for (const regime of ['linear', 'critical', 'condensed'] as const) {
    const names = rows.filter((r) => r.regime === regime).map((r) => powers(r.scheme));
    values[`schemes@${regime}`] = names.length > 0 ? names.join(', ') : 'none';
  }
  return { 'introduction-regimes': { rows, values } };
}
