/**
 * Growth exponent of the relative distance (luo2021 eq. 19):
 *
 *   S_w = lim_{m→∞} log RD(θ*_w) / log m,
 *
 * estimated as the slope of the least-squares line through (log m, log RD),
 * exactly as the original code does: np.polyfit(np.log(m_all), np.log(RD_all), 1)[0].
 * S < 0: linear regime, S ≈ 0: critical, S > 0: condensed.
 *
 * Phase boundaries are then read off as the zeros of S along a grid line
 * (zhou2022 Figs 5–6 stars: "zero crossings by linear interpolation").
 */

export interface LinearFit {
  /** least-squares slope b of y ≈ c + b x */
  slope: number;
  /** least-squares intercept c */
  intercept: number;
  /** standard error of the slope, with n − 2 degrees of freedom; NaN when n ≤ 2 */
  stderr: number;
  /** coefficient of determination 1 − SS_res/SS_tot; NaN when all y are equal */
  r2: number;
  /** number of points used */
  n: number;
}

/**
 * Ordinary least squares y ≈ c + b x, accumulated in float64 about the means:
 *
 *   Sxx = Σ (x_i − x̄)²,  Sxy = Σ (x_i − x̄)(y_i − ȳ)
 *   b = Sxy / Sxx,  c = ȳ − b x̄
 *   SS_res = Σ (y_i − c − b x_i)²,  SS_tot = Σ (y_i − ȳ)²
 *   se(b) = sqrt( SS_res / (n − 2) / Sxx )
 *
 * Needs n ≥ 2 points with distinct x; otherwise every field is NaN.
 */
export function linearFit(xs: ArrayLike<number>, ys: ArrayLike<number>): LinearFit {
  if (xs.length !== ys.length) throw new Error(`linearFit: ${xs.length} x values but ${ys.length} y values`);
  const n = xs.length;
  const nan: LinearFit = { slope: NaN, intercept: NaN, stderr: NaN, r2: NaN, n };
  if (n < 2) return nan;
  let xbar = 0;
  let ybar = 0;
  for (let i = 0; i < n; i++) {
    xbar += xs[i];
    ybar += ys[i];
  }
  xbar /= n;
  ybar /= n;
  let Sxx = 0;
  let Sxy = 0;
  let SStot = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - xbar;
    const dy = ys[i] - ybar;
    Sxx += dx * dx;
    Sxy += dx * dy;
    SStot += dy * dy;
  }
  if (!(Sxx > 0)) return nan;
  const slope = Sxy / Sxx;
  const intercept = ybar - slope * xbar;
  let SSres = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i] - intercept - slope * xs[i];
    SSres += r * r;
  }
  const stderr = n > 2 ? Math.sqrt(SSres / (n - 2) / Sxx) : NaN;
  const r2 = SStot > 0 ? 1 - SSres / SStot : NaN;
  return { slope, intercept, stderr, r2, n };
}

export interface GrowthExponentFit extends LinearFit {
  /** indices of the input points that were left out (m ≤ 0, RD ≤ 0 or not finite) */
  dropped: number[];
}

/**
 * S = slope of log RD against log m (luo2021 eq. 19), with its standard error.
 * The intercept is log C in RD ≈ C m^S.
 *
 * A point whose log is undefined (m ≤ 0, RD ≤ 0, NaN, ±∞) cannot enter a
 * log-log fit: it is left out and listed in `dropped`, and `n` counts the
 * points actually used.
 */
export function growthExponent(ms: ArrayLike<number>, rds: ArrayLike<number>): GrowthExponentFit {
  if (ms.length !== rds.length) throw new Error(`growthExponent: ${ms.length} widths but ${rds.length} RD values`);
  const logM: number[] = [];
  const logRD: number[] = [];
  const dropped: number[] = [];
  for (let i = 0; i < ms.length; i++) {
    const lx = Math.log(ms[i]);
    const ly = Math.log(rds[i]);
    if (Number.isFinite(lx) && Number.isFinite(ly)) {
      logM.push(lx);
      logRD.push(ly);
    } else {
      dropped.push(i);
    }
  }
  return { ...linearFit(logM, logRD), dropped };
}

/**
 * Zeros of a sampled function y(x), xs strictly increasing.
 *
 * - A sample with y_i = 0 exactly is a zero at x_i; it is reported once
 *   (including a touch without a sign change, and every sample of a run of zeros).
 * - Between neighbours of strictly opposite signs the zero is the root of the
 *   linear interpolant:  x = x_i − y_i (x_{i+1} − x_i) / (y_{i+1} − y_i).
 * - Intervals with a NaN endpoint are skipped.
 *
 * Returns every zero, in increasing x.
 */
export function zeroCrossings(xs: ArrayLike<number>, ys: ArrayLike<number>): number[] {
  if (xs.length !== ys.length) throw new Error(`zeroCrossings: ${xs.length} x values but ${ys.length} y values`);
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i] > xs[i - 1])) throw new Error(`zeroCrossings: xs must be strictly increasing (xs[${i - 1}] = ${xs[i - 1]}, xs[${i}] = ${xs[i]})`);
  }
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const yi = ys[i];
    if (yi === 0) {
      out.push(xs[i]);
      continue;
    }
    if (i + 1 >= xs.length) continue;
    const yj = ys[i + 1];
    if ((yi < 0 && yj > 0) || (yi > 0 && yj < 0)) {
      const x = xs[i] - (yi * (xs[i + 1] - xs[i])) / (yj - yi);
      out.push(x);
    }
  }
  return out;
}
