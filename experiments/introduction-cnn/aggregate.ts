/** introduction-cnn: the kernels' cosine-similarity matrices (one order for both stages), the loss, the accuracies. */
import { orderForBlocks, permuteMatrix, similarityMatrix } from '../../src/engine/metrics/cosineSimilarity.js';
import type { AggregateInput, FigureDataOf } from '../../src/pipeline/experiment.js';
import { degenerateCounts, degenerateOf } from '../shared/degenerate.js';
import type { Config, figures, Params, Result } from './experiment.js';

type Data = FigureDataOf<(typeof figures)['introduction-cnn']>;

/** The lecture's reported accuracies (Zhang 2025, "Condensation in CNN on MNIST"), in per cent. */
const LECTURE = { train: 100, test: 97.62 };

/** Mean |D| and the fraction of |D| > 0.9 over distinct pairs of a (count, count) matrix. */
function pairStats(D: Float64Array, count: number): { meanAbs: number; aligned: number } {
  let sum = 0;
  let aligned = 0;
  for (let i = 0; i < count; i++)
    for (let j = 0; j < count; j++) {
      if (i === j) continue;
      sum += Math.abs(D[i * count + j]);
      if (Math.abs(D[i * count + j]) > 0.9) aligned++;
    }
  const pairs = count * (count - 1);
  return { meanAbs: sum / pairs, aligned: aligned / pairs };
}

/**
 * E|D(u, v)| for independent isotropic u, v in R^dim: E|u_1| on the unit sphere,
 * Γ(dim/2) / (√π Γ((dim + 1)/2)), by the recurrence r(d + 2) = r(d) · d/(d + 1)
 * of r(d) = Γ(d/2)/Γ((d + 1)/2), r(1) = √π, r(2) = 2/√π.
 */
export function randomMeanAbsCosine(dim: number): number {
  let r = dim % 2 === 1 ? Math.sqrt(Math.PI) : 2 / Math.sqrt(Math.PI);
  for (let d = dim % 2 === 1 ? 1 : 2; d < dim; d += 2) r *= d / (d + 1);
  return r / Math.sqrt(Math.PI);
}

export function aggregate({ config, cells }: AggregateInput<Config, Params, Result>): { 'introduction-cnn': Data } {
  if (cells.length !== 1) throw new Error(`introduction-cnn: expected one cell, got ${cells.length}`);
  const { result } = cells[0];
  const count = config.channels1;
  const dim = config.kernel * config.kernel;
  for (const field of ['initialKernels', 'finalKernels'] as const) {
    if (result[field].length !== count * dim)
      throw new Error(`introduction-cnn: cell "${cells[0].cell.id}" field ${field} has ${result[field].length} entries, expected ${count} × ${dim}`);
  }
  const initial = similarityMatrix(result.initialKernels, count, dim);
  const trained = similarityMatrix(result.finalKernels, count, dim);
  // one order for both: the blocks of the trained kernels, and the same kernels at initialisation
  const order = orderForBlocks(trained, count);
  const rows: Data['rows'] = [];
  for (const [stage, D] of [
    ['initialisation', permuteMatrix(initial, count, order)],
    ['after training', permuteMatrix(trained, count, order)],
  ] as const) {
    for (let i = 0; i < count; i++) for (let j = 0; j < count; j++) rows.push({ mark: 'cell', stage, i, j, d: Number(D[i * count + j].toFixed(4)) });
  }
  result.epochLoss.forEach((loss, e) => {
    rows.push({ mark: 'loss', epoch: e + 1, loss });
  });
  rows.push(
    { mark: 'accuracy', set: 'training', images: config.nTrain, measured: 100 * result.trainAccuracy, lecture: LECTURE.train },
    { mark: 'accuracy', set: 'test', images: config.nTest, measured: 100 * result.testAccuracy, lecture: LECTURE.test },
  );
  const before = pairStats(initial, count);
  const after = pairStats(trained, count);
  return {
    'introduction-cnn': {
      rows,
      values: {
        n_train: config.nTrain,
        n_test: config.nTest,
        epochs: config.epochs,
        batch: config.batch,
        lr: config.lr,
        gamma: config.gamma,
        kernel: config.kernel,
        channels1: config.channels1,
        channels2: config.channels2,
        activation: config.activation,
        steps: result.steps,
        sigma1: result.sigma[0],
        train_accuracy: 100 * result.trainAccuracy,
        test_accuracy: 100 * result.testAccuracy,
        lecture_train_accuracy: LECTURE.train,
        lecture_test_accuracy: LECTURE.test,
        kernel_dim: dim,
        mean_abs_d_random: randomMeanAbsCosine(dim),
        mean_abs_d_initial: before.meanAbs,
        mean_abs_d_trained: after.meanAbs,
        aligned_initial: 100 * before.aligned,
        aligned_trained: 100 * after.aligned,
        ...degenerateCounts([result]),
        degenerate: degenerateOf(result) ?? '',
      },
    },
  };
}
