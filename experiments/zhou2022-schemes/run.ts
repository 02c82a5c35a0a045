/** zhou2022 Table 1: evaluate every named three-layer scheme at the configured widths. */
import { threeLayerSchemeAt, threeLayerSchemes } from '../../src/engine/threeLayer/schemes.js';
import type { CellSpec } from '../../src/pipeline/experiment.js';
import type { Params, Result } from './experiment.js';

export function run({ params: c }: CellSpec<Params>): Result {
  return {
    rows: threeLayerSchemes.flatMap((s) =>
      c.widths.map((m) => {
        const at = threeLayerSchemeAt(s, m, c.d, c.dOut);
        return {
          scheme: s.name,
          // the engine marks the rows of the paper's table by their source
          inPaper: s.source.startsWith('zhou2022'),
          m,
          d: c.d,
          dOut: c.dOut,
          alpha: at.alpha,
          beta1: at.beta1,
          beta2: at.beta2,
          beta3: at.beta3,
          kappa2: at.kappa2,
          kappa3: at.kappa3,
          gamma2AtM: at.gamma2,
          gamma3AtM: at.gamma3,
          gamma2: s.gamma2,
          gamma3: s.gamma3,
        };
      }),
    ),
  };
}
