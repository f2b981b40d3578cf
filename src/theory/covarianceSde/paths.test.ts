import { describe, expect, it } from 'vitest';
import { correlationDiffusion, correlationDrift, atanhDrift, shapingStrength } from './coefficients.ts';
import { logLogSlope, wasserstein1ToLaw } from './distance.ts';
import { correlationLaw } from './fokkerPlanck.ts';
import { simulateCorrelationPaths, simulateLogVariancePaths, type PathVariant } from './paths.ts';

/** Standard error of the sample sd: √((m₄ − s⁴)/(4 s² N)) (delta method, any law with 4 moments). */
function sdStandardError(values: Float64Array, mean: number, sd: number): number {
  let m4 = 0;
  for (const v of values) m4 += (v - mean) ** 4;
  m4 /= values.length;
  return Math.sqrt((m4 - sd ** 4) / (4 * sd * sd * values.length));
}

describe('Euler–Maruyama paths of the correlation SDE vs the Fokker–Planck law', () => {
  it.each([
    ['atanh', 0.01, { cp: 0, cm: -1, rho0: 0.5, T: 0.5 }],
    ['hybrid', 0.01, { cp: 0, cm: -1, rho0: 0.5, T: 0.5 }],
    ['atanh', 0.01, { cp: 0.5, cm: 0.5, rho0: -0.6, T: 0.5 }], // linear: pure Wishart noise
    ['hybrid', 0.005, { cp: 0, cm: -1, rho0: -1, T: 0.5 }], // entrance from ρ = −1
  ] as const)('%s, dt = %f, %o: mean and sd within 4 SE of the FP law', (variant, dt, c) => {
    // 2e4 paths. Measured EM biases at these dt: ≤ 1.5e−3 in the mean (SE ≈ 3e−3, 1.2e−3 at the
    // entrance) and, at the entrance, ≈ −1e−3 in the sd (SE ≈ 1.3e−3; it is O(dt): −1.7e−3 at dt = 0.01).
    const P = 20000;
    const r = simulateCorrelationPaths({ ...c, paths: P, dt, seed: 2024, variant });
    const law = correlationLaw(c);
    const seMean = r.summary.sd / Math.sqrt(P);
    const seSd = sdStandardError(r.terminal, r.summary.mean, r.summary.sd);
    expect(Math.abs(r.summary.mean - law.mean)).toBeLessThan(4 * seMean);
    expect(Math.abs(r.summary.sd - law.sd)).toBeLessThan(4 * seSd);
  });

  it("measures the O(dt) bias of 'rho-clipped': W₁ to the FP law halves with dt; 'atanh' has none visible", () => {
    // From ρ₀ = 0.9, T = 1 the law piles up near ρ = 1, where the clipped scheme overshoots and
    // sticks at ρ = 1 (measured: stuck fraction 0.29 / 0.13 / 0.013 at dt = 0.1 / 0.05 / 0.025;
    // W₁ ≈ 0.022 / 0.010 / 0.0055, slope ≈ 1.0). The MC noise floor of W₁ at 2e4 paths is ≈ 0.002.
    const c = { cp: 0, cm: -1, rho0: 0.9, T: 1 };
    const law = correlationLaw(c);
    const dts = [0.2, 0.1, 0.05];
    const run = (variant: PathVariant, dt: number) => simulateCorrelationPaths({ ...c, paths: 20000, dt, seed: 99, variant });
    const w1 = dts.map((dt) => wasserstein1ToLaw(run('rho-clipped', dt).terminal, law));
    const slope = logLogSlope(dts, w1);
    expect(slope).toBeGreaterThan(0.7);
    expect(slope).toBeLessThan(1.4);
    const clipped = run('rho-clipped', 0.05);
    const stuck = clipped.terminal.filter((v) => v === 1).length / clipped.terminal.length;
    expect(stuck).toBeGreaterThan(0.05); // the SDE puts no mass at ρ = 1 (law.atomHigh ≈ 1e−16)
    expect(law.atomHigh).toBeLessThan(1e-12);
    expect(wasserstein1ToLaw(run('atanh', 0.05).terminal, law)).toBeLessThan(w1[2] / 2);
  });

  it("measures the wall bias of 'atanh' near ρ = −1 (c₊ ≠ c₋), which 'hybrid' does not have", () => {
    // From ρ₀ = −0.99, β(x₀) ≈ 25 and β′ ≈ −50: the x-scheme's O(dt) constant is large
    // (measured bias 3.4e−4 at dt = 0.002, SE 3e−5 with 2e4 paths); the ρ-step is unbiased there.
    const c = { cp: 0, cm: -1, rho0: -0.99, T: 0.02 };
    const law = correlationLaw(c);
    const P = 20000;
    const x = simulateCorrelationPaths({ ...c, paths: P, dt: 0.002, seed: 5, variant: 'atanh' });
    const h = simulateCorrelationPaths({ ...c, paths: P, dt: 0.002, seed: 5, variant: 'hybrid' });
    const se = h.summary.sd / Math.sqrt(P);
    expect(x.summary.mean - law.mean).toBeGreaterThan(6 * se);
    expect(Math.abs(h.summary.mean - law.mean)).toBeLessThan(4 * se);
  });
});

