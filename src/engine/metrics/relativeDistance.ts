/**
 * Relative distance (luo2021 eq. 16): RD(θ) = ‖θ − θ0‖₂ / ‖θ0‖₂.
 * Accumulated in float64.
 */
export function relativeDistance(theta: ArrayLike<number>, theta0: ArrayLike<number>): number {
  if (theta.length !== theta0.length) throw new Error(`RD: length ${theta.length} ≠ ${theta0.length}`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < theta.length; i++) {
    const diff = theta[i] - theta0[i];
    num += diff * diff;
    den += theta0[i] * theta0[i];
  }
  return Math.sqrt(num / den);
}
