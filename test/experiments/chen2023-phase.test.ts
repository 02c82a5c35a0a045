/** chen2023-phase aggregate: cell rows flagged by the heuristic region, mean alignment inside and outside it. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../experiments/chen2023-phase/aggregate.js';
import { figures, type Config, type Params, type Result } from '../../experiments/chen2023-phase/experiment.js';
import { cell, outcome, protocolWithoutTol as protocol, schemaErrors } from './fake.js';

const config: Config = { m: 300, gammas: [0.5, 1.5, 2.5], gammaPrimes: [-0.5, 0.5], target: 'square', plateauEnd: 0.9, seed: 41, protocol };
const params = (gamma: number, gammaPrime: number): Params => ({ m: 300, gamma, gammaPrime, target: 'square', plateauEnd: 0.9, protocol });

describe('chen2023-phase aggregate', () => {
  // (γ, γ′, alignment): inside the region γ′ < γ − 1 and γ + γ′ > 1 are (2.5, ±0.5) only;
  // (1.5, −0.5) has γ + γ′ = 1 and (1.5, 0.5) has γ′ = γ − 1: both outside
  const grid: [number, number, number][] = [
    [0.5, -0.5, 0.3],
    [1.5, -0.5, 0.5],
    [2.5, -0.5, 0.9],
    [0.5, 0.5, 0.6],
    [1.5, 0.5, 0.8],
    [2.5, 0.5, 1],
  ];
  const cells = grid.map(([gamma, gammaPrime, alignment], i) =>
    cell(`gamma=${gamma},gamma'=${gammaPrime}`, params(gamma, gammaPrime), {
      ...outcome({ path: 'tfjs', steps: 10 + i, status: i === 3 ? 'max-steps' : 'converged' }),
      alignment,
      rdW: i / 10,
      initialLoss: 0.03,
    } satisfies Result),
  );
  const { 'chen2023-phase': data } = aggregate({ config, profile: 'quick', cells });

  it('matches the declared figure schemas', () => {
    expect(schemaErrors(figures, { 'chen2023-phase': data })).toEqual([]);
  });

  it('one row per cell, flagged inside the heuristic region', () => {
    expect(data.rows.map((r) => [r.gamma, r.gamma_prime, r.heuristic])).toEqual([
      [0.5, -0.5, false],
      [1.5, -0.5, false],
      [2.5, -0.5, true],
      [0.5, 0.5, false],
      [1.5, 0.5, false],
      [2.5, 0.5, true],
    ]);
    expect(data.rows[2]).toEqual({
      mark: 'cell',
      gamma: 2.5,
      gamma_prime: -0.5,
      alignment: 0.9,
      rd_w: 0.2,
      steps: 12,
      status: 'converged',
      degenerate: null,
      heuristic: true,
    });
    // cell 0 has RD = 0, cell 3 hit the step cap
    expect(data.rows.map((r) => r.degenerate)).toEqual(['RD = 0 (below float32 resolution)', null, null, 'max-steps (not converged)', null, null]);
  });

  it('mean alignment of the clean cells inside (0.9, 1) and outside (0.5, 0.8: not the degenerate 0.3 and 0.6)', () => {
    expect(data.values).toEqual({
      m: 300,
      mean_inside: expect.closeTo(0.95, 12),
      mean_outside: expect.closeTo(0.65, 12),
      cells_inside: 2,
      cells: 6,
      not_converged: 1,
      runs_total: 6,
      degenerate_runs: 2,
      degenerate_reasons: '1 max-steps (not converged), 1 RD = 0 (below float32 resolution)',
    });
  });

  it('no cell inside: mean 0', () => {
    const out = aggregate({ config, profile: 'quick', cells: cells.filter((c) => c.cell.params.gamma < 2) });
    expect(out['chen2023-phase'].values).toMatchObject({ mean_inside: 0, cells_inside: 0 });
  });
});
