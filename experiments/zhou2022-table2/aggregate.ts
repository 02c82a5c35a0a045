/**
 * zhou2022-table2: per (row, seed) the log-log slopes S_W1, S_W2 over the
 * widths (clean runs only: experiments/shared/degenerate.ts), per row their mean and standard deviation
 * over seeds beside the paper's values; and the arithmetic on the paper's
 * own Std column (np.std of each group's three printed S values).
 */
import { growthExponent } from '../../src/engine/metrics/growthExponent.js';
import { zhou2022Table2 } from '../../src/engine/threeLayer/table2.js';
import { zhou2022Table2PrintedStd } from '../../src/engine/threeLayer/table2Std.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { cleanCells, degenerateCounts, degenerateOf, degenerateOfRuns } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-table2']>;

export const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Standard deviation with divisor n − ddof: ddof = 0 is numpy's np.std (population), ddof = 1 the sample one. */
export function standardDeviation(xs: readonly number[], ddof = 0): number {
  const mu = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - mu) ** 2, 0) / (xs.length - ddof));
}

/** v rounded to `digits` significant digits. */
const significant = (v: number, digits: number) => Number(v.toPrecision(digits));

/** The defaults of ThreeLayerProtocol (src/engine/threeLayer/train.ts) when the configuration leaves them out. */
const DEFAULT_RISE_TOLERANCE = 1e-2;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'zhou2022-table2': Data } {
  const rows: Data['rows'] = [];
  const fits: Data['rows'] = [];
  const runs: Data['rows'] = [];
  const values: Record<string, number | string> = {};
  let unfitted = 0;
  const measured: { group: number; s_w1: number | null; s_w2: number | null }[] = [];

  zhou2022Table2.forEach((t, row) => {
    const slopes = { w1: [] as number[], w2: [] as number[] };
    for (let replicate = 0; replicate < config.seeds; replicate++) {
      const all = cells.filter((c) => c.cell.params.row === row && c.cell.params.replicate === replicate).sort((p, q) => p.cell.params.m - q.cell.params.m);
      for (const { cell, result } of all) {
        runs.push({
          mark: 'rd',
          row,
          seed: replicate,
          m: cell.params.m,
          rd_w1: result.rdW1,
          rd_w2: result.rdW2,
          status: result.status,
          degenerate: degenerateOf(result),
        });
      }
      // degenerate runs (stopped short, at step 0, RD = 0) are not measurements: left out of the fit
      const ok = cleanCells(all);
      const ms = ok.map((c) => c.cell.params.m);
      const f1 = growthExponent(
        ms,
        ok.map((c) => c.result.rdW1),
      );
      const f2 = growthExponent(
        ms,
        ok.map((c) => c.result.rdW2),
      );
      const s1 = f1.n >= 2 && Number.isFinite(f1.slope) ? f1.slope : null;
      const s2 = f2.n >= 2 && Number.isFinite(f2.slope) ? f2.slope : null;
      if (s1 === null || s2 === null) unfitted++;
      if (s1 !== null) slopes.w1.push(s1);
      if (s2 !== null) slopes.w2.push(s2);
      const degenerate = degenerateOfRuns(all.map((c) => degenerateOf(c.result)));
      fits.push({ mark: 'fit', row, seed: replicate, n: ok.length, s_w1: s1, s_w2: s2, degenerate });
    }
    const s_w1 = slopes.w1.length ? mean(slopes.w1) : null;
    const s_w2 = slopes.w2.length ? mean(slopes.w2) : null;
    rows.push({
      mark: 'row',
      group: t.group,
      gamma2: t.gamma2 / 30,
      gamma3: t.gamma3 / 30,
      alpha_exp: t.alpha / 30,
      s_w1,
      s_w2,
      s_w1_std: slopes.w1.length ? standardDeviation(slopes.w1) : null,
      s_w2_std: slopes.w2.length ? standardDeviation(slopes.w2) : null,
      paper_s_w1: t.sW1,
      paper_s_w2: t.sW2,
    });
    measured.push({ group: t.group, s_w1, s_w2 });
    const at = `row=${row + 1}`;
    if (s_w1 !== null) {
      values[`s_w1@${at}`] = s_w1;
      values[`diff_w1@${at}`] = s_w1 - t.sW1;
    }
    if (s_w2 !== null) {
      values[`s_w2@${at}`] = s_w2;
      values[`diff_w2@${at}`] = s_w2 - t.sW2;
    }
  });

  // The largest |measured − paper| over the rows, and the spread of the measured means within each group
  // (the analogue of what the paper's Std column turns out to be).
  for (const layer of ['w1', 'w2'] as const) {
    const diffs = zhou2022Table2.flatMap((_, i) => {
      const d = values[`diff_${layer}@row=${i + 1}`];
      return typeof d === 'number' ? [Math.abs(d)] : [];
    });
    // '–' when nothing could be measured, so that the page's quotes always resolve
    values[`max_abs_diff_${layer}`] = diffs.length ? Math.max(...diffs) : '–';
    for (const group of [1, 2] as const) {
      const means = measured.filter((r) => r.group === group).map((r) => r[`s_${layer}`]);
      values[`group_std_${layer}@g=${group}`] = means.every((v) => v !== null) ? standardDeviation(means as number[]) : '–';
    }
  }

  // The paper's Std column against np.std (ddof 0) and the sample std (ddof 1) of each group's three printed S values.
  let agree = 0;
  let printed = 0;
  for (const group of [1, 2] as const) {
    const three = zhou2022Table2.filter((t) => t.group === group);
    for (const layer of ['w1', 'w2'] as const) {
      const key = layer === 'w1' ? 'sW1' : 'sW2';
      const printedStd = zhou2022Table2PrintedStd[group][key];
      const npStd = standardDeviation(three.map((t) => t[key]));
      values[`paper_std_printed_${layer}@g=${group}`] = printedStd;
      values[`paper_std_np_${layer}@g=${group}`] = npStd;
      values[`paper_std_sample_${layer}@g=${group}`] = standardDeviation(
        three.map((t) => t[key]),
        1,
      );
      printed++;
      // "to every printed digit": the printed values have 3 significant digits
      if (significant(npStd, 3) === printedStd) agree++;
    }
  }

  const stopped = cells.filter((c) => c.result.status !== 'converged');
  const byStatus = new Map<string, number>();
  for (const c of stopped) byStatus.set(c.result.status, (byStatus.get(c.result.status) ?? 0) + 1);
  const converged = cells.filter((c) => c.result.status === 'converged');
  return {
    'zhou2022-table2': {
      rows: [...rows, ...fits, ...runs],
      values: {
        ...values,
        paper_std_agree: agree,
        paper_std_printed: printed,
        widths: config.widths.join(', '),
        m_min: Math.min(...config.widths),
        m_max: Math.max(...config.widths),
        seeds: config.seeds,
        runs: cells.length,
        stopped_short: stopped.length,
        stopped_short_statuses: byStatus.size ? [...byStatus].map(([s, n]) => `${s}: ${n}`).join(', ') : 'none',
        unfitted,
        lr0: config.protocol.lr0,
        tol: config.protocol.tol,
        max_steps: config.protocol.maxSteps,
        max_restarts: config.protocol.maxRestarts,
        rise_tolerance: config.protocol.riseTolerance ?? DEFAULT_RISE_TOLERANCE,
        max_steps_used: converged.length ? Math.max(...converged.map((c) => c.result.totalSteps)) : 0,
        max_halvings: converged.length ? Math.max(...converged.map((c) => c.result.halvings)) : 0,
        ...degenerateCounts(cells.map((c) => c.result)),
      },
    },
  };
}
