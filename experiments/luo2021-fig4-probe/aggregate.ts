/**
 * luo2021-fig4-probe: per setting and γ′, the zeros of S_w along γ (S_w fitted
 * per seed over the widths), against Fig. 4's setting: the baseline over its
 * widths, over all widths and over the widest ones, and each variant.
 */
import { growthExponent, zeroCrossings } from '../../src/engine/metrics/growthExponent.js';
import { finite } from '../../src/pipeline/compact.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['luo2021-fig4-probe']>;
type Cell = AggregateInput<Config, Params, Result>['cells'][number];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const fmt = (x: number) => x.toFixed(3);

/** S_w along the γ of the config from one seed's cells of one setting and γ′, over `widths`. */
function slopes(config: Config, cells: Cell[], widths: number[]): number[] {
  return config.gammas.map((gamma) => {
    const at = cells.filter((c) => c.cell.params.gamma === gamma && widths.includes(c.cell.params.m));
    if (at.length !== widths.length) throw new Error(`luo2021-fig4-probe: ${at.length} of ${widths.length} widths at γ = ${gamma}`);
    return growthExponent(
      at.map((c) => c.cell.params.m),
      at.map((c) => c.result.rdW),
    ).slope;
  });
}

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'luo2021-fig4-probe': Data } {
  const near = config.gammas.reduce((a, b) => (Math.abs(b - 0.95) < Math.abs(a - 0.95) ? b : a));
  const iNear = config.gammas.indexOf(near);
  const all = [...config.widths, ...config.wideWidths];
  const wide = all.filter((m) => m >= config.widths[Math.floor(config.widths.length / 2)]);
  const settings: { key: string; name: string; setting: string; widths: number[]; seeds: number }[] = [
    { key: 'first-seed', name: 'baseline', setting: 'Fig. 4’s setting, first seed', widths: config.widths, seeds: 1 },
    { key: 'seeds', name: 'baseline', setting: 'Fig. 4’s setting, every seed', widths: config.widths, seeds: config.seeds },
    { key: 'wider', name: 'baseline', setting: 'Fig. 4’s setting, wider widths', widths: all, seeds: config.seeds },
    { key: 'widest', name: 'baseline', setting: 'Fig. 4’s setting, the widest widths only', widths: wide, seeds: config.seeds },
    ...config.variants.map((v) => ({ key: v.name, name: v.name, setting: v.label, widths: config.widths, seeds: 1 })),
  ];
  const rows: Data['rows'] = [];
  const values: NonNullable<Data['values']> = {
    widths: config.widths.join(', '),
    wide_widths: config.wideWidths.join(', '),
    widest_widths: wide.join(', '),
    gammas: config.gammas.join(', '),
    seeds: config.seeds,
    runs: cells.length,
    not_converged: cells.filter((c) => c.result.status !== 'converged').length,
    gamma_near: near,
  };
  for (const s of settings) {
    for (const gammaPrime of config.gammaPrimes) {
      const perSeed: number[][] = [];
      const near: number[] = [];
      let runs = 0;
      let notConverged = 0;
      for (let replicate = 0; replicate < s.seeds; replicate++) {
        const at = cells.filter(
          (c) =>
            c.cell.params.variant === s.name &&
            c.cell.params.gammaPrime === gammaPrime &&
            c.cell.params.replicate === replicate &&
            s.widths.includes(c.cell.params.m),
        );
        runs += at.length;
        notConverged += at.filter((c) => c.result.status !== 'converged').length;
        const sw = slopes(config, at, s.widths);
        perSeed.push(zeroCrossings(config.gammas, sw));
        near.push(sw[iNear]);
      }
      // one γ* per seed: the mean of its zeros (a single zero in most rows)
      const stars = perSeed.filter((z) => z.length > 0).map(mean);
      const gammaStar = stars.length > 0 ? mean(stars) : null;
      rows.push({
        mark: 'setting',
        key: s.key,
        setting: s.setting,
        widths: s.widths.join(', '),
        seeds: s.seeds,
        gamma_prime: gammaPrime,
        gamma_star: gammaStar === null ? null : finite(gammaStar),
        gamma_star_std: stars.length > 1 ? finite(std(stars)) : null,
        zeros: perSeed.map((z) => (z.length === 0 ? 'none' : z.map(fmt).join(' & '))).join('; '),
        s_w_near: finite(mean(near)),
        runs,
        not_converged: notConverged,
      });
      const tag = `${s.key}@${gammaPrime}`;
      if (gammaStar !== null) values[`gamma_star@${tag}`] = gammaStar;
      values[`s_w_near@${tag}`] = mean(near);
      if (stars.length > 1) values[`gamma_star_std@${tag}`] = std(stars);
    }
  }
  return { 'luo2021-fig4-probe': { rows, values } };
}
