import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/stats.json';
import { logMoments, summarise, wasserstein1 } from './stats.ts';

// Fixtures: numpy.quantile (type 7), numpy.std(ddof=1), scipy.stats.wasserstein_distance
// (tools/fixtures/make_stats_fixtures.py). Tolerance 1e-12: both sides are exact f64 formulas.
describe('statistics vs numpy/scipy', () => {
  it.each(fixtures.summaries.map((c, i) => [i, c] as const))('summary %i', (_i, c) => {
    const s = summarise(c.x);
    expect(s.mean).toBeCloseTo(c.mean, 12);
    if (c.sd === null) expect(Number.isNaN(s.sd)).toBe(true);
    else expect(s.sd).toBeCloseTo(c.sd, 12);
    for (const k of ['p05', 'p25', 'p50', 'p75', 'p95'] as const) expect(s[k]).toBeCloseTo(c[k], 12);
  });

  it.each(fixtures.wasserstein1.map((c, i) => [i, c] as const))('wasserstein-1 %i', (_i, c) => {
    expect(wasserstein1(c.a, c.b)).toBeCloseTo(c.w1, 12);
    expect(wasserstein1(c.b, c.a)).toBeCloseTo(c.w1, 12);
  });

  it('log-moments skip dead (non-positive) values and count the live ones', () => {
    const r = logMoments([Math.E, 0, Math.E ** 3, -1]);
    expect(r.count).toBe(2);
    expect(r.mean).toBeCloseTo(2, 14);
    expect(r.var).toBeCloseTo(2, 14); // sample variance of {1, 3}
  });
});
