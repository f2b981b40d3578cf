/** Least-squares fits used to read convergence rates off Monte Carlo curves. */

/** Slope of log y against log x (ordinary least squares): the exponent of a power law y ∝ x^s. */
export function logLogSlope(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (xs.length !== ys.length || xs.length < 2) throw new Error('logLogSlope needs two equally long arrays of ≥ 2 points');
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  const N = xs.length;
  for (let i = 0; i < N; i++) {
    const x = Math.log(xs[i]);
    const y = Math.log(ys[i]);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (N * sxy - sx * sy) / (N * sxx - sx * sx);
}