describe('path simulator mechanics', () => {
  it('keeps ρ ≡ 1 and (c₊ = c₋) ρ ≡ −1 in every variant; ρ = −1 is an entrance when c₊ ≠ c₋', () => {
    for (const variant of ['atanh', 'rho-clipped', 'hybrid'] as const) {
      const up = simulateCorrelationPaths({ cp: 0, cm: -1, rho0: 1, T: 1, paths: 50, dt: 0.01, seed: 1, variant });
      expect(up.terminal.every((v) => v === 1)).toBe(true);
      const down = simulateCorrelationPaths({ cp: 1, cm: 1, rho0: -1, T: 1, paths: 50, dt: 0.01, seed: 1, variant });
      expect(down.terminal.every((v) => v === -1)).toBe(true);
      const enter = simulateCorrelationPaths({ cp: 0, cm: -1, rho0: -1, T: 0.05, paths: 50, dt: 0.01, seed: 1, variant });
      expect(enter.terminal.every((v) => v > -0.999)).toBe(true);
    }
  });

  it('all variants read the same normal for (path, step): the first step of each recovers it', () => {
    // One step from ρ₀: x₁ = x₀ + β dt + √dt ξ ('atanh', 'hybrid' above ρ = −½) and
    // ρ₁ = ρ₀ + μ dt + (1 − ρ₀²)√dt ξ ('rho-clipped'), so both give back the same ξ.
    const c = { cp: 0.3, cm: -0.4, rho0: 0.2, T: 0.01 };
    const kappa = shapingStrength(c.cp, c.cm);
    const common = { ...c, paths: 6, dt: 0.01, seed: 77 };
    const a = simulateCorrelationPaths({ ...common, variant: 'atanh' });
    const r = simulateCorrelationPaths({ ...common, variant: 'rho-clipped' });
    const x0 = Math.atanh(c.rho0);
    for (let p = 0; p < 6; p++) {
      const xiX = (Math.atanh(a.terminal[p]) - x0 - atanhDrift(x0, kappa) * 0.01) / 0.1;
      const xiR = (r.terminal[p] - c.rho0 - correlationDrift(c.rho0, kappa) * 0.01) / (correlationDiffusion(c.rho0) * 0.1);
      expect(xiX).toBeCloseTo(xiR, 9);
    }
  });

  it('is deterministic, and a path does not depend on how many paths are drawn', () => {
    const base = { cp: 0, cm: -1, rho0: 0.4, T: 0.3, dt: 0.01, seed: 5, variant: 'hybrid' as const };
    const few = simulateCorrelationPaths({ ...base, paths: 3 });
    const many = simulateCorrelationPaths({ ...base, paths: 10 });
    const again = simulateCorrelationPaths({ ...base, paths: 10 });
    expect(Array.from(many.terminal)).toEqual(Array.from(again.terminal));
    expect(Array.from(many.terminal.subarray(0, 3))).toEqual(Array.from(few.terminal));
    const other = simulateCorrelationPaths({ ...base, paths: 3, seed: 6 });
    expect(other.terminal[0]).not.toBe(few.terminal[0]);
  });

  it('records `record` time points from 0 to T, path-major, with ρ(0) = ρ₀ and ρ(T) = the terminal value', () => {
    const r = simulateCorrelationPaths({ cp: 0, cm: -1, rho0: 0.25, T: 0.3, paths: 4, dt: 0.01, seed: 3, variant: 'atanh', record: 7 });
    expect(r.steps).toBe(30);
    expect(r.t).toHaveLength(7);
    expect(r.t[0]).toBe(0);
    expect(r.t[6]).toBeCloseTo(0.3, 15);
    expect(r.t[1]).toBeCloseTo(0.05, 15);
    for (let p = 0; p < 4; p++) {
      expect(r.rho[p * 7]).toBe(Math.fround(0.25));
      expect(r.rho[p * 7 + 6]).toBe(Math.fround(r.terminal[p]));
    }
  });

  it('rejects bad parameters with a message naming them', () => {
    const ok = { cp: 0, cm: -1, rho0: 0.5, T: 1, paths: 10, dt: 0.01, seed: 1, variant: 'atanh' as const };
    expect(() => simulateCorrelationPaths({ ...ok, dt: 2 })).toThrow(/dt = 2/);
    expect(() => simulateCorrelationPaths({ ...ok, paths: 0 })).toThrow(/paths = 0/);
    expect(() => simulateCorrelationPaths({ ...ok, variant: 'milstein' as PathVariant })).toThrow(/variant = milstein/);
    expect(() => simulateCorrelationPaths({ ...ok, record: 1 })).toThrow(/record = 1/);
  });
});

describe('log V_aa paths', () => {
  it('have the exact law N(−T, 2T) at T (constant coefficients: EM is exact)', () => {
    const P = 20000;
    const T = 0.7;
    const r = simulateLogVariancePaths({ T, paths: P, dt: 0.05, seed: 8, record: 3 });
    let m = 0;
    for (const v of r.terminal) m += v;
    m /= P;
    let v2 = 0;
    let below = 0;
    for (const v of r.terminal) {
      v2 += (v - m) ** 2;
      if (v < -T) below++;
    }
    const variance = v2 / (P - 1);
    expect(Math.abs(m + T)).toBeLessThan(4 * Math.sqrt((2 * T) / P));
    expect(Math.abs(variance - 2 * T)).toBeLessThan(4 * 2 * T * Math.sqrt(2 / (P - 1)));
    expect(Math.abs(below / P - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / P)); // symmetric about −T
    expect(r.t).toEqual([0, 0.35, 0.7]);
    expect(r.logV[0]).toBe(0);
  });
});
