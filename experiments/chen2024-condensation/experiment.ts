/**
 * chen2024 Figs. 1 and 2 and the conservation laws: one three-layer tanh
 * network of width m = 200 from N(0, 1/200⁴) (chen2024 Fig. 1 and 2 captions),
 * trained by GD with lr = 5×10⁻³ (`train`), and retrained from its checkpoint
 * with lr = 5×10⁻⁴ (`retrain`, a continuation: CellSpec.parent); and, for
 * Fig. 2 right, networks from N(0, 1/200^{2α}) over α (`alpha=…`).
 * Activation (tanh), data and numbers of steps are this reproduction's choice.
 */
import { z } from 'zod';
import { defineExperiment } from '../../src/pipeline/experiment.js';
import { hashSeed } from '../../src/pipeline/grid.js';
import { dataSpec } from '../chen2024-blowup/experiment.js';
import { degenerateField, degenerateValues } from '../shared/degenerate.js';

export const config = z
  .object({
    data: dataSpec,
    /** the plateau ends when R_S first falls below plateauEnd · R_S(θ0) */
    plateauEnd: z.number().gt(0).lt(1),
    /** the effective model fails where ‖θ − θ_eff‖/‖θ_eff‖ > failThreshold (or past its blow-up) */
    failThreshold: z.number().positive(),
    /** snapshots per run (evenly spaced in steps) */
    snapshots: z.number().int().min(10),
    /** heatmaps are drawn as means over blocks of neurons, at most this many a side */
    heatmapSide: z.number().int().min(10),
    train: z
      .object({
        m: z.number().int().min(2),
        /** every weight N(0, std²), std = scaleBase^{−alpha} */
        scaleBase: z.number().gt(1),
        alpha: z.number().positive(),
        lr: z.number().positive(),
        steps: z.number().int().positive(),
        /** the iteration whose parameters `retrain` starts from */
        checkpoint: z.number().int().positive(),
        seed: z.number().int().nonnegative(),
      })
      .strict(),
    retrain: z.object({ lr: z.number().positive(), steps: z.number().int().positive() }).strict(),
    sweep: z
      .object({
        m: z.number().int().min(2),
        alphas: z.array(z.number().positive()).min(2),
        lr: z.number().positive(),
        /** each run lasts timeFactor · T* of its effective model */
        timeFactor: z.number().gt(1),
        seed: z.number().int().nonnegative(),
      })
      .strict(),
  })
  .strict()
  .refine((c) => c.train.checkpoint < c.train.steps, { message: 'train.checkpoint must be before train.steps', path: ['train', 'checkpoint'] });

export type Config = z.infer<typeof config>;

const common = {
  data: dataSpec,
  plateauEnd: z.number().gt(0).lt(1),
  failThreshold: z.number().positive(),
  snapshots: z.number().int().min(10),
  m: z.number().int().min(2),
  scaleBase: z.number().gt(1),
  alpha: z.number().positive(),
};

export const params = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('train'),
      ...common,
      heatmapSide: z.number().int(),
      lr: z.number().positive(),
      steps: z.number().int(),
      checkpoint: z.number().int(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('retrain'),
      ...common,
      /** lr and step of the checkpoint it starts from */
      parentLr: z.number().positive(),
      checkpoint: z.number().int(),
      lr: z.number().positive(),
      steps: z.number().int(),
    })
    .strict(),
  z.object({ kind: z.literal('sweep'), ...common, lr: z.number().positive(), timeFactor: z.number().gt(1) }).strict(),
]);

export type Params = z.infer<typeof params>;

const snapshot = z.object({
  step: z.number().int(),
  t: z.number(),
  loss: z.number().nullable(),
  /** ‖θ − θ_eff‖/‖θ_eff‖ (null past the effective model's blow-up) */
  dist: z.number().nullable(),
  /** violation of the final-stage condition 1 (src/engine/chen2024/measures.ts) */
  r: z.number().nullable(),
  /** the sum of its positive numbers Σ_l max(−u_l v_l, 0), not normalised */
  s: z.number().nullable(),
  /** conservation-law drift of the network and of the effective model (null past its blow-up) */
  netAW2: z.number().nullable(),
  netW2W1: z.number().nullable(),
  effAW2: z.number().nullable(),
  effW2W1: z.number().nullable(),
});

