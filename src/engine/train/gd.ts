/**
 * Full-batch gradient descent with the protocol of luo2021's code (S6):
 *
 *   lr = lr0 · lrScale            (lrScale = α √(β1 β2) for two layers)
 *   stop when L < tol, or after maxSteps steps;
 *   on any one-step increase of L: lr0 ← lr0 / 2 and restart from a fresh
 *   initialisation (attempt + 1), recorded in the result.
 *
 * "Increase" means L_t > L_{t−1} (1 + increaseTolerance). The code's test is
 * strict; in float32 it fires on rounding noise wherever the loss is flat
 * (the plateaus of the condensed regime: at m = 40000 the float32 loss
 * wanders by ~1e-8 relative while its float64 value still decreases), and
 * each halving then makes the plateau flatter. A true instability grows
 * geometrically and passes any small tolerance within a few steps.
 *
 * A loss that becomes NaN or ±Inf is a recorded outcome (`diverged`), never
 * a crash. Snapshots of the loss are taken at log-spaced steps.
 */

/**
 * The training protocol of a run, as one object: lr = lr0 · (a model's lr
 * scale), stop when L < tol or after maxSteps steps, at most maxRestarts
 * restarts (each halving lr0).
 */
export interface GdProtocol {
  lr0: number;
  tol: number;
  maxSteps: number;
  maxRestarts: number;
}

export interface GdModel<P> {
  /** Loss at the current parameters (forward pass). */
  loss(): number;
  /** One gradient step with learning rate lr, from the last forward pass. */
  update(lr: number): void;
  /** The current parameters. */
  read(): P;
  dispose(): void;
}

export interface GdOptions<P> {
  /** A model at a fresh initialisation; `attempt` counts restarts from 0. */
  init: (attempt: number) => GdModel<P>;
  lr0: number;
  lrScale: number;
  tol: number;
  maxSteps: number;
  /** Restarts allowed before giving up (the run is then `unstable`). */
  maxRestarts: number;
  /** Relative loss increase ignored as rounding noise (default 1e-5). */
  increaseTolerance?: number;
  /** Number of log-spaced loss snapshots (default 60). */
  snapshots?: number;
  /** Called every few hundred steps with the fraction of maxSteps done. */
  onProgress?: (fraction: number) => void;
}

export type GdStatus = 'converged' | 'max-steps' | 'diverged' | 'unstable';

export interface GdResult<P> {
  status: GdStatus;
  /** Steps taken by the final attempt. */
  steps: number;
  finalLoss: number;
  /** lr0 of the final attempt, after halvings. */
  lr0: number;
  lr: number;
  /** Each restart: the attempt, the step and the loss increase that caused it. */
  restarts: { attempt: number; step: number; lr0: number; from: number; to: number }[];
  /** Step at which the loss became non-finite, if it did. */
  divergedAt?: number;
  /** Log-spaced (step, loss) pairs of the final attempt. */
  trajectory: { step: number; loss: number }[];
  initial: P;
  final: P;
}

/** Unique integer steps 0, 1, …, spaced evenly in log(1 + step) up to max. */
export function logSpacedSteps(max: number, count: number): number[] {
  const steps = new Set<number>([0, max]);
  for (let i = 0; i < count; i++) steps.add(Math.round(Math.expm1((Math.log1p(max) * i) / (count - 1))));
  return [...steps].sort((p, q) => p - q);
}

export function fullBatchGD<P>(opts: GdOptions<P>): GdResult<P> {
  const restarts: GdResult<P>['restarts'] = [];
  let lr0 = opts.lr0;
  const slack = 1 + (opts.increaseTolerance ?? 1e-5);
  for (let attempt = 0; ; attempt++) {
    const lr = lr0 * opts.lrScale;
    const model = opts.init(attempt);
    try {
      const initial = model.read();
      const marks = new Set(logSpacedSteps(opts.maxSteps, opts.snapshots ?? 60));
      const trajectory: { step: number; loss: number }[] = [];
      let previous = Infinity;
      let restarted = false;
      for (let step = 0; step <= opts.maxSteps; step++) {
        const L = model.loss();
        if (!Number.isFinite(L)) {
          trajectory.push({ step, loss: L });
          return { status: 'diverged', steps: step, finalLoss: L, lr0, lr, restarts, divergedAt: step, trajectory, initial, final: model.read() };
        }
        if (L > previous * slack) {
          restarts.push({ attempt, step, lr0, from: previous, to: L });
          restarted = true;
          break;
        }
        previous = L;
        const done = L < opts.tol || step === opts.maxSteps;
        if (marks.has(step) || done) trajectory.push({ step, loss: L });
        if (done) {
          return {
            status: L < opts.tol ? 'converged' : 'max-steps',
            steps: step,
            finalLoss: L,
            lr0,
            lr,
            restarts,
            trajectory,
            initial,
            final: model.read(),
          };
        }
        model.update(lr);
        if (opts.onProgress && step % 500 === 0) opts.onProgress(step / opts.maxSteps);
      }
      if (restarted && restarts.length > opts.maxRestarts) {
        return { status: 'unstable', steps: 0, finalLoss: NaN, lr0, lr, restarts, trajectory, initial, final: initial };
      }
      lr0 /= 2;
    } finally {
      model.dispose();
    }
  }
}
