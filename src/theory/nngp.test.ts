import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/theory.json';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { inputKernel, shapedNormalisation } from './nngp.ts';
import { theoryBlock } from '../archs/theory.ts';

const spec = (over: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, ...over });
const relErr = (x: number, ref: number) => Math.abs(x - ref) / Math.max(1e-300, Math.abs(ref));

describe('mlp: exact facts', () => {
  it('ReLU, σw² = 2, σb² = 0 keeps K^l(x, x) = 2q at every layer (K¹ = σw² q)', () => {
    const b = theoryBlock(spec({ act: 'relu', sw2: 2, sb2: 0, q1: 1.7, q2: 0.4, rho0: 0.3, L: 200 }));
    expect(b.layers[0]).toBe(1);
    expect(b.layers.length).toBe(200);
    for (let i = 0; i < 200; i++) {
      // F(a, a, a) = a/2 exactly in the closed form: ≤ 1e−12 leaves room for 200 roundings.
      expect(relErr(b.q11[i], 3.4)).toBeLessThan(1e-12);
      expect(relErr(b.q22[i], 0.8)).toBeLessThan(1e-12);
    }
  });

  it('ReLU from ρ₀ = 0 gives ρ = 1/π at layer 2 (the arc-cosine kernel at θ = π/2)', () => {
    const b = theoryBlock(spec({ act: 'relu', sw2: 2, sb2: 0, q1: 1.3, q2: 2.9, rho0: 0, L: 3 }));
    expect(b.rho[0]).toBe(0);
    expect(Math.abs(b.rho[1] - 1 / Math.PI)).toBeLessThan(1e-15);
  });

  it('ReLU NTK diagonal is 2·l·q (Θ^{l+1} = 2q + 2·½·Θ^l)', () => {
    const q = 0.9;
    const b = theoryBlock(spec({ act: 'relu', sw2: 2, sb2: 0, q1: q, q2: 1.1, rho0: 0.2, L: 64, ntk: true }));
    expect(b.ntk11).toBeDefined();
    for (let i = 0; i < 64; i++) expect(relErr(b.ntk11![i], 2 * (i + 1) * q)).toBeLessThan(1e-12);
  });

  it('identity activation: the recursion is linear, K^l = σw^{2l} X + σb² Σ_{j<l} σw^{2j}, Θ^l = Σ_j σw^{2(l−j)} K^j', () => {
    const sw2 = 1.3;
    const sb2 = 0.21;
    const s = spec({ act: 'identity', sw2, sb2, q1: 0.6, q2: 2.2, rho0: -0.45, L: 40, ntk: true });
    const b = theoryBlock(s);
    const X = inputKernel(s.q1, s.q2, s.rho0);
    const K = (x: number, l: number) => {
      let geo = 0;
      for (let j = 0; j < l; j++) geo += sw2 ** j;
      return sw2 ** l * x + sb2 * geo;
    };
    for (let l = 1; l <= 40; l++) {
      // Linear maps: only rounding, growing like l·ε relative.
      expect(relErr(b.q11[l - 1], K(X.k11, l))).toBeLessThan(1e-12);
      expect(relErr(b.q12[l - 1], K(X.k12, l))).toBeLessThan(1e-12);
      expect(relErr(b.q22[l - 1], K(X.k22, l))).toBeLessThan(1e-12);
      let theta = 0;
      for (let j = 1; j <= l; j++) theta += sw2 ** (l - j) * K(X.k12, j);
      expect(relErr(b.ntk12![l - 1], theta)).toBeLessThan(1e-12);
    }
  });

  it('reports ρ = q12/√(q11 q22) and NTK only for mlp with ntk', () => {
    const b = theoryBlock(spec({ act: 'tanh', sw2: 1.7, sb2: 0.1, L: 5 }));
    for (let i = 0; i < 5; i++) expect(b.rho[i]).toBeCloseTo(b.q12[i] / Math.sqrt(b.q11[i] * b.q22[i]), 15);
    expect(b.ntk11).toBeUndefined();
    expect(theoryBlock(spec({ arch: 'resnet', act: 'tanh', ntk: true, L: 5 })).ntk11).toBeUndefined();
  });
});

