import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { criticality } from '../theory/criticality.ts';
import { activation } from '../core/activations.ts';
import { curveMeanField, tangentLengthBias } from './meanField.ts';

const spec = (over: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, ...over });
const sech2 = (x: number) => 1 / Math.cosh(x) ** 2;
/**
 * E f(√a ξ), ξ ~ N(0, 1), by the plain trapezoidal rule, step 0.01 on |ξ| ≤ 12: for f analytic in
 * the strip |Im ξ| < π/(2√a) (tanh, sech) its error is ~e^{−2π·strip/h} plus the tail e^{−72},
 * far below 1e−14 for a ≤ 10 — an independent check of the sinh-mapped rule in theory/dual.ts.
 */
function gaussTrapezoid(f: (u: number) => number, a: number): number {
  const h = 0.01;
  const sa = Math.sqrt(a);
  let s = 0;
  for (let i = -1200; i <= 1200; i++) {
    const z = i * h;
    s += f(sa * z) * Math.exp(-0.5 * z * z);
  }
  return (s * h) / Math.sqrt(2 * Math.PI);
}

describe('curveMeanField', () => {
  it('ReLU: g^ℓ = σw² q (σw²/2)^{ℓ−1} in closed form; He keeps the length element and the Jacobian constant', () => {
    for (const sw2 of [1.5, 2, 2.5]) {
      const mf = curveMeanField(spec({ act: 'relu', sw2, sb2: 0.1, L: 12 }), { k: 64, q: 0.7 });
      mf.tangent2.forEach((g, i) => expect(g).toBeCloseTo(sw2 * 0.7 * (sw2 / 2) ** i, 12));
      if (sw2 === 2) for (const j of mf.jacobian2) expect(j).toBeCloseTo(2, 13);
    }
  });

  it('ReLU He polygon: the arc-cosine recursion written out by hand (Cho & Saul 2009, factor 1/2)', () => {
    const k = 16;
    const q = 1.3;
    const mf = curveMeanField(spec({ act: 'relu', sw2: 2, sb2: 0, L: 10 }), { k, q });
    // He, σb = 0: q^ℓ = 2q for every ℓ; cos θ^{ℓ+1} = (sin θ + (π − θ) cos θ)/π.
    let c = Math.cos((2 * Math.PI) / k);
    for (let i = 0; i < 10; i++) {
      const chord = Math.sqrt(2 * 2 * q * (1 - c));
      expect(mf.polygonLength[i]).toBeCloseTo(k * chord, 11);
      const th = Math.acos(c);
      c = (Math.sin(th) + (Math.PI - th) * c) / Math.PI;
    }
  });

  it('tanh: each growth factor is σw² E sech⁴(√q^ℓ ξ), by an independent trapezoidal rule', () => {
    for (const [sw2, sb2] of [[0.8, 0.05], [1.5, 0.05], [3, 0.3]]) {
      const mf = curveMeanField(spec({ act: 'tanh', sw2, sb2, L: 8 }), { k: 32, q: 1 });
      // q^ℓ from the length map by hand: q¹ = σw² q + σb², q^{ℓ+1} = σw² E tanh² + σb².
      let qq = sw2 + sb2;
      for (let i = 0; i < 8; i++) {
        expect(mf.q[i]).toBeCloseTo(qq, 11);
        const f = sw2 * gaussTrapezoid((u) => sech2(u) ** 2, qq);
        expect(Math.abs(mf.growth[i] - f)).toBeLessThan(1e-12 * f);
        qq = sw2 * gaussTrapezoid((u) => Math.tanh(u) ** 2, qq) + sb2;
      }
    }
  });

  it('at the fixed point the length grows by √χ₁ a layer: ordered, critical and chaotic tanh', () => {
    const tanh = activation('tanh');
    for (const [sw2, sb2] of [[1.2, 0.05], [1.5, 0.05], [2.5, 0.05]]) {
      const cr = criticality(tanh, sw2, sb2);
      // Start on the fixed point: q¹ = σw² q + σb² = q*.
      const q = (cr.qStar - sb2) / sw2;
      const mf = curveMeanField(spec({ act: 'tanh', sw2, sb2, L: 20 }), { k: 64, q });
      for (let i = 1; i < 20; i++) {
        expect(mf.length[i] / mf.length[i - 1]).toBeCloseTo(Math.sqrt(cr.chi1), 9);
        expect(mf.jacobian2[i]).toBeCloseTo(sw2 * cr.chi1 ** i, 8);
      }
    }
  });

  it('the polygon is shorter than the curve and tends to it as k grows (chords → arcs)', () => {
    for (const sw2 of [1.0, 2.5]) {
      const s = spec({ act: 'tanh', sw2, sb2: 0.05, L: 15 });
      const cont = curveMeanField(s, { k: 8, q: 1 }).length;
      let prevGap = Infinity;
      for (const k of [8, 64, 512]) {
        const mf = curveMeanField(s, { k, q: 1 });
        mf.polygonLength.forEach((p, i) => expect(p).toBeLessThanOrEqual(cont[i] * (1 + 1e-12)));
        const gap = 1 - mf.polygonLength[0] / cont[0];
        // At layer 1 (a circle in R^n of radius √q¹... scaled) the gap is 1 − sin(π/k)/(π/k) ≈ π²/(6k²).
        expect(gap).toBeCloseTo(1 - Math.sin(Math.PI / k) / (Math.PI / k), 10);
        expect(gap).toBeLessThan(prevGap);
        prevGap = gap;
      }
      if (sw2 === 1.0) {
        const mf = curveMeanField(s, { k: 512, q: 1 });
        mf.polygonLength.forEach((p, i) => expect(p / cont[i]).toBeGreaterThan(1 - 1e-4));
      }
    }
  });

  it('ResNet with the identity: g^ℓ = q(1 + L^{−2α}σw²)^ℓ; shaped nets follow the MLP rule with c', () => {
    const L = 9;
    const mf = curveMeanField(spec({ arch: 'resnet', act: 'identity', sw2: 1.7, sb2: 0, alpha: 0.5, L }), { k: 16, q: 0.9 });
    expect(mf.layers[0]).toBe(0);
    mf.tangent2.forEach((g, l) => expect(g).toBeCloseTo(0.9 * (1 + 1.7 / L) ** l, 12));
    const sh = curveMeanField(spec({ arch: 'shaped', cp: 0, cm: -1, n: 256, sw2: 1, L: 5 }), { k: 16, q: 1 });
    // φ_s is piecewise linear with slopes s±, c = 2/(s₊² + s₋²): E φ_s'² = (s₊² + s₋²)/2, so c·E φ_s'² = 1.
    for (const f of sh.growth) expect(f).toBeCloseTo(1, 12);
  });
});

describe('tangentLengthBias', () => {
  it('ReLU: −(2 + 5(ℓ − 1))/(8n), i.e. Hanin–Jeong–Rolnick\'s −(5/8)ℓ/n per hidden layer; tanh κ by trapezoid', () => {
    const n = 100;
    const b = tangentLengthBias(spec({ act: 'relu', sw2: 2, L: 6, n }), { k: 16, q: 1 });
    b.forEach((v, i) => expect(v).toBeCloseTo(-(2 + 5 * i) / (8 * n), 14));
    const s = spec({ act: 'tanh', sw2: 1.5, sb2: 0.05, L: 4, n });
    const mf = curveMeanField(s, { k: 16, q: 1 });
    const bt = tangentLengthBias(s, { k: 16, q: 1 });
    let V = 2 / n;
    for (let i = 0; i < 4; i++) {
      expect(bt[i]).toBeCloseTo(-V / 8, 12);
      const kappa = gaussTrapezoid((u) => sech2(u) ** 4, mf.q[i]) / gaussTrapezoid((u) => sech2(u) ** 2, mf.q[i]) ** 2;
      V += (3 * kappa - 1) / n;
    }
  });
});
