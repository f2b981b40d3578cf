import { describe, expect, it } from 'vitest';
import {
  atanhDrift,
  atanhDriftDerivatives,
  correlationDrift,
  gOverThetaSquared,
  shapingDrift,
  shapingStrength,
} from './coefficients.ts';

describe('coefficients of the neural covariance SDE', () => {
  const kappa = shapingStrength(0, -1); // 1/(2π)

  it('ν(ρ) = κ(√(1−ρ²) − ρ arccos ρ): the stable form equals the textbook one where it does not cancel', () => {
    for (const rho of [-1, -0.9, -0.3, 0, 0.4, 0.8]) {
      const direct = kappa * (Math.sqrt(1 - rho * rho) - rho * Math.acos(rho));
      expect(shapingDrift(rho, kappa)).toBeCloseTo(direct, 14);
    }
    expect(shapingDrift(1, kappa)).toBe(0);
    expect(shapingDrift(-1, kappa)).toBeCloseTo(kappa * Math.PI, 15); // ν(−1) = (c₊ − c₋)²/2
    expect(shapingStrength(1, -1)).toBeCloseTo(4 / (2 * Math.PI), 15);
  });

  it('the series for (sin θ − θ cos θ)/θ² matches the direct form where both are accurate, and θ/3 as θ → 0', () => {
    for (const theta of [0.3, 0.6, 0.99]) {
      const direct = (Math.sin(theta) - theta * Math.cos(theta)) / (theta * theta);
      expect(gOverThetaSquared(theta)).toBeCloseTo(direct, 13);
    }
    expect(gOverThetaSquared(1e-6) / (1e-6 / 3)).toBeCloseTo(1, 12);
  });

  it('β(x) = ν(tanh x) cosh² x + tanh(x)/2, and β → 1/2 + (2κ/3) e^{−x} as x → ∞ (no cancellation)', () => {
    for (const x of [-3, -1, 0, 0.7, 2]) {
      const rho = Math.tanh(x);
      const direct = (kappa * (Math.sqrt(1 - rho * rho) - rho * Math.acos(rho))) * Math.cosh(x) ** 2 + rho / 2;
      expect(atanhDrift(x, kappa)).toBeCloseTo(direct, 11);
    }
    // With κ = 1e6 the shaping part dominates the rounding of tanh(x)/2 out to x = 30; the next term
    // of the expansion is O(e^{−2x}) relative (< 4e−11 here). A direct form would cancel completely.
    const big = 1e6;
    for (const x of [12, 20, 30]) {
      expect((atanhDrift(x, big) - 0.5 * Math.tanh(x)) / ((2 * big / 3) * Math.exp(-x))).toBeCloseTo(1, 8);
    }
    expect(atanhDrift(Infinity, kappa)).toBe(0.5);
    expect(atanhDrift(-1, 0)).toBe(0.5 * Math.tanh(-1)); // linear network: β = tanh(x)/2
  });

  it('β′ and β″ agree with central differences of β', () => {
    for (const x of [-2.5, -0.8, 0, 1.3, 4]) {
      const h = 1e-4;
      const d1 = (atanhDrift(x + h, kappa) - atanhDrift(x - h, kappa)) / (2 * h);
      const d2 = (atanhDrift(x + h, kappa) - 2 * atanhDrift(x, kappa) + atanhDrift(x - h, kappa)) / (h * h);
      const got = atanhDriftDerivatives(x, kappa);
      expect(got.d1).toBeCloseTo(d1, 6);
      expect(Math.abs(got.d2 - d2) / Math.max(1, Math.abs(d2))).toBeLessThan(1e-5);
    }
  });

  it('Itô: the x-drift is μ/(1−ρ²) + ρ (μ the ρ-drift, ½ x″(ρ) σ² = ρ)', () => {
    for (const x of [-1.5, 0.2, 1.1]) {
      const rho = Math.tanh(x);
      expect(atanhDrift(x, kappa)).toBeCloseTo(correlationDrift(rho, kappa) / (1 - rho * rho) + rho, 12);
    }
  });
});
