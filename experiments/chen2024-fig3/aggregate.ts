/** chen2024-fig3: loss and singular values of P over training, and when each singular value jumps. */
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['chen2024-fig3']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'chen2024-fig3': Data } {
  const r = cells[0].result;
  const rows: Data['rows'] = [];
  const values: Data['values'] = {
    n: config.n,
    rank: config.rank,
    p: config.p,
    observed: r.observed,
    sigma: config.sigma,
    lr: config.lr,
    steps: config.steps,
    status: r.status,
    ...degenerateCounts([r]),
    /** why the run is degenerate, '' when clean */
    degenerate: degenerateOf(r) ?? '',
  };
  for (const s of r.snapshots) {
    rows.push({ mark: 'loss', step: s.step, loss: s.loss });
    s.singular.forEach((value, i) => {
      rows.push({ mark: 'sv', step: s.step, k: i + 1, value });
    });
  }
  r.targetSingular.forEach((value, i) => {
    rows.push({ mark: 'target', k: i + 1, value });
    values[`target_sv@${i + 1}`] = value;
  });
  // each singular value of the target's rank: the first snapshot past half its target value
  const jumps: number[] = [];
  for (let k = 1; k <= config.rank; k++) {
    const half = r.targetSingular[k - 1] / 2;
    const first = r.snapshots.find((s) => (s.singular[k - 1] ?? 0) > half);
    if (first) {
      rows.push({ mark: 'jump', k, step: first.step });
      values[`jump@${k}`] = first.step;
      jumps.push(first.step);
    }
  }
  const last = r.snapshots.at(-1);
  for (const [i, v] of (last?.singular ?? []).entries()) values[`final_sv@${i + 1}`] = v;
  if (r.finalLoss !== null) values.final_loss = r.finalLoss;
  if (r.testError !== null) values.test_error = r.testError;
  values.initial_loss = r.snapshots[0]?.loss ?? Number.NaN;
  return {
    'chen2024-fig3': {
      rows,
      values: { ...Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' || Number.isFinite(v))), jumps, jumped: jumps.length },
    },
  };
}
