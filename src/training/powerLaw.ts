/**
 * Power-law fits for width sweeps: the least-squares slope s of log y against log n, and its
 * standard error from the Monte Carlo error of each point. (experiments/fit.ts has the bare slope;
 * training sits below experiments in the layering and needs the error too.)
 */

export interface SlopeFit {
  readonly slope: number;
  /**
   * Standard error of the slope from the points' own errors: s = Σ w_i log y_i with
   * w_i = (x_i − x̄)/Σ(x_j − x̄)², so Var s = Σ w_i² Var(log y_i), Var(log y_i) ≈ (se_i/y_i)²
   * (delta method), the points taken as independent.
   */
  readonly se: number;
}

export function fitLogLogSlope(xs: ArrayLike<number>, ys: ArrayLike<number>, ses?: ArrayLike<number>): SlopeFit {
  const N = xs.length;
  if (N < 2 || ys.length !== N || (ses && ses.length !== N)) throw new Error('fitLogLogSlope needs ≥ 2 points and arrays of equal length');
  let mx = 0;
  for (let i = 0; i < N; i++) mx += Math.log(xs[i]) / N;
  let sxx = 0;
  for (let i = 0; i < N; i++) sxx += (Math.log(xs[i]) - mx) ** 2;
  let slope = 0;
  let v = 0;
  for (let i = 0; i < N; i++) {
    const w = (Math.log(xs[i]) - mx) / sxx;
    slope += w * Math.log(ys[i]);
    if (ses) v += (w * ses[i] / ys[i]) ** 2;
  }
  return { slope, se: Math.sqrt(v) };
}

function meanOf(a: Float64Array): number {
  let m = 0;
  for (const v of a) m += v / a.length;
  return m;
}

/**
 * The slope of the seed-averaged curve against width (mup's convention: average, then plot), with
 * a jackknife standard error over seeds (Efron & Stein 1981): the widths of one seed share their
 * draws (coupled), so the points are correlated and the independent-points formula of
 * fitLogLogSlope above would be wrong; leaving out one seed at a time keeps that correlation.
 */
export function jackknifeSlope(widths: readonly number[], byW: Float64Array[]): SlopeFit {
  const S = byW[0].length;
  const full = fitLogLogSlope(widths, byW.map(meanOf)).slope;
  if (S < 2) return { slope: full, se: Number.NaN };
  const leaveOut: number[] = [];
  for (let s = 0; s < S; s++) {
    const ys = byW.map((a) => (meanOf(a) * S - a[s]) / (S - 1));
    leaveOut.push(fitLogLogSlope(widths, ys).slope);
  }
  const mu = leaveOut.reduce((x, y) => x + y, 0) / S;
  const v = ((S - 1) / S) * leaveOut.reduce((x, y) => x + (y - mu) ** 2, 0);
  return { slope: full, se: Math.sqrt(v) };
}
