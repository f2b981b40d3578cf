import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/sde.json';
import { DEFAULT_SPEC, type Spec } from '../../core/spec.ts';
import { correlationDiffusion, correlationDrift, shapingStrength } from './coefficients.ts';
import { correlationLaw, firstLayerCorrelation, sdeBlock } from './fokkerPlanck.ts';

const QUANTILE_KEYS = ['p05', 'p25', 'p50', 'p75', 'p95'] as const;
const P_OF = { p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 } as const;
const cases = fixtures.cases.map((c) => [c.name, c] as const);
const paramsOf = (c: (typeof fixtures.cases)[number]) => ({ cp: c.cp, cm: c.cm, rho0: c.rho0, T: c.T });

describe('Fokker–Planck law of the correlation SDE', () => {
  it.each([
    { cp: 0, cm: -1, rho0: 0.5, T: 1 },
    { cp: 1, cm: 1, rho0: 0.5, T: 100 }, // linear: almost all mass absorbed at ±1
    { cp: 0, cm: -1, rho0: -1, T: 0.5 }, // entrance from ρ = −1
    { cp: 20, cm: -20, rho0: 0.3, T: 1 }, // strongest shaping the schema allows
    { cp: 0, cm: -1, rho0: 0.5, T: 1 / 65536 }, // smallest T = L/n
  ])('conserves probability and stays (almost) non-negative: %o', (p) => {
    const law = correlationLaw(p);
    // Conservative fluxes + atoms: exact to rounding (≈ 1e−13 measured); the brief asks ≤ 1e−6.
    expect(Math.abs(law.mass - 1)).toBeLessThan(1e-10);
    // TR-BDF2 is not positivity-preserving; what it leaves negative must be rounding-sized.
    expect(Math.min(...law.cellMass)).toBeGreaterThan(-1e-9);
    expect(law.cdf[law.cdf.length - 1] + law.atomHigh).toBeCloseTo(law.mass, 12);
  });

  it.each(cases)('doubling cells and steps changes mean and sd by ≤ 2e−4 (%s)', (_name, c) => {
    const base = correlationLaw(paramsOf(c));
    const fine = correlationLaw(paramsOf(c), { cells: 2400, steps: 600 });
    // Measured: ≤ 3e−5 (second order in h and Δt; the entrance case converges at first order
    // through the moment-closure hand-over time t₀ ∝ h).
    expect(Math.abs(fine.mean - base.mean)).toBeLessThan(2e-4);
    expect(Math.abs(fine.sd - base.sd)).toBeLessThan(2e-4);
    for (const k of QUANTILE_KEYS) expect(Math.abs(fine.quantile(P_OF[k]) - base.quantile(P_OF[k]))).toBeLessThan(5e-4);
  });

  it.each(cases)('mean and sd agree with the backward Kolmogorov solve to 1e−4 (%s)', (_name, c) => {
    // tools/fixtures/make_sde_fixtures.py: the adjoint equation for E tanh(x_T), E tanh²(x_T),
    // finite differences + backward Euler, Richardson in h and dt (its own error bound: errorMean/Sd).
    // Tolerance: 1e−4 = FP discretisation at the default grid (≤ 3e−5 by the doubling test) with room.
    const law = correlationLaw(paramsOf(c));
    expect(Math.abs(law.mean - c.backward.mean)).toBeLessThan(1e-4 + c.backward.errorMean);
    expect(Math.abs(law.sd - c.backward.sd)).toBeLessThan(1e-4 + c.backward.errorSd);
  });

  it.each(cases)('mean, sd and quantiles agree with the Euler–Maruyama fixture within 4 SE (%s)', (_name, c) => {
    // Python EM (x = atanh ρ; ρ itself below −½ when c₊ ≠ c₋), 4.8e5 paths, Richardson-extrapolated
    // in dt (2·fine − coarse, dt = 5e−4 / 1e−3); SE from 48 batch means. Tolerance: 4 SE + 1e−4
    // (FP discretisation), and for mean and sd never more than 0.006. (near_one's sample is a ≈ 3σ
    // draw — its first 24 batches were 2.6σ in mean and sd; another seed gives 0.3σ, and the
    // backward solve agrees with the FP law to 3e−6 there.)
    const law = correlationLaw(paramsOf(c));
    const got: Record<string, number> = { mean: law.mean, sd: law.sd };
    for (const k of QUANTILE_KEYS) got[k] = law.quantile(P_OF[k]);
    for (const k of ['mean', 'sd', ...QUANTILE_KEYS] as const) {
      const tol = 4 * c.em.se[k] + 1e-4;
      expect(Math.abs(got[k] - c.em.estimate[k]), `${k}: FP ${got[k]} vs EM ${c.em.estimate[k]} ± ${c.em.se[k]}`).toBeLessThan(
        k === 'mean' || k === 'sd' ? Math.min(0.006, tol) : tol,
      );
    }
  });

  it('keeps ρ ≡ 1 and (for c₊ = c₋) ρ ≡ −1: the end points are fixed points', () => {
    const up = correlationLaw({ cp: 0, cm: -1, rho0: 1, T: 2 });
    expect([up.mean, up.sd, up.quantile(0.05), up.quantile(0.95)]).toEqual([1, 0, 1, 1]);
    const down = correlationLaw({ cp: 0.7, cm: 0.7, rho0: -1, T: 2 });
    expect([down.mean, down.sd, down.quantile(0.5)]).toEqual([-1, 0, -1]);
    // With c₊ ≠ c₋, ρ = −1 is an entrance: the law moves in at once.
    const enter = correlationLaw({ cp: 0, cm: -1, rho0: -1, T: 0.1 });
    expect(enter.mean).toBeGreaterThan(-0.99);
    expect(enter.atomLow).toBeLessThan(1e-12);
  });

  it('short time: mean = ρ₀ + μT + ½(μμ′ + ½σ²μ″)T² + O(T³), var = σ²T + O(T²)', () => {
    // The generator L = μ∂ + ½σ²∂² applied to f(ρ) = ρ: E ρ_T = ρ₀ + T Lρ + ½T² L²ρ + O(T³), with
    // ν′ = −κ arccos ρ, ν″ = κ/√(1−ρ²), μ′ = ν′ − (1 − 3ρ²)/2, μ″ = ν″ + 3ρ (closed forms of (2)).
    for (const [cp, cm, rho0] of [[0, -1, 0.3], [1, -1, -0.6], [0.5, 0.5, 0.8]] as const) {
      const T = 1e-3;
      const kappa = shapingStrength(cp, cm);
      const mu = correlationDrift(rho0, kappa);
      const s = correlationDiffusion(rho0);
      const d1 = -kappa * Math.acos(rho0) - (1 - 3 * rho0 * rho0) / 2;
      const d2 = kappa / Math.sqrt(1 - rho0 * rho0) + 3 * rho0;
      const law = correlationLaw({ cp, cm, rho0, T });
      const expected = rho0 + mu * T + 0.5 * (mu * d1 + 0.5 * s * s * d2) * T * T;
      expect(Math.abs(law.mean - expected)).toBeLessThan(5e-8); // measured ≤ 6e−9 (O(T³) + FP error)
      expect(Math.abs(law.sd / (s * Math.sqrt(T)) - 1)).toBeLessThan(2e-3); // O(T) relative: ≤ 1e−3 measured
    }
  });

  it('linear network (c₊ = c₋), long time: ρ → ±1 with P(ρ_∞ = 1) = ½ + arcsin(ρ₀)/π', () => {
    // For κ = 0, β(x) = tanh(x)/2 and the scale function s′(x) = exp(−∫2β) = sech x gives
    // s(x) = arctan(sinh x) = arcsin(tanh x): P(x → +∞) = (arcsin ρ₀ + π/2)/π. So E ρ_∞ = (2/π) arcsin ρ₀.
    // The FP hitting probabilities carry the O(h²) error of the scheme: 3.2e−6 at the default grid,
    // 8e−7 with twice the cells (measured), so the tolerance is 1e−5 and the error must shrink ≈ 4×.
    for (const rho0 of [-0.6, 0.2, 0.5]) {
      const exact = 0.5 + Math.asin(rho0) / Math.PI;
      const law = correlationLaw({ cp: 1, cm: 1, rho0, T: 200 });
      expect(Math.abs(law.atomHigh - exact)).toBeLessThan(1e-5);
      expect(Math.abs(law.atomLow - (1 - exact))).toBeLessThan(1e-5);
      expect(Math.abs(law.mean - (2 / Math.PI) * Math.asin(rho0))).toBeLessThan(2e-5);
      const fine = correlationLaw({ cp: 1, cm: 1, rho0, T: 200 }, { cells: 2400 });
      expect(Math.abs(fine.atomHigh - exact)).toBeLessThan(Math.abs(law.atomHigh - exact) / 3);
    }
  });

  it('linear network: the law of −ρ from −ρ₀ is the mirror image (the grid is not symmetric)', () => {
    const a = correlationLaw({ cp: 0.3, cm: 0.3, rho0: 0.35, T: 0.8 });
    const b = correlationLaw({ cp: 0.3, cm: 0.3, rho0: -0.35, T: 0.8 });
    expect(Math.abs(a.mean + b.mean)).toBeLessThan(1e-5);
    expect(Math.abs(a.sd - b.sd)).toBeLessThan(1e-5);
    expect(Math.abs(a.quantile(0.1) + b.quantile(0.9))).toBeLessThan(1e-4);
  });

  it('depends on (c₊, c₋) only through (c₊ − c₋)²', () => {
    const a = correlationLaw({ cp: 0.4, cm: -1.1, rho0: 0.2, T: 0.7 });
    const b = correlationLaw({ cp: -1.1, cm: 0.4, rho0: 0.2, T: 0.7 });
    const c = correlationLaw({ cp: 2.5, cm: 1, rho0: 0.2, T: 0.7 });
    expect(b.mean).toBe(a.mean);
    expect(c.mean).toBeCloseTo(a.mean, 12);
  });

  it('quantile inverts the CDF and cdfAt is monotone', () => {
    const law = correlationLaw({ cp: 0, cm: -1, rho0: 0.5, T: 1 });
    for (const p of [0.01, 0.05, 0.3, 0.5, 0.9, 0.99]) expect(law.cdfAt(law.quantile(p))).toBeCloseTo(p, 9);
    let prev = -Infinity;
    for (let r = -1; r <= 1; r += 0.01) {
      const F = law.cdfAt(r);
      expect(F).toBeGreaterThanOrEqual(prev);
      prev = F;
    }
    expect(() => law.quantile(1.5)).toThrow(/p must lie in \[0, 1\]/);
  });

  it('rejects out-of-range parameters with a message naming them', () => {
    expect(() => correlationLaw({ cp: 0, cm: -1, rho0: 1.2, T: 1 })).toThrow(/rho0 = 1.2/);
    expect(() => correlationLaw({ cp: 0, cm: -1, rho0: 0.5, T: 0 })).toThrow(/T = 0/);
    expect(() => correlationLaw({ cp: NaN, cm: -1, rho0: 0.5, T: 1 })).toThrow(/cp = NaN/);
    expect(() => correlationLaw({ cp: 0, cm: -1, rho0: 0.5, T: 1 }, { cells: 3 })).toThrow(/cells = 3/);
  });
});

