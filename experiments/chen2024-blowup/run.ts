/**
 * One cell of chen2024-blowup: GD from scale ε until the loss leaves its
 * plateau, the effective model's prediction, and the first layer's rows at the
 * end of the plateau (their norms and cosines with z, for chen2024-alignment).
 */
import { rowAlignment } from '../../src/engine/chen2024/alignment.js';
import { chen2024Data } from '../../src/engine/chen2024/data.js';
import { type GdNetwork, initTwoLayerNet, targetVector, ThreeLayerNet, TwoLayerNet } from '../../src/engine/chen2024/network.js';
import { initThreeLayerEffective, threeLayerBlowUpTime, twoLayerExitTime } from '../../src/engine/chen2024/prediction.js';
import type { CellSpec, RunContext } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ seed, params: p }: CellSpec<Params>, ctx: RunContext): Result {
  const data = chen2024Data(p.data);
  const z = targetVector(data);
  let net: GdNetwork<unknown>;
  let tPred: number;
  /** the first layer's weights (m, d + 1), bias column last: W1 (three layers) or W (two layers) */
  let firstLayer: () => Float64Array;
  if (p.net === 'three-layer') {
    const s0 = initThreeLayerEffective(p.m, data.d1, p.eps, seed);
    tPred = threeLayerBlowUpTime(s0, z);
    const three = new ThreeLayerNet(s0, data);
    firstLayer = () => three.state.W1;
    net = three;
  } else {
    const s0 = initTwoLayerNet(p.m, data.d1, p.eps, seed);
    tPred = twoLayerExitTime(s0, z, data, p.plateauEnd);
    const two = new TwoLayerNet(s0, data);
    firstLayer = () => two.state.W;
    net = two;
  }
  const maxSteps = Math.ceil((p.maxTimeFactor * tPred) / p.lr);
  const initialLoss = net.loss();
  const tol = p.plateauEnd * initialLoss;
  let L = initialLoss;
  let step = 0;
  while (L >= tol && Number.isFinite(L) && step < maxSteps) {
    net.step(p.lr);
    step++;
    L = net.loss();
    if (step % 2000 === 0) ctx.progress(step / maxSteps);
  }
  const status = !Number.isFinite(L) ? 'diverged' : L < tol ? 'exited' : 'max-steps';
  return {
    status,
    tExit: status === 'exited' ? p.lr * step : null,
    tPred,
    steps: step,
    initialLoss,
    finalLoss: Number.isFinite(L) ? L : null,
    zNorm: Math.hypot(...z),
    firstLayer: rowAlignment(firstLayer(), p.m, z),
    path: 'float64',
  };
}
