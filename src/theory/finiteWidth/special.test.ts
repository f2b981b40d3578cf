import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/finite_width.json';
import { digamma, trigamma } from './special.ts';

describe('digamma and trigamma against scipy.special (tools/fixtures/finite_width.json)', () => {
  it('ψ: ≤ 3e−16 relative for x ≥ 10; ≤ 1e−15 absolute below (the recurrence sums Σ 1/(x + j) ≈ 3)', () => {
    for (const r of fixtures.special) {
      const err = Math.abs(digamma(r.x) - r.digamma);
      if (r.x >= 10) expect(err / Math.abs(r.digamma), `x = ${r.x}`).toBeLessThan(3e-16);
      else expect(err, `x = ${r.x}`).toBeLessThan(Math.max(1e-15, 3e-16 * Math.abs(r.digamma)));
    }
  });

  it("ψ': ≤ 6e−16 relative from x = 1e−6 to 1e6", () => {
    for (const r of fixtures.special) {
      expect(Math.abs(trigamma(r.x) - r.trigamma) / r.trigamma, `x = ${r.x}`).toBeLessThan(6e-16);
    }
  });

  it('exact values: ψ(1) = −γ, ψ(1/2) = −γ − 2 log 2, ψ′(1) = π²/6, ψ′(1/2) = π²/2', () => {
    const gamma = 0.5772156649015329;
    expect(Math.abs(digamma(1) + gamma)).toBeLessThan(1e-15);
    expect(Math.abs(digamma(0.5) + gamma + 2 * Math.LN2)).toBeLessThan(1e-15);
    expect(Math.abs(trigamma(1) - Math.PI ** 2 / 6) / (Math.PI ** 2 / 6)).toBeLessThan(3e-16);
    expect(Math.abs(trigamma(0.5) - Math.PI ** 2 / 2) / (Math.PI ** 2 / 2)).toBeLessThan(3e-16);
  });

  it('invalid arguments: NaN below 0, the pole at 0', () => {
    expect(digamma(0)).toBe(-Infinity);
    expect(trigamma(0)).toBe(Infinity);
    expect(digamma(-1)).toBeNaN();
    expect(trigamma(Number.NaN)).toBeNaN();
  });
});
