/**
 * Summary statistics over networks: mean, sample sd (n − 1), quantiles (linear interpolation
 * between order statistics, numpy's default "type 7"), and log-moments over positive values.
 */

export interface Summary {
  mean: number;
  sd: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** Quantile of sorted data, type 7: h = (N − 1)p, linear between x_⌊h⌋ and x_⌈h⌉. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const N = sorted.length;
  if (N === 0) return NaN;
  const h = (N - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, N - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and unbiased variance in one pass (Welford), f64. */
export function meanVar(values: ArrayLike<number>): { mean: number; var: number; count: number } {
  let mean = 0;
  let m2 = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    count++;
    const d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  return { mean: count > 0 ? mean : NaN, var: count > 1 ? m2 / (count - 1) : NaN, count };
}

export function summarise(values: ArrayLike<number>): Summary {
  const { mean, var: v } = meanVar(values);
  const sorted = Float64Array.from(values).sort();
  return {
    mean,
    sd: Math.sqrt(v),
    p05: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** Mean and variance of log x over the positive ("live") values; count = how many were live. */
export function logMoments(values: ArrayLike<number>): { mean: number; var: number; count: number } {
  const logs: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > 0) logs.push(Math.log(values[i]));
  return meanVar(logs);
}

/** Standard error of the mean of a sample with this sd and size. */
export function standardError(sd: number, count: number): number {
  return sd / Math.sqrt(count);
}

/**
 * Wasserstein-1 distance between two empirical laws on the line: ∫|F − G| over the merged sorted
 * support (exact for step CDFs).
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let prev = Math.min(x[0], y[0]);
  let dist = 0;
  while (i < x.length || j < y.length) {
    const next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    dist += Math.abs(i / x.length - j / y.length) * (next - prev);
    prev = next;
    if (j >= y.length || (i < x.length && x[i] <= y[j])) i++;
    else j++;
  }
  return dist;
}
