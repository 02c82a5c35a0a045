/** luo2021-fig6: stored neurons of every run, amplitudes relative to the run's largest; the critical cells. */
import { isCritical } from '../../src/engine/theory/luo2021.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig6']>;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-fig6': Data } {
  const rows: Data['rows'] = [];
  for (const { cell, result } of cells) {
    const { gamma, gammaPrime, m } = cell.params;
    result.orientation.forEach((orientation, i) => {
      rows.push({ mark: 'neuron', gamma, gamma_prime: gammaPrime, m, orientation, a_rel: result.amplitude[i] / result.maxAmplitude, top: result.isTop[i] });
    });
    const degenerate = degenerateOf(result);
    if (degenerate !== null) rows.push({ mark: 'degenerate', gamma, gamma_prime: gammaPrime, m, degenerate });
  }
  // the cells luo2021 Fig. 6 frames as critical: on the boundary γ = 1 (γ' ≤ 0), γ' = γ − 1 (γ' > 0)
  for (const gamma of config.gammas)
    for (const gammaPrime of config.gammaPrimes) if (isCritical(gamma, gammaPrime)) rows.push({ mark: 'critical', gamma, gamma_prime: gammaPrime });
  return {
    'luo2021-fig6': {
      rows,
      values: {
        widths: config.widths.join(', '),
        runs: cells.length,
        not_converged: cells.filter((c) => c.result.status !== 'converged').length,
        kept: config.top + config.sample,
        top: config.top,
        ...degenerateCounts(cells.map((c) => c.result)),
      },
    },
  };
}
