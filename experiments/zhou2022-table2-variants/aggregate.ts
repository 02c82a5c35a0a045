/**
 * zhou2022-table2-variants: per (row, data, lr0) and RD with or without biases, the mean and spread over seeds of
 * each seed's log-log slope over its clean runs (experiments/shared/degenerate.ts).
 */
import { growthExponent } from '../../src/engine/metrics/growthExponent.js';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { cleanCells, degenerateCounts, degenerateOf, degenerateOfRuns } from '../shared/degenerate.js';
import { mean, standardDeviation } from '../zhou2022-table2/aggregate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table2-variants']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'zhou2022-table2-variants': Data } {
  const rows: Data['rows'] = [];
  const values: NonNullable<Data['values']> = {
    widths: config.widths.join(', '),
    seeds: config.seeds,
    lr0s: config.lr0s.join(', '),
    runs: cells.length,
    stopped_short: cells.filter((c) => c.result.status !== 'converged').length,
    ...degenerateCounts(cells.map((c) => c.result)),
  };
  for (const r of config.rows) {
    const t = zhou2022Table2[r];
    for (const data of config.data) {
      for (const lr0 of config.lr0s) {
        for (const biases of ['with', 'without'] as const) {
          const s = { w1: [] as number[], w2: [] as number[] };
          const reasons: (string | null)[] = [];
          for (let replicate = 0; replicate < config.seeds; replicate++) {
            const all = cells.filter(
              (c) => c.cell.params.row === r && c.cell.params.data === data && c.cell.params.protocol.lr0 === lr0 && c.cell.params.replicate === replicate,
            );
            reasons.push(...all.map((c) => degenerateOf(c.result)));
            const ok = cleanCells(all).sort((p, q) => p.cell.params.m - q.cell.params.m);
            const ms = ok.map((c) => c.cell.params.m);
            const f1 = growthExponent(
              ms,
              ok.map((c) => (biases === 'with' ? c.result.rdW1 : c.result.rdW1NoBias)),
            );
            const f2 = growthExponent(
              ms,
              ok.map((c) => (biases === 'with' ? c.result.rdW2 : c.result.rdW2NoBias)),
            );
            if (f1.n >= 3 && Number.isFinite(f1.slope)) s.w1.push(f1.slope);
            if (f2.n >= 3 && Number.isFinite(f2.slope)) s.w2.push(f2.slope);
          }
          const v = {
            mark: 'variant' as const,
            table_row: r + 1,
            group: t.group,
            data,
            lr0,
            biases,
            s_w1: s.w1.length ? mean(s.w1) : null,
            s_w2: s.w2.length ? mean(s.w2) : null,
            s_w1_std: s.w1.length ? standardDeviation(s.w1) : null,
            s_w2_std: s.w2.length ? standardDeviation(s.w2) : null,
            seeds: Math.min(s.w1.length, s.w2.length),
            paper_s_w1: t.sW1,
            paper_s_w2: t.sW2,
            degenerate: degenerateOfRuns(reasons),
          };
          rows.push(v);
          const at = `row=${r + 1},data=${data},lr0=${lr0},biases=${biases}`;
          if (v.s_w1 !== null) values[`s_w1@${at}`] = v.s_w1;
          if (v.s_w2 !== null) values[`s_w2@${at}`] = v.s_w2;
        }
      }
    }
  }
  return { 'zhou2022-table2-variants': { rows, values } };
}