export const result = z.object({
  kind: z.enum(['train', 'retrain', 'sweep']),
  status: z.enum(['ok', 'diverged']),
  /** T* of the effective model from the same initialisation */
  tStar: z.number(),
  initialLoss: z.number(),
  finalLoss: z.number().nullable(),
  /** first step with R_S < plateauEnd · R_S(θ0) (null if never) */
  exitStep: z.number().int().nullable(),
  /** first step at which the effective model fails (null if never) */
  failStep: z.number().int().nullable(),
  steps: z.number().int(),
  lr: z.number(),
  snapshots: z.array(snapshot.partial({ netAW2: true, netW2W1: true, effAW2: true, effW2W1: true })),
  /** train: D(W1_k, W1_l) at initialisation and at the plateau's exit, neurons sorted by cos(W1_k, z) at the exit, block means */
  heatmaps: z.object({ side: z.number().int(), block: z.number().int(), init: z.array(z.number()), exit: z.array(z.number()) }).optional(),
  /** the fused smooth-activation kernel with compensated float32 updates (src/engine/chen2024/kernelNet.ts) */
  path: z.literal('wasm-kernel-compensated'),
});

export type Result = z.infer<typeof result>;

const runName = z.enum(['train', 'retrain']);

export const figures = {
  'chen2024-fig1': {
    title: 'Loss of a three-layer network trained with lr = 5×10⁻³ and retrained from a checkpoint with lr = 5×10⁻⁴; condensation of the first layer W⁽¹⁾',
    row: z.discriminatedUnion('mark', [
      z.object({ mark: z.literal('loss'), run: runName, step: z.number().int(), t: z.number(), loss: z.number().nullable() }),
      /** steps where the effective model fails (from the first failure to the end of the run) */
      z.object({ mark: z.literal('fail'), run: runName, step_from: z.number().int(), step_to: z.number().int() }),
      z.object({ mark: z.literal('checkpoint'), step: z.number().int() }),
      /** cosine similarity of W1 rows (block means), at initialisation and at the end of the plateau */
      z.object({ mark: z.literal('sim'), when: z.enum(['initialisation', 'condensation']), i: z.number().int(), j: z.number().int(), d: z.number() }),
    ]),
    values: z
      .object({
        m: z.number().int(),
        std: z.number(),
        lr: z.number(),
        retrain_lr: z.number(),
        steps: z.number().int(),
        checkpoint: z.number().int(),
        retrain_steps: z.number().int(),
        threshold: z.number(),
        t_star: z.number(),
        t_star_steps: z.number(),
        exit_step: z.number().optional(),
        fail_step: z.number().optional(),
        retrain_exit_step: z.number().optional(),
        retrain_fail_step: z.number().optional(),
        fail_t: z.number().optional(),
        retrain_fail_t: z.number().optional(),
        final_loss: z.number().optional(),
        retrain_final_loss: z.number().optional(),
        block: z.number().int(),
        n: z.number().int(),
        d: z.number().int(),
        target_scale: z.number(),
        diverged: z.number().int(),
        ...degenerateValues,
        /** why the run `train` (`retrain`) is degenerate, '' when clean */
        degenerate_train: z.string(),
        degenerate_retrain: z.string(),
      })
      .strict(),
  },
  'chen2024-fig2': {
    title: 'The first final-stage condition over training, and its largest violation after the plateau against α',
    row: z.discriminatedUnion('mark', [
      z.object({ mark: z.literal('trace'), step: z.number().int(), t: z.number(), r: z.number().nullable(), loss: z.number().nullable() }),
      /** one run of the sweep: the largest sum of positive numbers over its snapshots, and r at the plateau's exit */
      z.object({
        mark: z.literal('alpha'),
        alpha: z.number(),
        s_max: z.number().nullable(),
        r_exit: z.number().nullable(),
        status: z.enum(['ok', 'diverged', 'no-exit']),
        /** why the run is degenerate (left out of the fit), null when clean */
        degenerate: degenerateField,
      }),
      /** s_max ∝ std³ = scaleBase^{−3α} (degree-3 homogeneity of u_l v_l), through the run at the middle α */
      z.object({ mark: z.literal('reference'), alpha: z.number(), s: z.number() }),
    ]),
    values: z.record(z.string(), z.union([z.number(), z.string()])),
  },
  'chen2024-conservation': {
    title: 'Drift of the conservation laws aaᵀ − W⁽²⁾W⁽²⁾ᵀ and W⁽²⁾ᵀW⁽²⁾ − W⁽¹⁾W⁽¹⁾ᵀ: effective model against the network',
    row: z.object({
      mark: z.literal('drift'),
      model: z.enum(['network', 'effective model']),
      law: z.enum(['aaᵀ − W2W2ᵀ', 'W2ᵀW2 − W1W1ᵀ']),
      t: z.number(),
      drift: z.number(),
    }),
    values: z
      .object({
        eff_max: z.number().optional(),
        net_plateau_max: z.number().optional(),
        net_max: z.number().optional(),
        t_star: z.number(),
        t_plateau: z.number(),
        m: z.number().int(),
        ...degenerateValues,
        /** why the run `train` is degenerate, '' when clean */
        degenerate_train: z.string(),
      })
      .strict(),
  },
};

