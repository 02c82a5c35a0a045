/**
 * Figure data of an S_w heatmap over (γ, γ') (luo2021 Figs 4 and 5): the
 * growth exponent per cell fitted over the widths, its zero crossings along
 * γ at each γ' (the stars), and the theoretical boundary.
 */
import { boundaryGamma, boundaryLine } from '../../src/engine/theory/luo2021.js';
import { growthExponent, zeroCrossings } from '../../src/engine/metrics/growthExponent.js';
import { finite } from '../../src/pipeline/compact.js';
import type { FigureData } from '../../src/pipeline/experiment.js';
import { degenerateOf, degenerateOfRuns, reasonCounts } from './degenerate.js';
import type { SHeatmapRow, SHeatmapValues } from './sHeatmapSchema.js';

/** Midpoints of consecutive edges (the γ at which luo2021-fig4 samples its cells), to 6 decimals. */
export const midpoints = (edges: number[]) => edges.slice(1).map((e, i) => Number(((e + edges[i]) / 2).toFixed(6)));

export interface RdRun {
  gamma: number;
  gammaPrime: number;
  m: number;
  rdW: number;
  converged: boolean;
  /** the run's cell id (its row in the figure's provenance), and its status as the run reported it */
  cell?: string;
  status?: string;
  /** why the run is degenerate (left out of the fit), null when clean (./degenerate.ts) */
  degenerate: string | null;
}

/** The runs of an S_w heatmap experiment (cells with params γ, γ', m and results rdW, status). */
export function rdRuns(
  cells: readonly { cell: { id: string; params: { gamma: number; gammaPrime: number; m: number } }; result: { rdW: number; status: string } }[],
): RdRun[] {
  return cells.map(({ cell, result }) => ({
    gamma: cell.params.gamma,
    gammaPrime: cell.params.gammaPrime,
    m: cell.params.m,
    rdW: result.rdW,
    converged: result.status === 'converged',
    cell: cell.id,
    status: result.status,
    degenerate: degenerateOf(result),
  }));
}

/**
 * Cells sampled at `gammas`, drawn between `gammaEdges` (one more edge than γ).
 * Every run is also a row (mark 'run', in the order fitted): the RD
 * behind its cell's S_w, which the page's phase-diagram explorer
 * (src/components/PhaseExplorer.astro) fits again and draws; `fitted` says
 * whether its RD entered the log-log fit (a non-positive or non-finite RD
 * cannot).
 */
export function sHeatmapData(gammas: number[], gammaEdges: number[], gammaPrimes: number[], runs: RdRun[]): Required<FigureData<SHeatmapRow, SHeatmapValues>> {
  const rows: SHeatmapRow[] = [];
  let crossingError = 0;
  let crossings = 0;
  for (const gammaPrime of gammaPrimes) {
    const sw = gammas.map((gamma, gi) => {
      const at = runs.filter((r) => r.gamma === gamma && r.gammaPrime === gammaPrime);
      const clean = at.filter((r) => r.degenerate === null);
      const fit = growthExponent(
        clean.map((r) => r.m),
        clean.map((r) => r.rdW),
      );
      rows.push({
        mark: 'cell',
        gamma,
        gamma_prime: gammaPrime,
        s_w: finite(fit.slope),
        s_w_se: finite(fit.stderr),
        gamma_lo: gammaEdges[gi],
        gamma_hi: gammaEdges[gi + 1],
        degenerate: degenerateOfRuns(at.map((r) => r.degenerate)),
      });
      // the runs whose RD entered the fit: clean ones that growthExponent kept (fit.dropped indexes `clean`)
      const used = new Set(clean.filter((_, i) => !fit.dropped.includes(i)));
      at.forEach((r) => {
        rows.push({
          mark: 'run',
          gamma,
          gamma_prime: gammaPrime,
          m: r.m,
          rd_w: finite(r.rdW),
          status: r.status ?? (r.converged ? 'converged' : 'not converged'),
          fitted: used.has(r),
          cell: r.cell ?? '',
        });
      });
      return fit.slope;
    });
    for (const gammaStar of zeroCrossings(gammas, sw)) {
      rows.push({ mark: 'star', gamma_prime: gammaPrime, gamma_star: gammaStar });
      crossingError = Math.max(crossingError, Math.abs(gammaStar - boundaryGamma(gammaPrime)));
      crossings++;
    }
  }
  for (const p of boundaryLine(gammaPrimes[0], gammaPrimes.at(-1)!)) rows.push({ mark: 'boundary', gamma: p.gamma, gamma_prime: p.gammaPrime });
  const widths = [...new Set(runs.map((r) => r.m))].sort((p, q) => p - q);
  return {
    rows,
    values: {
      cells: gammas.length * gammaPrimes.length,
      runs: runs.length,
      not_converged: runs.filter((r) => !r.converged).length,
      crossings,
      max_crossing_error: crossingError,
      widths: widths.join(', '),
      ...reasonCounts(runs.map((r) => r.degenerate)),
    },
  };
}
