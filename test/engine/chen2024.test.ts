/**
 * The chen2024 engine: float64 gradients of the two- and three-layer tanh
 * networks against central differences, the singular values, the checkpoint
 * encoding, the final-stage condition and the effective trajectory.
 */
import { describe, expect, it } from 'vitest';
import { chen2024Data } from '../../src/engine/chen2024/data.js';
import { decodeState, EffectiveTrajectory, encodeState, finalStageCondition, singularValues } from '../../src/engine/chen2024/measures.js';
import { initTwoLayerNet, targetVector, ThreeLayerNet, TwoLayerNet } from '../../src/engine/chen2024/network.js';
import { threeLayerBlowUpTime, twoLayerExitTime } from '../../src/engine/chen2024/prediction.js';
import { initThreeLayerEffective, integrateThreeLayer, type ThreeLayerState } from '../../src/engine/effectiveDynamics.js';

const data = chen2024Data({ n: 5, d: 3, seed: 2, scale: 1 });

/** The gradient a step took: (θ − θ') / lr, flattened. */
function stepGradient<S>(make: () => { loss(): number; step(lr: number): void; state: S }, flat: (s: S) => Float64Array): Float64Array {
  const net = make();
  const before = flat(net.state).slice();
  net.loss();
  net.step(1e-3);
  return before.map((v, i) => (v - flat(net.state)[i]) / 1e-3);
}

const flat3 = (s: ThreeLayerState) => Float64Array.from([...s.a, ...s.W2, ...s.W1]);

describe('chen2024 networks', () => {
  it('three layers: the GD step follows −∇R_S (central differences)', () => {
    const s0 = initThreeLayerEffective(4, data.d1, 0.7, 3);
    const g = stepGradient(() => new ThreeLayerNet(s0, data), flat3);
    const theta = flat3(s0);
    const lossAt = (th: Float64Array) => {
      const m = 4;
      const s = { m, d1: data.d1, a: th.slice(0, m), W2: th.slice(m, m + m * m), W1: th.slice(m + m * m) };
      return new ThreeLayerNet(s, data).loss();
    };
    for (let i = 0; i < theta.length; i++) {
      const h = 1e-6;
      const up = theta.slice();
      const down = theta.slice();
      up[i] += h;
      down[i] -= h;
      expect(g[i]).toBeCloseTo((lossAt(up) - lossAt(down)) / (2 * h), 6);
    }
  });

  it('two layers: the GD step follows −∇R_S (central differences)', () => {
    const s0 = initTwoLayerNet(5, data.d1, 0.8, 4);
    const flat2 = (s: typeof s0) => Float64Array.from([...s.a, ...s.W]);
    const g = stepGradient(() => new TwoLayerNet(s0, data), flat2);
    const theta = flat2(s0);
    const lossAt = (th: Float64Array) => new TwoLayerNet({ m: 5, d1: data.d1, a: th.slice(0, 5), W: th.slice(5) }, data).loss();
    for (let i = 0; i < theta.length; i++) {
      const up = theta.slice();
      const down = theta.slice();
      up[i] += 1e-6;
      down[i] -= 1e-6;
      expect(g[i]).toBeCloseTo((lossAt(up) - lossAt(down)) / 2e-6, 6);
    }
  });

  it('names a data/network mismatch', () => {
    expect(() => new ThreeLayerNet(initThreeLayerEffective(3, data.d1 + 1, 0.1, 1), data)).toThrow(/d \+ 1 = 4 input columns, the network 5/);
  });
});

describe('chen2024 measures', () => {
  it('singular values of a known matrix', () => {
    // diag(3, 2, 1) rotated on the left and right by permutations
    const P = [0, 2, 0, 0, 0, -1, 3, 0, 0];
    const sv = singularValues(P, 3);
    expect(sv[0]).toBeCloseTo(3, 12);
    expect(sv[1]).toBeCloseTo(2, 12);
    expect(sv[2]).toBeCloseTo(1, 12);
  });

  it('a checkpoint decodes to the state it encodes, and a wrong size is named', () => {
    const s = initThreeLayerEffective(3, 4, 0.5, 9);
    const back = decodeState(encodeState(s), 3, 4);
    expect(Array.from(back.W2)).toEqual(Array.from(s.W2));
    expect(Array.from(back.W1)).toEqual(Array.from(s.W1));
    expect(() => decodeState(encodeState(s), 4, 4)).toThrow(/width 4 and input 4 has/);
  });

  it('the effective flow enters the final stage (condition 1 holds) before it blows up', () => {
    const z = targetVector(data);
    const s0 = initThreeLayerEffective(6, data.d1, 1e-3, 5);
    const T = threeLayerBlowUpTime(s0, z);
    const traj = new EffectiveTrajectory(s0, z);
    const late = traj.at(0.999 * T) as ThreeLayerState;
    expect(finalStageCondition(late, z).r).toBe(0);
    expect(finalStageCondition(s0, z).r).toBeGreaterThan(0);
    expect(traj.at(1.01 * T)).toBeUndefined();
    // the trajectory agrees with integrateThreeLayer's blow-up time
    expect(Math.abs(integrateThreeLayer(s0, z).blowUpTime / T - 1)).toBeLessThan(1e-9);
  });

  it('the two-layer linear model leaves the plateau after about log(1/ε)/|z|', () => {
    const z = targetVector(data);
    const zn = Math.hypot(...z);
    const t1 = twoLayerExitTime(initTwoLayerNet(8, data.d1, 1e-3, 1), z, data, 0.9);
    const t2 = twoLayerExitTime(initTwoLayerNet(8, data.d1, 1e-6, 1), z, data, 0.9);
    expect((t2 - t1) / Math.log(1e3)).toBeCloseTo(1 / zn, 1);
  });
});
