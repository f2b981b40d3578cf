import { describe, expect, it } from 'vitest';
import { expect1, expect2, gaussHermite, gaussLegendre } from './quadrature.ts';

/** (2k − 1)!! = E z^{2k} for z ~ N(0, 1), in logarithms (it overflows past k ≈ 150). */
function logDoubleFactorial(k: number): number {
  let s = 0;
  for (let j = 1; j < 2 * k; j += 2) s += Math.log(j);
  return s;
}

describe('gaussHermite (probabilists’ weight)', () => {
  it('reproduces the textbook rules for N = 1..4', () => {
    // He_2 = x² − 1, He_3 = x³ − 3x, He_4 = x⁴ − 6x² + 3: roots ±1; 0, ±√3; ±√(3 ± √6).
    expect(Array.from(gaussHermite(1).x)).toEqual([0]);
    expect(Array.from(gaussHermite(1).w)).toEqual([1]);
    const r2 = gaussHermite(2);
    expect(r2.x[1]).toBeCloseTo(1, 15);
    expect(r2.w[0]).toBeCloseTo(0.5, 15);
    const r3 = gaussHermite(3);
    expect(r3.x[2]).toBeCloseTo(Math.sqrt(3), 15);
    expect(r3.w[1]).toBeCloseTo(2 / 3, 15);
    const r4 = gaussHermite(4);
    expect(r4.x[3]).toBeCloseTo(Math.sqrt(3 + Math.sqrt(6)), 14);
    expect(r4.x[2]).toBeCloseTo(Math.sqrt(3 - Math.sqrt(6)), 14);
  });

  for (const N of [5, 20, 64, 200, 400]) {
    it(`N = ${N}: weights sum to 1, nodes are symmetric and increasing`, () => {
      const { x, w } = gaussHermite(N);
      let s = 0;
      for (let i = 0; i < N; i++) s += w[i];
      // N rounding errors of size ε·w_i: 1e−14 leaves a 40× margin at N = 400.
      expect(Math.abs(s - 1)).toBeLessThan(1e-14);
      for (let i = 0; i < N; i++) expect(x[i] + x[N - 1 - i]).toBe(0);
      for (let i = 1; i < N; i++) expect(x[i]).toBeGreaterThan(x[i - 1]);
    });

    it(`N = ${N}: exact for every even moment of degree ≤ 2N − 1, including the tail-dominated ones`, () => {
      const { x, w } = gaussHermite(N);
      const kMax = Math.min(N - 1, 140);
      let worst = 0;
      for (let k = 1; k <= kMax; k++) {
        // Σ w x^{2k} in logarithms of the terms (the high moments are carried by the outer nodes,
        // so this tests the tiny tail weights to full relative accuracy).
        const logs: number[] = [];
        for (let i = 0; i < N; i++) if (x[i] !== 0 && w[i] > 0) logs.push(Math.log(w[i]) + 2 * k * Math.log(Math.abs(x[i])));
        const m = Math.max(...logs);
        const logSum = m + Math.log(logs.reduce((acc, l) => acc + Math.exp(l - m), 0));
        worst = Math.max(worst, Math.abs(logSum - logDoubleFactorial(k)));
      }
      // Relative error of the moment; 1e−12 allows ~N·ε accumulation in the weights.
      expect(worst).toBeLessThan(1e-12);
    });
  }

  it('integrates entire functions to machine precision: E cos(ωz) = e^{−ω²/2}, E e^{z} = e^{1/2}', () => {
    expect(Math.abs(expect1(Math.cos, 25, 120) - Math.exp(-12.5))).toBeLessThan(1e-15);
    expect(Math.abs(expect1(Math.exp, 1, 60) - Math.exp(0.5))).toBeLessThan(4e-15);
  });

  it('rejects node counts it cannot compute', () => {
    expect(() => gaussHermite(0)).toThrow(/N = 0/);
    expect(() => gaussHermite(2.5)).toThrow(/integer/);
  });
});

describe('gaussLegendre', () => {
  for (const N of [1, 2, 7, 40, 101]) {
    it(`N = ${N}: ∫ x^{2k} dx = 2/(2k + 1) for 2k ≤ 2N − 1`, () => {
      const { x, w } = gaussLegendre(N);
      for (let k = 0; 2 * k <= 2 * N - 1; k++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += w[i] * x[i] ** (2 * k);
        expect(Math.abs(s - 2 / (2 * k + 1))).toBeLessThan(2e-15 * Math.max(1, N / 10));
      }
    });
  }
});

describe('expect1 / expect2', () => {
  const a = 1.7;
  const b = 0.6;
  const c = -0.8;
  it('Gaussian moments: E u² = a, E uv = c, E u²v² = ab + 2c² (Isserlis)', () => {
    expect(Math.abs(expect1((u) => u * u, a, 8) - a)).toBeLessThan(1e-15);
    const id = (t: number) => t;
    const sq = (t: number) => t * t;
    expect(Math.abs(expect2(id, id, a, c, b, 8) - c)).toBeLessThan(1e-15);
    expect(Math.abs(expect2(sq, sq, a, c, b, 8) - (a * b + 2 * c * c))).toBeLessThan(1e-14);
  });

  it('degenerate covariances are exact: a = 0, b = 0, and |ρ| = 1', () => {
    const f = (u: number) => 2 + u;
    const g = (v: number) => v * v;
    expect(expect2(f, g, 0, 0, b, 8)).toBeCloseTo(2 * b, 15);
    expect(expect2(g, f, a, 0, 0, 8)).toBeCloseTo(2 * a, 15);
    // ρ = −1 with c² = ab exactly representable: a = 4, b = 9, c = −6 ⇒ v = −1.5 u.
    const id = (t: number) => t;
    expect(expect2(id, id, 4, -6, 9, 4)).toBeCloseTo(-6, 14);
    expect(expect2((u) => u * u, (v) => v * v, 4, -6, 9, 4)).toBeCloseTo(3 * 4 * 9, 12);
  });
});
