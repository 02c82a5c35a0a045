/** introduction-demo: every snapshot's features and fitted function, the data, the target and the loss. */
import { countOrientations } from '../../src/engine/metrics/orientations.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['introduction-demo']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'introduction-demo': Data } {
  if (cells.length !== 1) throw new Error(`introduction-demo: expected one cell, got ${cells.length}`);
  const { result } = cells[0];
  const snaps = result.snapshots;
  if (snaps.length < 2) throw new Error(`introduction-demo: cell "${cells[0].cell.id}" has ${snaps.length} snapshots, need at least 2`);
  const rows: Data['rows'] = [];
  for (const s of snaps) {
    s.theta.forEach((theta, neuron) => {
      rows.push({ mark: 'feature', step: s.step, neuron, theta, amplitude: s.amplitude[neuron] });
    });
    s.output.forEach((y, i) => {
      rows.push({ mark: 'output', step: s.step, x: result.grid.x[i], y });
    });
    rows.push({ mark: 'loss', step: s.step, loss: s.loss });
  }
  result.grid.x.forEach((x, i) => {
    rows.push({ mark: 'target', x, y: result.grid.target[i] });
  });
  result.data.x.forEach((x, i) => {
    rows.push({ mark: 'data', x, y: result.data.y[i] });
  });
  const first = snaps[0];
  const last = snaps.at(-1)!;
  type Snapshot = (typeof snaps)[number];
  const maxA = (s: Snapshot) => Math.max(...s.amplitude);
  const largeOf = (s: Snapshot) => s.amplitude.filter((a) => a >= 0.1 * maxA(s)).length;
  // condensed orientations: clusters (10° caps) among the neurons with A ≥ 0.1 max A holding ≥ 5 % of them (as luo2021 Fig. 2)
  const orientationsOf = (s: Snapshot) =>
    countOrientations({ angles: s.theta }, s.amplitude, { minClusterSize: Math.max(2, Math.ceil(0.05 * largeOf(s))) }).orientations;
  const L0 = first.loss;
  if (L0 === null || last.loss === null) throw new Error(`introduction-demo: cell "${cells[0].cell.id}" has a non-finite loss (status ${result.status})`);
  // the first snapshot at which the loss is below half its initial value: the end of the initial plateau
  const drop = snaps.find((s) => s.loss !== null && s.loss < L0 / 2) ?? last;
  return {
    'introduction-demo': {
      rows,
      values: {
        m: config.m,
        n: config.n,
        lr: config.lr,
        steps: result.steps,
        sigma0: result.sigma0,
        snapshots: snaps.length,
        initial_loss: L0,
        final_loss: last.loss,
        status: result.status,
        orientations: orientationsOf(last),
        large: largeOf(last),
        step_first_drop: drop.step,
        orientations_first_drop: orientationsOf(drop),
        max_amplitude_initial: maxA(first),
        max_amplitude_final: maxA(last),
        ...degenerateCounts([result]),
        degenerate: degenerateOf(result) ?? '',
      },
    },
  };
}
