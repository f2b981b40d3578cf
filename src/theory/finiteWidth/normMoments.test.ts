import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/finite_width.json';
import { activation, leaky } from '../../core/activations.ts';
import {
  exactLogMoments,
  halfBinomial,
  homogeneousChain,
  logNormalApproximation,
  meanSquaredLength,
  secondMomentRate,
  secondMomentRatio,
} from './normMoments.ts';

describe('E[Q_L²]/E[Q_L]², exact (normMoments.ts header)', () => {
  it('linear (1 + 2/n)^L, ReLU (1 + 2/n)(1 + 5/n)^{L−1}: c = 2 and 5', () => {
    expect(secondMomentRate(1, 1)).toBe(2);
    expect(secondMomentRate(1, 0)).toBe(5);
    expect(secondMomentRate(1, -1)).toBe(2); // abs: φ² = z², as linear
    expect(Math.abs(secondMomentRatio(1, 1, 16, 4) - (1 + 2 / 16) ** 4)).toBeLessThan(1e-15);
    expect(Math.abs(secondMomentRatio(1, 0, 16, 4) - (1 + 2 / 16) * (1 + 5 / 16) ** 3)).toBeLessThan(1e-15);
  });

  for (const f of fixtures.secondMomentSum) {
    it(`(s₊, s₋) = (${f.sp}, ${f.sm}), n = ${f.n}, L = ${f.L}: matches scipy's summation over K (1e−13)`, () => {
      expect(Math.abs(secondMomentRatio(f.sp, f.sm, f.n, f.L) - f.ratio) / f.ratio).toBeLessThan(1e-13);
    });
  }

  for (const f of fixtures.secondMomentMc) {
    it(`(s₊, s₋) = (${f.sp}, ${f.sm}), n = ${f.n}, L = ${f.L}: within 4 SE of numpy's Monte Carlo of the chain (M = ${f.M})`, () => {
      const exact = secondMomentRatio(f.sp, f.sm, f.n, f.L);
      expect(Math.abs(exact - f.ratio)).toBeLessThan(4 * f.se);
      // … and the infinite-width value 1 is far outside: the check has teeth.
      expect(Math.abs(1 - f.ratio)).toBeGreaterThan(20 * f.se);
    });
  }

  it('E Q_L = σw² q (σw²(s₊² + s₋²)/2)^{L−1}: He ReLU keeps E Q_L = q', () => {
    expect(meanSquaredLength(1, 0, 2, 0.7, 30)).toBeCloseTo(1.4, 14);
    expect(meanSquaredLength(1, 1, 1.1, 1, 3)).toBeCloseTo(1.1 ** 3, 14);
  });
});

describe('exact log-moments of Q_L given survival', () => {
  for (const f of fixtures.logMoments) {
    it(`${f.family}, n = ${f.n}, L = ${f.L}: mean, var, survival match scipy (1e−13)`, () => {
      const chain = { family: f.family as 'linear' | 'relu', sp: 1, sm: f.family === 'linear' ? 1 : 0 };
      const r = exactLogMoments(chain, f.sw2, f.q, f.n, f.L)!;
      expect(Math.abs(r.mean - f.mean)).toBeLessThan(1e-13 * Math.max(1, Math.abs(f.mean)));
      expect(Math.abs(r.var - f.var)).toBeLessThan(1e-13 * f.var);
      expect(Math.abs(r.survival - f.survival)).toBeLessThan(1e-13); // scipy sums ~n pmf values
    });
  }

  it('the binomial weights sum to 1 and stay finite at n = 65536', () => {
    for (const n of [1, 7, 1000, 65536]) {
      const p = halfBinomial(n);
      expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    }
  });

  it('log-normal approximation: σ² matches the exact Var log Q_L to O(1/n²); leading σ² = (2 + 5(L−1))/n for ReLU', () => {
    const chain = { family: 'relu' as const, sp: 1, sm: 0 };
    for (const n of [64, 256, 1024]) {
      const ln = logNormalApproximation(chain, 2, 1, n, 16);
      const ex = exactLogMoments(chain, 2, 1, n, 16)!;
      expect(ln.sigma2Leading).toBeCloseTo(77 / n, 14);
      // Both are 77/n + O(1/n²): their gap shrinks like n^{−2} (× ~40 at n = 64).
      expect(Math.abs(ln.sigma2 - ex.var)).toBeLessThan(60 * 16 / n ** 2);
      expect(Math.abs(ln.mu - ex.mean)).toBeLessThan(60 * 16 / n ** 2);
    }
  });

  it('applies to linear / relu at σb = 0 only, and says why not otherwise', () => {
    expect(homogeneousChain(activation('identity'), 0)).toMatchObject({ ok: true, family: 'linear' });
    expect(homogeneousChain(activation('abs'), 0)).toMatchObject({ ok: true, family: 'linear' });
    expect(homogeneousChain(activation('relu'), 0)).toMatchObject({ ok: true, family: 'relu' });
    expect(homogeneousChain(leaky(0.2), 0)).toMatchObject({ ok: true, family: 'leaky' });
    expect(exactLogMoments({ family: 'leaky', sp: 1, sm: 0.2 }, 2, 1, 16, 3)).toBeUndefined();
    const t = homogeneousChain(activation('tanh'), 0);
    expect(!t.ok && t.reason).toMatch(/not piecewise linear/);
    const b = homogeneousChain(activation('relu'), 0.1);
    expect(!b.ok && b.reason).toMatch(/σb² = 0.1/);
  });
});
