/** Summary of a list of times (ms) for the browser benches (frameTime, pageRun, curveAnimation). */
export interface Stats {
  readonly count: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** Count, median, 95th percentile (nearest rank) and maximum, rounded to 0.01; NaN for an empty list. */
export function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { count: s.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(s.length ? s[s.length - 1] : NaN) };
}