/** The cells: `train`, `retrain` (continuing from `train`'s checkpoint), and one per α. */
function cells(c: Config) {
  const base = { data: c.data, plateauEnd: c.plateauEnd, failThreshold: c.failThreshold, snapshots: c.snapshots };
  const t = c.train;
  const net = { m: t.m, scaleBase: t.scaleBase, alpha: t.alpha };
  return [
    {
      id: 'train',
      seed: t.seed,
      params: { kind: 'train' as const, ...base, ...net, heatmapSide: c.heatmapSide, lr: t.lr, steps: t.steps, checkpoint: t.checkpoint },
    },
    {
      id: 'retrain',
      seed: t.seed,
      parent: 'train',
      params: { kind: 'retrain' as const, ...base, ...net, parentLr: t.lr, checkpoint: t.checkpoint, lr: c.retrain.lr, steps: c.retrain.steps },
    },
    ...c.sweep.alphas.map((alpha) => ({
      id: `alpha=${alpha}`,
      seed: hashSeed(c.sweep.seed, `alpha=${alpha}`),
      params: { kind: 'sweep' as const, ...base, m: c.sweep.m, scaleBase: t.scaleBase, alpha, lr: c.sweep.lr, timeFactor: c.sweep.timeFactor },
    })),
  ];
}

const shared = { data: { n: 8, d: 5, scale: 10, seed: 1 }, plateauEnd: 0.9, failThreshold: 0.1, snapshots: 200, heatmapSide: 100 };

export default defineExperiment<Config, Params, Result>({
  id: 'chen2024-condensation',
  title: 'Three-layer initial condensation at width 200: loss, checkpoint retraining, final-stage condition, conservation laws',
  paper: 'chen2024',
  config,
  profiles: {
    quick: {
      ...shared,
      snapshots: 60,
      heatmapSide: 30,
      train: { m: 30, scaleBase: 30, alpha: 2, lr: 5e-3, steps: 5000, checkpoint: 3800, seed: 7 },
      retrain: { lr: 5e-4, steps: 12_000 },
      sweep: { m: 10, alphas: [1.5, 2, 2.5], lr: 0.02, timeFactor: 1.25, seed: 11 },
    },
    paper: {
      ...shared,
      train: { m: 200, scaleBase: 200, alpha: 2, lr: 5e-3, steps: 96_000, checkpoint: 84_000, seed: 7 },
      retrain: { lr: 5e-4, steps: 30_000 },
      sweep: { m: 50, alphas: [1.25, 1.5, 1.75, 2, 2.25], lr: 0.02, timeFactor: 1.25, seed: 11 },
    },
  },
  cells,
  params,
  result,
  figures,
});
