/** introduction-regimes: each scheme's limit coordinates (γ, γ') and its regime by luo2021's theorems. */
import { regime } from '../../src/engine/theory/luo2021.js';
import { twoLayerCoordinates } from '../../src/engine/twoLayer/parametrisation.js';
import { eEtAl, twoLayerSchemes } from '../../src/engine/twoLayer/schemes.js';
import type { CellSpec } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ params: c }: CellSpec<Params>): Result {
  const schemes = [...twoLayerSchemes, ...c.eEtAl.map(eEtAl)].map((s) => ({ scheme: s.name, gamma: s.gamma, gammaPrime: s.gammaPrime }));
  // the demo: α = 1, β1 = β2 = m^(−e); κ = m^(−2e) and κ' = 1 exactly, so its coordinates at any width are the limits
  const m = 100;
  const beta = m ** -c.demoInitExponent;
  const demo = twoLayerCoordinates({ alpha: 1, beta1: beta, beta2: beta }, m);
  const rounded = (v: number) => Math.round(v * 1e9) / 1e9 || 0; // (no −0)
  schemes.push({ scheme: '1-d demo (this page)', gamma: rounded(demo.gamma), gammaPrime: rounded(demo.gammaPrime) });
  return { rows: schemes.map((s) => ({ ...s, regime: regime(s.gamma, s.gammaPrime) })) };
}
