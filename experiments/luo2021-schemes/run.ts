/** luo2021 Table 1: evaluate every named scheme at the configured widths. */
import { eEtAl, twoLayerSchemeAt, twoLayerSchemes } from '../../src/engine/twoLayer/schemes.js';
import type { CellSpec } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ params: c }: CellSpec<Params>): Result {
  const schemes = [...twoLayerSchemes, ...c.eEtAl.map(eEtAl)];
  return {
    rows: schemes.flatMap((s) =>
      c.widths.map((m) => {
        const at = twoLayerSchemeAt(s, m, c.d);
        return {
          scheme: s.name,
          m,
          d: c.d,
          alpha: at.alpha,
          beta1: at.beta1,
          beta2: at.beta2,
          kappa: at.kappa,
          kappaPrime: at.kappaPrime,
          gammaAtM: at.gamma,
          gammaPrimeAtM: at.gammaPrime,
          gamma: s.gamma,
          gammaPrime: s.gammaPrime,
        };
      }),
    ),
  };
}