describe('sdeBlock (the sde block of the result, DESIGN.md §6)', () => {
  const shaped: Spec = { ...DEFAULT_SPEC, arch: 'shaped', n: 256, L: 128, cp: 0, cm: -1, rho0: 0.5 };

  it('reports T = L/n, the law of ρ_T and log V_aa ~ N(−T, 2T)', () => {
    const block = sdeBlock(shaped);
    expect(block.T).toBe(0.5);
    expect(block.logVaa).toEqual({ mean: -0.5, var: 1 });
    const law = correlationLaw({ cp: 0, cm: -1, rho0: 0.5, T: 0.5 });
    expect(block.rho.mean).toBe(law.mean);
    expect(block.rho.p50).toBe(law.quantile(0.5));
    expect(block.rho.p05).toBeLessThan(block.rho.p25);
    expect(block.rho.p75).toBeLessThan(block.rho.p95);
  });

  it('starts from the layer-1 correlation (σw² √(q₁q₂) ρ + σb²)/√((σw²q₁ + σb²)(σw²q₂ + σb²))', () => {
    const spec = { sw2: 2, sb2: 0.5, q1: 1.5, q2: 0.4, rho0: -0.3 };
    const byHand = (2 * Math.sqrt(1.5 * 0.4) * -0.3 + 0.5) / Math.sqrt((2 * 1.5 + 0.5) * (2 * 0.4 + 0.5));
    expect(firstLayerCorrelation(spec)).toBeCloseTo(byHand, 14);
    const block = sdeBlock({ ...shaped, ...spec });
    expect(block.rho.mean).toBe(correlationLaw({ cp: 0, cm: -1, rho0: firstLayerCorrelation(spec), T: 0.5 }).mean);
  });
});
