import { describe, expect, it } from 'vitest';
import { sinhExpectation, sinhExpectation2, SINH_RULE_TIERS } from './gaussianSinhRule.ts';

const exact = SINH_RULE_TIERS.exact;
const fast = SINH_RULE_TIERS.fast;

describe('sinhExpectation (1-D)', () => {
  it('integrates entire functions for any centre and scale (the map must not matter)', () => {
    for (const center of [0, 1, 2.5, -4, -7, 30]) {
      for (const d of [5, 1, 0.05, 1e-4]) {
        // E cos(2z) = e^{−2}; E z² = 1; E e^{z/2} = e^{1/8}. The tiers are tuned on dual kernels;
        // generic smooth integrands with a shifted centre see ≤ 7e−12 (exact), ≤ 3e−7 (fast)
        // (SINH_RULE_TIERS). Bounds: 2e−11 and 1e−6.
        expect(Math.abs(sinhExpectation((z) => Math.cos(2 * z), center, d, exact) - Math.exp(-2))).toBeLessThan(2e-11);
        expect(Math.abs(sinhExpectation((z) => z * z, center, d, exact) - 1)).toBeLessThan(2e-11);
        expect(Math.abs(sinhExpectation((z) => Math.exp(z / 2), center, d, exact) - Math.exp(1 / 8))).toBeLessThan(2e-11);
        expect(Math.abs(sinhExpectation((z) => z * z, center, d, fast) - 1)).toBeLessThan(1e-6);
      }
    }
  });

  it('keeps full accuracy with poles at distance 1e−3·π/2 from the real axis (E sech²(z/ε)/ε)', () => {
    // E[sech²(z/ε)]/ε = ∫ sech²(y) φ_N(εy) dy = 2φ_N(0)(1 − π²ε²/24 + O(ε⁴)) (∫ y² sech² y = π²/6);
    // poles at ±iπε/2. At ε = 1e−3 the O(ε⁴) remainder is ≈ 3e−13.
    const eps = 1e-3;
    const v = sinhExpectation((z) => 1 / Math.cosh(z / eps) ** 2, 0, (Math.PI / 2) * eps, exact) / eps;
    const ref = (2 / Math.sqrt(2 * Math.PI)) * (1 - (Math.PI * Math.PI * eps * eps) / 24);
    expect(Math.abs(v - ref)).toBeLessThan(1e-11);
  });
});

describe('sinhExpectation2 (2-D)', () => {
  const id = (t: number) => t;
  const sq = (t: number) => t * t;
  const cases: [number, number, number][] = [
    [1, 0.3, 2],
    [20, 19.98, 20],
    [0.01, -0.00999, 0.01],
    [5, 0, 0.2],
    [3, -2.9, 3],
  ];
  for (const [a, c, b] of cases) {
    it(`Isserlis moments at (a, c, b) = (${a}, ${c}, ${b})`, () => {
      for (const d of [10, 0.1]) {
        // Polynomials are entire: only the rule's discretisation and window errors remain
        // (generic-integrand bound of the exact tier, relative to the scale of the moment).
        expect(Math.abs(sinhExpectation2(id, id, a, c, b, d, d, exact) - c)).toBeLessThan(2e-11 * Math.max(1, a + b));
        expect(Math.abs(sinhExpectation2(sq, sq, a, c, b, d, d, exact) - (a * b + 2 * c * c))).toBeLessThan(2e-11 * (a * b + 2 * c * c));
      }
    });
  }

  it('degenerate covariances: a = 0, b = 0, c² = ab', () => {
    const f = (u: number) => 1 + u * u;
    expect(sinhExpectation2(f, f, 0, 0, 2, 1, 1, exact)).toBeCloseTo(3, 14);
    expect(sinhExpectation2(f, f, 2, 0, 0, 1, 1, exact)).toBeCloseTo(3, 14);
    // a = 4, b = 9, c = 6: v = 1.5u, E (1 + u²)(1 + v²) = 1 + 4 + 9 + E u²v² = 14 + 3·36.
    expect(sinhExpectation2(f, f, 4, 6, 9, 1, 1, exact)).toBeCloseTo(14 + 108, 11);
  });
});
