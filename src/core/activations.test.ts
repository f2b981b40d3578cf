import { describe, expect, it } from 'vitest';
import { expect1 } from '../theory/quadrature.ts';
import { activation, ACTIVATION_FAMILIES, leaky, listActivations, parseActivation, shapedActivation } from './activations.ts';

describe('activation registry', () => {
  it('has one entry per family, and closed forms come in pairs (F with F′) with a source', () => {
    const families = new Set(listActivations().map((a) => a.family));
    for (const f of ACTIVATION_FAMILIES) expect(families.has(f)).toBe(true);
    for (const a of listActivations()) {
      expect(Boolean(a.dual)).toBe(Boolean(a.dualDeriv));
      if (a.dual) expect(a.dualSource).toBeTruthy();
    }
  });

  it('φ′ is the derivative of φ (central differences, away from the kink at 0)', () => {
    for (const a of [...listActivations(), shapedActivation(1.5, -2, 64)]) {
      for (const x of [-3.1, -0.7, 0.3, 1.9, 4.2]) {
        const h = 1e-5;
        const fd = (a.phi(x + h) - a.phi(x - h)) / (2 * h);
        // Central difference error h²φ‴/6 ≲ 1e−10, rounding ε|φ|/h ≲ 1e−10.
        expect(Math.abs(fd - a.dphi(x))).toBeLessThan(1e-8);
      }
    }
  });

  it('closed-form duals factorise at c = 0: F(a, 0, b) = E φ(u) · E φ(v) (1-D Gauss–Hermite)', () => {
    for (const a of listActivations().filter((x) => x.dual)) {
      for (const [va, vb] of [[0.3, 2], [1, 1], [4, 0.5]]) {
        // Entire φ: 200-node GH is exact to rounding at these variances. Kinked φ converge only
        // algebraically in GH, so their mean is the textbook E max(u, 0) = √(a/2π):
        // E φ(u) = (s₊ − s₋)√(a/2π). Their φ′ is a step: the symmetric even-N rule gives
        // E φ′ = (s₊ + s₋)/2 exactly.
        const pl = a.piecewiseLinear;
        const m = (v: number) => (pl ? (pl.sp - pl.sm) * Math.sqrt(v / (2 * Math.PI)) : expect1(a.phi, v, 200));
        const mp = (v: number) => expect1(a.dphi, v, 200);
        expect(Math.abs(a.dual!(va, 0, vb) - m(va) * m(vb))).toBeLessThan(1e-14);
        expect(Math.abs(a.dualDeriv!(va, 0, vb) - mp(va) * mp(vb))).toBeLessThan(1e-14);
      }
    }
  });

  it('parses URL tokens and explains what is allowed', () => {
    expect(activation('leaky:0.25').id).toBe('leaky:0.25');
    expect(leaky(0.1).dphi(-1)).toBe(0.1);
    const bad = parseActivation('leaky:3');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/\[-1, 1\]/);
    expect(parseActivation('gelu2').ok).toBe(false);
  });
});

describe("φ'' (the curvature's mean field, geometry/meanField.ts)", () => {
  it("equals the central difference of φ' (step 1e−4: truncation ~1e−9, rounding ~1e−12) on [−4, 4] for every smooth family, and is absent exactly for the kinked ones", () => {
    for (const token of ['tanh', 'erf', 'gelu', 'silu', 'softplus', 'sin', 'identity', 'relu', 'abs', 'leaky:0.1']) {
      const r = parseActivation(token);
      if (!r.ok) throw new Error(r.reason);
      const act = r.value;
      if (['relu', 'abs', 'leaky:0.1'].includes(token)) {
        expect(act.d2phi, token).toBeUndefined();
        continue;
      }
      expect(act.d2phi, token).toBeDefined();
      const h = 1e-4;
      for (let x = -4; x <= 4; x += 0.37) {
        const fd = (act.dphi(x + h) - act.dphi(x - h)) / (2 * h);
        expect(Math.abs(act.d2phi!(x) - fd), `${token} at ${x}`).toBeLessThan(1e-7);
      }
    }
  });
});
