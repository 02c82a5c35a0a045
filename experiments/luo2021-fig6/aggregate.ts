/** luo2021-fig6: stored neurons of every run, amplitudes relative to the run's largest; the critical cells. */
import type { AggregateInput, FigureData, Row } from '../../src/pipeline/experiment.js';
import type { Config, Params, Result } from './experiment.js';

/** The cells luo2021 Fig. 6 boxes as critical: γ = 1 for γ' ≤ 0, and γ' = γ − 1 for γ' > 0. */
const isCritical = (gamma: number, gammaPrime: number) => Math.abs(gamma - (gammaPrime <= 0 ? 1 : 1 + gammaPrime)) < 1e-9;

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): Record<string, FigureData> {
  const rows: Row[] = [];
  for (const { cell, result } of cells) {
    const { gamma, gammaPrime, m } = cell.params;
    result.orientation.forEach((orientation, i) =>
      rows.push({ mark: 'neuron', gamma, gamma_prime: gammaPrime, m, orientation, a_rel: result.amplitude[i] / result.maxAmplitude, top: result.isTop[i] }),
    );
  }
  for (const gamma of config.gammas) for (const gammaPrime of config.gammaPrimes) if (isCritical(gamma, gammaPrime)) rows.push({ mark: 'critical', gamma, gamma_prime: gammaPrime });
  return {
    'luo2021-fig6': {
      rows,
      values: {
        widths: config.widths.join(', '),
        runs: cells.length,
        not_converged: cells.filter((c) => c.result.status !== 'converged').length,
        kept: config.top + config.sample,
        top: config.top,
      },
    },
  };
}
