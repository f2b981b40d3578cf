/**
 * The law of a sample of ρ as the lab reports it (mean, sd, p05 … p95) with batch-means standard
 * errors (the sample split into 20 equal batches; SE = sd over batches/√20) — the same estimator as
 * the independent fixture (tools/fixtures/make_attention_fixtures.py `batch_se`), valid for every
 * statistic including quantiles, at the cost of a slightly noisier SE.
 */
import { summarise, type Summary } from '../../core/stats.ts';

export const STAT_KEYS = ['mean', 'sd', 'p05', 'p25', 'p50', 'p75', 'p95'] as const;
export type StatKey = (typeof STAT_KEYS)[number];

export interface LawWithErrors {
  readonly stats: Summary;
  readonly se: Summary;
  readonly count: number;
}

export function lawWithErrors(sample: ArrayLike<number>, batches = 20): LawWithErrors {
  const stats = summarise(sample);
  const N = sample.length;
  const per = STAT_KEYS.map(() => [] as number[]);
  for (let b = 0; b < batches; b++) {
    const lo = Math.floor((b * N) / batches);
    const hi = Math.floor(((b + 1) * N) / batches);
    const s = summarise(Array.prototype.slice.call(sample, lo, hi) as number[]);
    STAT_KEYS.forEach((k, i) => per[i].push(s[k]));
  }
  const se = {} as Summary;
  STAT_KEYS.forEach((k, i) => {
    const xs = per[i];
    const mean = xs.reduce((a, x) => a + x, 0) / batches;
    const v = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (batches - 1);
    se[k] = Math.sqrt(v / batches);
  });
  return { stats, se, count: N };
}
