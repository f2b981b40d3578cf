import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/theory.json';
import { activation, leaky } from '../core/activations.ts';
import { chi1, correlationMap, criticality, criticalSw2, criticalSw2ByQ } from './criticality.ts';

const relu = activation('relu');
const tanh = activation('tanh');

describe('χ₁ and the critical line', () => {
  it('ReLU: χ₁ = σw²/2 at any q, critical σw² = 2 (leaky slope 0.1: 2/1.01)', () => {
    expect(chi1(relu, 1.3, 0.7)).toBe(0.65);
    expect(chi1(relu, 1.3, 40)).toBe(0.65);
    const c = criticalSw2(relu, 0.3);
    expect(c.ok && c.sw2).toBe(2);
    const l = criticalSw2(leaky(0.1), 0);
    expect(l.ok && Math.abs(l.sw2 - 2 / 1.01)).toBeLessThan(1e-15);
  });

  for (const f of fixtures.criticalSw2) {
    it(`${f.act}, σb² = ${f.sb2}: critical σw² = ${f.sw2.toFixed(10)} (scipy) by both methods, ≤ 1e−8`, () => {
      const act = activation(f.act);
      const m1 = criticalSw2(act, f.sb2);
      const m2 = criticalSw2ByQ(act, f.sb2);
      expect(m1.ok && m2.ok).toBe(true);
      if (m1.ok && m2.ok) {
        // Required ≤ 1e−8; the quadrature (≤ 1e−14) and the root finders (2ε) allow far less
        // (measured ≤ 2e−15), so the two methods are also held to 1e−12 of each other.
        expect(Math.abs(m1.sw2 - f.sw2)).toBeLessThan(1e-8);
        expect(Math.abs(m2.sw2 - f.sw2)).toBeLessThan(1e-8);
        expect(Math.abs(m1.sw2 - m2.sw2)).toBeLessThan(1e-12);
        expect(Math.abs(m1.qStar - f.qStar)).toBeLessThan(1e-8);
        expect(Math.abs(m2.qStar - f.qStar)).toBeLessThan(1e-8);
      }
    });
  }

  it('tanh at σw² = 1, σb² = 0 is critical with q* = 0 (χ₁ = φ′(0)² σw² = 1, no correlation map)', () => {
    const r = criticality(tanh, 1, 0);
    expect(r.qStar).toBe(0);
    expect(r.chi1).toBe(1);
    expect(r.phase).toBe('critical');
    expect(r.xiC).toBe(Infinity);
    expect(Number.isNaN(r.cStar)).toBe(true);
  });

  it('phase: ordered below, critical at, chaotic above the critical σw² (tanh, σb² = 0.05)', () => {
    const c = criticalSw2(tanh, 0.05);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(criticality(tanh, c.sw2, 0.05).phase).toBe('critical');
    expect(criticality(tanh, c.sw2 * 0.98, 0.05).phase).toBe('ordered');
    expect(criticality(tanh, c.sw2 * 1.02, 0.05).phase).toBe('chaotic');
  });
});

describe('criticality() against the Python fixtures (q*, χ₁, χ_q, c*, χ_c, ξ_q, ξ_c)', () => {
  for (const f of fixtures.depthScales) {
    it(`${f.act} σw² = ${f.sw2}, σb² = ${f.sb2}`, () => {
      const r = criticality(activation(f.act), f.sw2, f.sb2);
      expect(r.ok).toBe(true);
      // q*, χ's: 1-D quadrature (≤ 1e−13) and Brent (2ε); c* and χ_c: the 2-D rule (≤ 1e−12)
      // divided by the slope 1 − 𝒞'(c*) of the correlation map (≥ 0.1 here): 1e−10 is safe.
      expect(Math.abs(r.qStar - f.qStar)).toBeLessThan(1e-12);
      expect(Math.abs(r.chi1 - f.chi1)).toBeLessThan(1e-12);
      // χ_q: the fixture uses mpmath's numerical derivative (≥ 20 digits).
      expect(Math.abs(r.chiQ - f.chiQ)).toBeLessThan(1e-12);
      expect(Math.abs(r.cStar - f.cStar)).toBeLessThan(1e-10);
      expect(Math.abs(r.chiC - f.chiC)).toBeLessThan(1e-10);
      expect(Math.abs(r.xiQ - f.xiQ)).toBeLessThan(1e-9 * f.xiQ);
      expect(Math.abs(r.xiC - (f.xiC ?? Infinity))).toBeLessThan(1e-8 * (f.xiC ?? 1));
      expect(r.phase).toBe(f.chi1 < 1 ? 'ordered' : 'chaotic');
    });
  }

  it('in the chaotic phase c* is a fixed point of the correlation map, stable (slope χ_c … < 1)', () => {
    const r = criticality(tanh, 3, 0.05);
    expect(r.phase).toBe('chaotic');
    expect(Math.abs(correlationMap(tanh, 3, 0.05, r.qStar, r.cStar) - r.cStar)).toBeLessThan(1e-13);
    expect(r.cStar).toBeLessThan(1);
  });

  it('ReLU ordered phase: q* = 0.4, χ₁ = χ_q = σw²/2, c* = 1, ξ_c = ξ_q = −1/log(σw²/2)', () => {
    const r = criticality(relu, 1.5, 0.1);
    expect(r.phase).toBe('ordered');
    expect(Math.abs(r.qStar - 0.4)).toBeLessThan(1e-14);
    expect(r.chi1).toBe(0.75);
    expect(r.chiQ).toBe(0.75);
    expect(r.cStar).toBe(1);
    expect(Math.abs(r.xiC + 1 / Math.log(0.75))).toBeLessThan(1e-14);
    expect(Math.abs(r.xiQ + 1 / Math.log(0.75))).toBeLessThan(1e-14);
  });

  it('ReLU with σw² > 2: q* = ∞ reported, χ₁ still defined (homogeneous φ), phase chaotic', () => {
    const r = criticality(relu, 2.4, 0.1);
    expect(r.ok).toBe(false);
    expect(r.qStar).toBe(Infinity);
    expect(r.chi1).toBeCloseTo(1.2, 15);
    expect(r.phase).toBe('chaotic');
  });
});
