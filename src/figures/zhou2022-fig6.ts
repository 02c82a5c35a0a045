/**
 * zhou2022 Fig. 6: the growth exponents over the (γ₂, γ₃) plane on MNIST,
 * drawn as Fig. 5 (./zhou2022-fig5.ts): (a) S(W¹) with its zero crossings
 * along γ₃, (b) S(W²) along γ₂, (c) S(W²) along γ₃. Its rows have Fig. 5's
 * schema (experiments/zhou2022-fig6/experiment.ts).
 */
import type { figures } from '../../experiments/zhou2022-fig6/experiment.js';
import type { FigureDataOf } from '../pipeline/experiment.js';
import type { FigureView } from './types.js';
import { sFigureView } from './zhou2022-fig5.js';

type Data = FigureDataOf<(typeof figures)['zhou2022-fig6']>;

export const figure: FigureView<Data> = sFigureView('zhou2022-fig6');
