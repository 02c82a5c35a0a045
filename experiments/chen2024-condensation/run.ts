/**
 * One cell of chen2024-condensation: a three-layer tanh network trained by GD
 * from N(0, std²), std = scaleBase^{−α}, with snapshots of its loss, its distance
 * to the effective model's trajectory from the same initialisation, the
 * final-stage condition and the conservation laws. `train` saves its parameters
 * at the checkpoint iteration; `retrain` starts from them.
 *
 * The network trains on the fused WebAssembly kernel for smooth activations
 * with compensated updates (src/engine/chen2024/kernelNet.ts: θ = θ_hi + θ_lo,
 * float32 pairs, from θ_lo = θ0 − fl32(θ0)): at this initialisation a step
 * moves each weight by a few float32 ulp, which plain float32 would round in
 * nearly the same direction every step. Checked against float64 GD
 * (src/engine/chen2024/network.ts) on every cell of both profiles: the same
 * exit and failure steps, the page's values equal to 4 digits or better
 * (test/engine/three-layer-smooth-kernel.test.ts on the quick `train` cell).
 */
import { chen2024Data } from '../../src/engine/chen2024/data.js';
import {
  decodeState,
  EffectiveTrajectory,
  encodeState,
  finalStageCondition,
  relativeConservationDrift,
  relativeDistance3,
} from '../../src/engine/chen2024/measures.js';
import { ThreeLayerKernelNet } from '../../src/engine/chen2024/kernelNet.js';
import { targetVector, ThreeLayerNet } from '../../src/engine/chen2024/network.js';
import { threeLayerBlowUpTime } from '../../src/engine/chen2024/prediction.js';
import { conservedQuantities, initThreeLayerEffective, type ThreeLayerState } from '../../src/engine/effectiveDynamics.js';
import { similarityMatrix } from '../../src/engine/metrics/cosineSimilarity.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

type Snapshot = Result['snapshots'][number];

const orNull = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

/** D(W1_k, W1_l) with rows in `order`, as means over blocks of `block` neurons: (side, side) row-major, 2 decimals. */
function blockSimilarity(s: ThreeLayerState, order: number[], block: number): number[] {
  const { m, d1, W1 } = s;
  const rows = new Float64Array(m * d1);
  order.forEach((k, r) => {
    for (let j = 0; j < d1; j++) rows[r * d1 + j] = W1[k * d1 + j];
  });
  const D = similarityMatrix(rows, m, d1);
  const side = Math.ceil(m / block);
  const out: number[] = [];
  for (let bi = 0; bi < side; bi++) {
    for (let bj = 0; bj < side; bj++) {
      let sum = 0;
      let count = 0;
      for (let i = bi * block; i < Math.min(m, (bi + 1) * block); i++) {
        for (let j = bj * block; j < Math.min(m, (bj + 1) * block); j++) {
          sum += D[i * m + j];
          count++;
        }
      }
      out.push(Math.round((100 * sum) / count) / 100);
    }
  }
  return out;
}

/** Neurons sorted by cos(W1_k, z), descending. */
function orderByAlignment(s: ThreeLayerState, z: Float64Array): number[] {
  const { m, d1, W1 } = s;
  const zn = Math.hypot(...z);
  const cos = Array.from({ length: m }, (_, k) => {
    let dot = 0;
    let nn = 0;
    for (let j = 0; j < d1; j++) {
      dot += W1[k * d1 + j] * z[j];
      nn += W1[k * d1 + j] ** 2;
    }
    return nn > 0 ? dot / (Math.sqrt(nn) * zn) : 0;
  });
  return Array.from({ length: m }, (_, k) => k).sort((k, l) => cos[l] - cos[k] || k - l);
}

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = chen2024Data(p.data);
  const z = targetVector(data);
  const std = p.scaleBase ** -p.alpha;
  const s0 = initThreeLayerEffective(p.m, data.d1, std, seed);
  const tStar = threeLayerBlowUpTime(s0, z);
  const effective = new EffectiveTrajectory(s0, z);
  const c0 = conservedQuantities(s0);
  const full = p.kind !== 'sweep'; // the sweep needs the loss and the condition only

  // where the run starts: step and time
  let start = 0;
  let t0 = 0;
  let from = s0;
  if (p.kind === 'retrain') {
    if (!ctx.parentState) throw new Error('chen2024-condensation retrain: the pipeline gave no parent state (ctx.parentState)');
    from = decodeState(ctx.parentState(), p.m, data.d1);
    start = p.checkpoint;
    t0 = p.parentLr * p.checkpoint;
  }
  const steps = p.kind === 'sweep' ? Math.ceil((p.timeFactor * tStar) / p.lr) : p.steps;
  const net = new ThreeLayerKernelNet(from, data, true);
  const every = Math.max(1, Math.round(steps / p.snapshots));

  const initialLoss = new ThreeLayerNet(s0, data).loss();
  const tol = p.plateauEnd * initialLoss;
  const snapshots: Snapshot[] = [];
  let exitStep: number | null = null;
  let failStep: number | null = null;
  let exitState: ThreeLayerState | undefined;
  let L = Number.NaN;
  let k = 0;
  for (; k <= steps; k++) {
    const step = start + k;
    const t = t0 + p.lr * k;
    L = net.loss();
    if (!Number.isFinite(L)) break;
    if (exitStep === null && L < tol) {
      exitStep = step;
      exitState = { ...net.state, a: Float64Array.from(net.state.a), W2: Float64Array.from(net.state.W2), W1: Float64Array.from(net.state.W1) };
    }
    if (k % every === 0 || k === steps || (exitStep === step && full)) {
      const eff = effective.at(t);
      const dist = eff ? relativeDistance3(net.state, eff) : Number.POSITIVE_INFINITY;
      if (failStep === null && !(dist <= p.failThreshold)) failStep = step;
      const cond = finalStageCondition(net.state, z);
      const snap: Snapshot = { step, t, loss: orNull(L), dist: eff ? orNull(dist) : null, r: orNull(cond.r), s: orNull(cond.positiveSum) };
      if (full) {
        const dn = relativeConservationDrift(c0, net.state);
        const de = eff ? relativeConservationDrift(c0, eff) : undefined;
        Object.assign(snap, { netAW2: orNull(dn.aW2), netW2W1: orNull(dn.W2W1), effAW2: de ? orNull(de.aW2) : null, effW2W1: de ? orNull(de.W2W1) : null });
      }
      snapshots.push(snap);
    }
    if (p.kind === 'train' && step === p.checkpoint) ctx.saveState?.(encodeState(net.state));
    if (k === steps) break;
    net.step(p.lr);
    if (k % 1000 === 0) ctx.progress(k / steps);
  }
  const diverged = !Number.isFinite(L);
  let heatmaps: Result['heatmaps'];
  if (p.kind === 'train') {
    const at = exitState ?? net.state;
    const order = orderByAlignment(at, z);
    const block = Math.max(1, Math.ceil(p.m / p.heatmapSide));
    heatmaps = { side: Math.ceil(p.m / block), block, init: blockSimilarity(s0, order, block), exit: blockSimilarity(at, order, block) };
  }
  net.dispose();
  return {
    kind: p.kind,
    status: diverged ? 'diverged' : 'ok',
    tStar,
    initialLoss,
    finalLoss: diverged ? null : L,
    exitStep,
    failStep,
    steps: k,
    lr: p.lr,
    snapshots,
    heatmaps,
    path: 'wasm-kernel-compensated',
  };
}
