/** Compact numbers for the results store: fewer digits, no NaN in JSON. */

/** Round to `digits` significant digits (float32 carries about 7). */
export function significant(values: ArrayLike<number>, digits = 6): number[] {
  return Array.from(values, (v) => (Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(digits)) : v));
}

/** A finite number, or null (JSON has no NaN or Infinity). */
export function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
