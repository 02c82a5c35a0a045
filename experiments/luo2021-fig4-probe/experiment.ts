/**
 * luo2021-fig4-probe: why the sign change of S_w at γ′ = −0.2 and −0.1 lies
 * near γ = 0.93 rather than at the theoretical γ = 1. The rows of Fig. 4
 * around the boundary (γ′ from −0.3 to 0, γ from 0.81 to 1.1) re-run with
 * several seeds and wider widths (baseline), and, from the first seed's
 * initialisations, under a tighter and a looser loss tolerance, a smaller
 * starting lr0, and the authors' learning-rate rule.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { cellGrid } from '../../src/pipeline/grid.js';
import { outcome, protocol } from '../shared/protocol.js';

export const lrRule = z.enum(['stiffness', 'code']);

const variant = z
  .object({
    /** name in cell ids and in the table */
    name: z.string().regex(/^[a-z0-9-]+$/),
    label: z.string(),
    lr0: z.number().positive(),
    tol: z.number().positive(),
    rule: lrRule,
  })
  .strict();

export const config = z
  .object({
    gammaPrimes: z.array(z.number()).min(1),
    /** γ values of the rows (increasing) */
    gammas: z.array(z.number()).min(2),
    /** widths of every variant */
    widths: z.array(z.number().int().min(2)).min(2),
    /** further widths of the baseline only */
    wideWidths: z.array(z.number().int().min(2)),
    /** independent initialisations of the baseline; the variants use the first */
    seeds: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
    asiBelow: z.number(),
    /** the baseline protocol (Fig. 4's) */
    protocol,
    /** the variants, each differing from the baseline in lr0, tol or the lr rule */
    variants: z.array(variant),
  })
  .strict()
  .refine((c) => c.gammas.every((g, i) => i === 0 || g > c.gammas[i - 1]), { message: 'gammas must increase', path: ['gammas'] })
  .refine((c) => c.variants.every((v) => v.name !== 'baseline'), { message: '"baseline" is reserved', path: ['variants'] });

export type Config = z.infer<typeof config>;

export const params = z
  .object({
    variant: z.string(),
    m: z.number().int().min(2),
    gamma: z.number(),
    gammaPrime: z.number(),
    replicate: z.number().int().nonnegative(),
    antisymmetric: z.boolean(),
    rule: lrRule,
    protocol,
  })
  .strict();

export type Params = z.infer<typeof params>;

export const result = outcome.extend({
  rdW: z.number(),
  /** the step size of the attempt that ended the run */
  lr: z.number(),
});

export type Result = z.infer<typeof result>;

export const figures = {
  'luo2021-fig4-probe': {
    title: 'Where S(w) changes sign near the boundary of Fig. 4, under the settings it could depend on',
    row: z.object({
      mark: z.literal('setting'),
      /** 'first-seed', 'seeds', 'wider', 'widest' (the baseline) or a variant's name */
      key: z.string(),
      /** what differs from Fig. 4's setting */
      setting: z.string(),
      widths: z.string(),
      seeds: z.number().int(),
      gamma_prime: z.number(),
      /** the zeros of S_w along γ (linear interpolation), mean ± standard deviation over seeds where several */
      gamma_star: z.number().nullable(),
      gamma_star_std: z.number().nullable(),
      /** zeros per seed (some seeds may have several) */
      zeros: z.string(),
      /** S_w at the γ of the grid nearest 0.95, mean over seeds */
      s_w_near: z.number().nullable(),
      runs: z.number().int(),
      not_converged: z.number().int(),
    }),
    values: z
      .object({
        widths: z.string(),
        wide_widths: z.string(),
        gammas: z.string(),
        seeds: z.number().int(),
        runs: z.number().int(),
        not_converged: z.number().int(),
        gamma_near: z.number(),
      })
      .catchall(z.union([z.number(), z.string()])),
  },
};

const protocolFig4 = { lr0: 1, tol: 1e-6, maxSteps: 800_000, maxRestarts: 30 };
const variants = [
  { name: 'tol-1e-7', label: 'loss tolerance 10⁻⁷', lr0: 1, tol: 1e-7, rule: 'stiffness' as const },
  { name: 'tol-1e-5', label: 'loss tolerance 10⁻⁵', lr0: 1, tol: 1e-5, rule: 'stiffness' as const },
  { name: 'lr0-1-16', label: 'lr₀ starting at 1/16', lr0: 1 / 16, tol: 1e-6, rule: 'stiffness' as const },
  { name: 'code-lr', label: 'the code’s rule lr = lr₀ α√(β₁β₂)', lr0: 1, tol: 1e-6, rule: 'code' as const },
];

export default defineExperiment<Config, Params, Result>({
  id: 'luo2021-fig4-probe',
  title: 'What moves the sign change of S(w) near the boundary',
  paper: 'luo2021',
  config,
  profiles: {
    quick: {
      // every row and variant of the paper profile (the page quotes each), at small widths
      gammaPrimes: [-0.3, -0.2, -0.1, 0],
      gammas: [0.8, 1, 1.2],
      widths: [250, 500, 1000],
      wideWidths: [2000],
      seeds: 2,
      seed: 41,
      asiBelow: 0.5,
      protocol: protocolFig4,
      variants,
    },
    paper: {
      gammaPrimes: [-0.3, -0.2, -0.1, 0],
      gammas: [0.8125, 0.905, 0.9525, 0.98, 0.9975, 1.015, 1.0375, 1.1],
      widths: [1000, 5000, 10000, 20000, 40000],
      wideWidths: [80000, 160000],
      seeds: 4,
      seed: 41,
      asiBelow: 0.5,
      protocol: protocolFig4,
      variants,
    },
  },
  cells: (c) => {
    const settings = [{ name: 'baseline', lr0: c.protocol.lr0, tol: c.protocol.tol, rule: 'stiffness' as const }, ...c.variants];
    return cellGrid({
      axes: {
        variant: settings.map((s) => s.name),
        gammaPrime: c.gammaPrimes,
        gamma: c.gammas,
        replicate: Array.from({ length: c.seeds }, (_, i) => i),
        m: [...c.widths, ...c.wideWidths],
      },
      labels: { gammaPrime: "gamma'", replicate: 'seed' },
      baseSeed: c.seed,
      // every variant starts from the baseline's initialisations
      sharedSeedAxes: ['variant'],
      params: ({ variant: name, gammaPrime, gamma, replicate, m }) => {
        const s = settings.find((v) => v.name === name)!;
        return {
          variant: name,
          m,
          gamma,
          gammaPrime,
          replicate,
          antisymmetric: gamma <= c.asiBelow,
          rule: s.rule,
          protocol: { ...c.protocol, lr0: s.lr0, tol: s.tol },
        };
      },
    }).filter((cell) => cell.params.variant === 'baseline' || (cell.params.replicate === 0 && c.widths.includes(cell.params.m)));
  },
  params,
  result,
  figures,
});
