import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { fixedPointQ, lengthMapDerivative } from './lengthMap.ts';

const relu = activation('relu');
const tanh = activation('tanh');
const erf = activation('erf');

describe('length map fixed point q*', () => {
  it('ReLU: q* = σb²/(1 − σw²/2) for σw² < 2', () => {
    const r = fixedPointQ(relu, 1.5, 0.1);
    expect(r.ok).toBe(true);
    // The map is linear: Aitken + Brent land on the root to a few ulps.
    expect(Math.abs(r.qStar - 0.4)).toBeLessThan(1e-14);
  });

  it('ReLU: q* = ∞ for σw² > 2, and for σw² = 2 with σb² > 0 — a failure value that says why', () => {
    for (const [sw2, sb2] of [
      [2.5, 0],
      [2, 0.1],
    ]) {
      const r = fixedPointQ(relu, sw2, sb2);
      expect(r.ok).toBe(false);
      expect(r.qStar).toBe(Infinity);
      if (!r.ok) expect(r.reason).toMatch(/q\* = ∞/);
    }
  });

  it('ReLU at σw² = 2, σb² = 0 is neutral: every q is fixed, q* = q0', () => {
    expect(fixedPointQ(relu, 2, 0, { q0: 3.7 }).qStar).toBe(3.7);
  });

  it('erf: q* = 1/2 at σw² = 1.2, σb² = 0.1 (1.2·(2/π)·arcsin(1/2) + 0.1 = 0.5)', () => {
    expect(Math.abs(fixedPointQ(erf, 1.2, 0.1).qStar - 0.5)).toBeLessThan(1e-15);
  });

  it('tanh with σb² = 0 flows to q* = 0 for σw² < 1, also at the bifurcation σw² = 1 (q_k ~ 1/k)', () => {
    for (const sw2 of [0.8, 1]) {
      const r = fixedPointQ(tanh, sw2, 0);
      expect(r.ok).toBe(true);
      expect(r.qStar).toBe(0);
    }
    // Just above: q* ≈ (1 − 1/σw²)/2 from E tanh²(√q z) = q − 2q² + O(q³).
    expect(Math.abs(fixedPointQ(tanh, 1 + 1e-4, 0).qStar / (0.5 * (1 - 1 / (1 + 1e-4))) - 1)).toBeLessThan(1e-3);
  });
});

describe('lengthMapDerivative (differentiating under the integral)', () => {
  it('equals a central difference of the closed-form E φ(√q z)² for erf, gelu, sin, relu, leaky, abs', () => {
    for (const name of ['erf', 'gelu', 'sin', 'relu', 'leaky:0.1', 'abs']) {
      const act = activation(name);
      for (const q of [0.05, 0.8, 3, 12]) {
        const V = (x: number) => act.dual!(x, x, x);
        const h = 1e-4 * q;
        // Fourth-order central difference: error ~h⁴ V⁽⁵⁾ + ε V/h ≲ 1e−11.
        const fd = (-V(q + 2 * h) + 8 * V(q + h) - 8 * V(q - h) + V(q - 2 * h)) / (12 * h);
        expect(Math.abs(lengthMapDerivative(act, q) - fd)).toBeLessThan(1e-10);
      }
    }
  });
});
