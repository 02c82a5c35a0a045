/** Number formats shared by the figures' tables. */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** v as a power of ten with `digits` significant digits and a superscript exponent: 3.162 × 10⁻⁴. */
export function powerOfTen(v: number, digits: number): string {
  const [mantissa, exponent] = v.toExponential(digits - 1).split('e');
  return `${Number(mantissa)} × 10${String(Number(exponent)).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c])}`;
}

/**
 * A scale or a width, in the same style as `count`: an integer below 10⁶ with thousands separators (1,000); a
 * very large or small value as a power of ten (1 × 10⁶, 3.162 × 10⁻⁴); else 4 significant digits.
 */
export const scale = (v: number) => {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return count(v);
  if (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3) return powerOfTen(v, 4).replace('-', '−');
  return Number(v.toPrecision(4)).toString().replace('-', '−');
};

/** A coordinate, to 3 decimals, with a true minus sign. */
export const coordinate = (v: number) => Number(v.toFixed(3)).toString().replace('-', '−');

/** A width or a count, with thousands separators. */
export const count = (v: number) => v.toLocaleString('en-US');

/** A tick of steps or iterations in thousands or millions (0, 50k, 1.5M): Plot's '~s' writes 0 as "0k" beside 50k. */
export const steps = (v: number) =>
  Math.abs(v) >= 1e6 ? `${Number((v / 1e6).toPrecision(3))}M` : Math.abs(v) >= 1e3 ? `${Number((v / 1e3).toPrecision(3))}k` : String(v);

/** `m^-0.25` written with superscripts (m⁻⁰·²⁵), for names built as plain text. */
export const powers = (text: string) => text.replace(/\^(-?[0-9.]+)/g, (_, e: string) => e.replace(/[-0-9.]/g, (c) => (c === '.' ? '·' : SUPERSCRIPT[c])));

/**
 * A log axis over the values: 1, 2 and 5 times powers of ten within a factor 1.25 of their range (3, 4, 6
 * and 8 too when that gives fewer than three), and a domain that holds the data and those ticks, so that
 * every decade drawn has a labelled tick near each end.
 */
export function logAxis(values: number[]): { ticks: number[]; domain: [number, number] } | undefined {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (!v.length) return undefined;
  const [lo, hi] = [Math.min(...v), Math.max(...v)];
  const within = (mantissas: number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
      for (const k of mantissas) {
        const t = Number((k * 10 ** e).toPrecision(2));
        if (t >= lo / 1.25 && t <= hi * 1.25) out.push(t);
      }
    }
    return [...new Set(out)].sort((a, b) => a - b);
  };
  const coarse = within([1, 2, 5]);
  const ticks = coarse.length >= 3 ? coarse : within([1, 2, 3, 4, 5, 6, 8]);
  return { ticks, domain: [Math.min(lo, ticks[0] ?? lo), Math.max(hi, ticks.at(-1) ?? hi)] };
}