describe('profiles against the Python fixtures', () => {
  // Per-layer dual error ≤ 1.4e−14 (exact tier; closed forms ~1e−15), propagated through ≤ 16
  // contracting-or-mildly-expanding layers; measured worst 1.3e−14 (silu). Bound: 1e−12.
  const TOL = 1e-12;

  for (const f of fixtures.mlpProfiles) {
    it(`mlp ${f.act} σw² = ${f.sw2}, σb² = ${f.sb2}, L = ${f.L}${f.ntk ? ' (with NTK)' : ''}`, () => {
      const b = theoryBlock(spec({ arch: 'mlp', act: f.act, sw2: f.sw2, sb2: f.sb2, L: f.L, q1: f.q1, q2: f.q2, rho0: f.rho0, ntk: f.ntk }));
      expect(b.layers).toEqual(Array.from({ length: f.L }, (_, i) => i + 1));
      for (let i = 0; i < f.L; i++) {
        expect(relErr(b.q11[i], f.q11[i])).toBeLessThan(TOL);
        expect(Math.abs(b.q12[i] - f.q12[i])).toBeLessThan(TOL * Math.max(1, Math.abs(f.q11[i])));
        expect(relErr(b.q22[i], f.q22[i])).toBeLessThan(TOL);
        if (f.ntk) {
          const g = f as unknown as { ntk11: number[]; ntk12: number[]; ntk22: number[] };
          expect(relErr(b.ntk11![i], g.ntk11[i])).toBeLessThan(TOL);
          expect(Math.abs(b.ntk12![i] - g.ntk12[i])).toBeLessThan(TOL * Math.max(1, g.ntk11[i]));
          expect(relErr(b.ntk22![i], g.ntk22[i])).toBeLessThan(TOL);
        }
      }
    });
  }

  for (const f of fixtures.resnetProfiles) {
    it(`resnet ${f.act} σw² = ${f.sw2}, α = ${f.alpha}, L = ${f.L} (layers 0..L)`, () => {
      const b = theoryBlock(spec({ arch: 'resnet', act: f.act, sw2: f.sw2, sb2: f.sb2, L: f.L, alpha: f.alpha, q1: f.q1, q2: f.q2, rho0: f.rho0 }));
      expect(b.layers).toEqual(Array.from({ length: f.L + 1 }, (_, i) => i));
      for (let i = 0; i <= f.L; i++) {
        expect(relErr(b.q11[i], f.q11[i])).toBeLessThan(TOL);
        expect(Math.abs(b.q12[i] - f.q12[i])).toBeLessThan(TOL * Math.max(1, f.q11[i]));
        expect(relErr(b.q22[i], f.q22[i])).toBeLessThan(TOL);
      }
    });
  }

  for (const f of fixtures.shapedProfiles) {
    it(`shaped c₊ = ${f.cp}, c₋ = ${f.cm}, n = ${f.n}: c F_{φs} recursion`, () => {
      const b = theoryBlock(spec({ arch: 'shaped', cp: f.cp, cm: f.cm, n: f.n, sw2: f.sw2, sb2: f.sb2, L: f.L, q1: f.q1, q2: f.q2, rho0: f.rho0 }));
      for (let i = 0; i < f.L; i++) {
        expect(relErr(b.q11[i], f.q11[i])).toBeLessThan(TOL);
        expect(Math.abs(b.q12[i] - f.q12[i])).toBeLessThan(TOL * f.q11[i]);
        expect(relErr(b.q22[i], f.q22[i])).toBeLessThan(TOL);
      }
    });
  }
});

describe('shaped MLP', () => {
  it('preserves the diagonal exactly: c F_{φs}(a, a, a) = c (s₊² + s₋²) a/2 = a', () => {
    const s = spec({ arch: 'shaped', cp: 2, cm: -3, n: 50, sw2: 1.4, sb2: 0.2, q1: 0.8, q2: 1.6, L: 100 });
    const b = theoryBlock(s);
    for (let i = 0; i < 100; i++) {
      expect(relErr(b.q11[i], 1.4 * 0.8 + 0.2)).toBeLessThan(1e-13);
      expect(relErr(b.q22[i], 1.4 * 1.6 + 0.2)).toBeLessThan(1e-13);
    }
    // c = 2/(s₊² + s₋²) with s± = 1 + c±/√n.
    const sp = 1 + 2 / Math.sqrt(50);
    const sm = 1 - 3 / Math.sqrt(50);
    expect(shapedNormalisation(2, -3, 50)).toBeCloseTo(2 / (sp * sp + sm * sm), 15);
  });
});

describe("'fast' precision", () => {
  // Documented: a 'fast' profile is within 1e−6 of 'exact' up to L = 1000 — absolute on q and ρ,
  // relative on the NTK — including at criticality (σw² = 1.76, σb² = 0.05), where per-layer
  // errors (≤ 1.2e−9) accumulate along the profile. Measured: ≤ 2.2e−9 (q, ρ), ≤ 4.9e−8 (NTK).
  for (const [sw2, sb2] of [
    [2, 0],
    [1.76, 0.05],
    [1.2, 0.3],
  ]) {
    it(`tanh σw² = ${sw2}, σb² = ${sb2}, L = 1000: fast vs exact ≤ 1e−6`, () => {
      const s = spec({ act: 'tanh', sw2, sb2, L: 1000, q1: 1, q2: 0.7, rho0: 0.5, ntk: true });
      const a = theoryBlock(s, { precision: 'exact' });
      const f = theoryBlock(s, { precision: 'fast' });
      let worst = 0;
      for (const key of ['q11', 'q12', 'q22', 'rho'] as const) {
        for (let i = 0; i < 1000; i++) worst = Math.max(worst, Math.abs(a[key][i] - f[key][i]));
      }
      let worstNtk = 0;
      for (const key of ['ntk11', 'ntk12', 'ntk22'] as const) {
        for (let i = 0; i < 1000; i++) worstNtk = Math.max(worstNtk, Math.abs(a[key]![i] - f[key]![i]) / a.ntk11![i]);
      }
      expect(worst).toBeLessThan(1e-6);
      expect(worstNtk).toBeLessThan(1e-6);
    });
  }
});
