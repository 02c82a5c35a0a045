/**
 * The (orientation, amplitude) feature of each neuron for 1-d input
 * (luo2021 §3.1): ŵ_k = (w_k, b_k)/‖(w_k, b_k)‖,
 *   orientation_k = atan2(b_k, w_k) ∈ [−π, π),   A_k = |a_k| ‖(w_k, b_k)‖₂.
 */
export interface NeuronFeature {
  orientation: number;
  amplitude: number;
}

/** Features from a (2, m) row-major W (row 0: w, row 1: b) and a (m). */
export function orientationAmplitude(a: ArrayLike<number>, w: ArrayLike<number>, m: number): NeuronFeature[] {
  if (w.length !== 2 * m) throw new Error(`orientationAmplitude: expected W of shape (2, ${m}), got ${w.length} entries`);
  const out: NeuronFeature[] = new Array(m);
  for (let k = 0; k < m; k++) {
    const wk = w[k];
    const bk = w[m + k];
    let orientation = Math.atan2(bk, wk);
    if (orientation === Math.PI) orientation = -Math.PI;
    out[k] = { orientation, amplitude: Math.abs(a[k]) * Math.hypot(wk, bk) };
  }
  return out;
}
