/** Number formats shared by the figures' tables. */

/** A scale: exponential notation when very large or small, else 4 significant digits. */
export const scale = (v: number) => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString());

/** A coordinate, to 3 decimals. */
export const coordinate = (v: number) => Number(v.toFixed(3)).toString();

/** A width or a count, with thousands separators. */
export const count = (v: number) => v.toLocaleString('en-US');
