import { describe, expect, it } from 'vitest';
import { cellLaw, pointMassLaw } from './cellLaw.ts';
import { atanhAntiderivative, kolmogorovSmirnovToLaw, logLogSlope, wasserstein1ToLaw } from './distance.ts';
import { correlationLaw } from './fokkerPlanck.ts';

/** A reproducible sample in (−1, 1) (not from the SDE: any sample will do here). */
function sample(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = Math.tanh(2.5 * (s / 2 ** 32) - 0.8);
  }
  return out;
}

/** ∫_{−1}^{1} |F_n − F| by the midpoint rule on a uniform grid (brute force, independent route). */
function bruteForceW1(xs: Float64Array, F: (r: number) => number, points: number): number {
  const sorted = Float64Array.from(xs).sort();
  let j = 0;
  let total = 0;
  const h = 2 / points;
  for (let i = 0; i < points; i++) {
    const r = -1 + (i + 0.5) * h;
    while (j < sorted.length && sorted[j] <= r) j++;
    total += Math.abs(j / sorted.length - F(r)) * h;
  }
  return total;
}

describe('distances between a sample of ρ and a law', () => {
  const law = correlationLaw({ cp: 0, cm: -1, rho0: 0.3, T: 0.6 });

  it('∫₀^ρ atanh = ½[(1+ρ)log(1+ρ) + (1−ρ)log(1−ρ)], finite at ±1', () => {
    // Check the antiderivative by a central difference (an independent route to atanh).
    for (const r of [-0.9, -0.2, 0.4, 0.99]) {
      const d = (atanhAntiderivative(r + 1e-6) - atanhAntiderivative(r - 1e-6)) / 2e-6;
      expect(d).toBeCloseTo(Math.atanh(r), 6);
    }
    expect(atanhAntiderivative(1)).toBeCloseTo(Math.LN2, 15);
    expect(atanhAntiderivative(-1)).toBeCloseTo(Math.LN2, 15);
    expect(atanhAntiderivative(0)).toBe(0);
  });

  it('W₁ to a point mass at ρ = 1 is the mean distance to 1', () => {
    const xs = sample(101, 3);
    const expected = xs.reduce((a, v) => a + (1 - v), 0) / xs.length;
    expect(wasserstein1ToLaw(xs, pointMassLaw(1))).toBeCloseTo(expected, 13);
    expect(wasserstein1ToLaw([1, 1, 1], pointMassLaw(1))).toBe(0);
  });

  it('W₁ to the FP law matches brute-force quadrature of |F_n − F| (2e6 midpoints)', () => {
    for (const [n, seed] of [[7, 1], [300, 2], [5000, 3]] as const) {
      const xs = sample(n, seed);
      const exact = wasserstein1ToLaw(xs, law);
      // Midpoint error ≤ (number of jumps + cells crossed) × h² × max slope: ≈ 1e−6 here.
      expect(Math.abs(exact - bruteForceW1(xs, law.cdfAt, 2_000_000))).toBeLessThan(2e-6);
    }
  });

  it('KS to the FP law is the largest gap seen on a fine grid (both one-sided limits included)', () => {
    const xs = sample(400, 9);
    const ks = kolmogorovSmirnovToLaw(xs, law);
    const sorted = Float64Array.from(xs).sort();
    let seen = 0;
    for (let i = 0; i < sorted.length; i++) {
      const F = law.cdfAt(sorted[i]);
      seen = Math.max(seen, Math.abs(F - (i + 1) / sorted.length), Math.abs(F - i / sorted.length));
    }
    expect(ks).toBeCloseTo(seen, 12);
  });

  it('a sample at the quantiles (i + ½)/n of a continuous law has KS = 1/(2n) and W₁ = O(1/n)', () => {
    const w: number[] = [];
    const ns = [50, 200, 800];
    for (const n of ns) {
      const xs = Float64Array.from({ length: n }, (_, i) => law.quantile((i + 0.5) / n));
      expect(kolmogorovSmirnovToLaw(xs, law)).toBeCloseTo(1 / (2 * n), 9);
      w.push(wasserstein1ToLaw(xs, law));
    }
    expect(logLogSlope(ns, w)).toBeCloseTo(-1, 1);
  });

  it('handles atoms at the grid ends (mass at ρ = ±1 when the grid reaches |x| = 20)', () => {
    // Two cells on [−20, 20] with atoms ¼ at −1 and ¼ at +1 (tanh(±20) rounds to ±1).
    const atoms = cellLaw(-20, 20, Float64Array.of(0.25, 0.25), 0.25, 0.25);
    expect(kolmogorovSmirnovToLaw([-1, 1], atoms)).toBeCloseTo(0.25, 12); // F(−1) = ¼ vs ½ from the sample
    expect(wasserstein1ToLaw([-1, -1, 1, 1], atoms)).toBeGreaterThan(0);
  });

  it('logLogSlope recovers an exact power law and refuses bad input', () => {
    expect(logLogSlope([1, 2, 4, 8], [3, 3 / Math.SQRT2, 1.5, 1.5 / Math.SQRT2])).toBeCloseTo(-0.5, 14);
    expect(() => logLogSlope([1], [1])).toThrow(/two points/);
    expect(() => logLogSlope([1, 2], [1, 0])).toThrow(/point 1/);
    expect(() => wasserstein1ToLaw([], law)).toThrow(/empty/);
    expect(() => wasserstein1ToLaw([1.5], law)).toThrow(/\[−1, 1\]/);
  });
});
