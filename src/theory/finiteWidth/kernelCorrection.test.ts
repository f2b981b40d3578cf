import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/finite_width.json';
import { activation } from '../../core/activations.ts';
import { gaussianMean } from '../dual.ts';
import { inputKernel, mlpKernelRecursion } from '../nngp.ts';
import { dualKernels } from '../dual.ts';
import { correctionCoefficients, correctionTable, isserlis } from './kernelCorrection.ts';

describe('the O(1/n) correction d_l and Cov(G) coefficient v_l against the independent Python chain', () => {
  for (const f of fixtures.correction) {
    it(`${f.act} σw² = ${f.sw2}, σb² = ${f.sb2}, q = (${f.q1}, ${f.q2}), ρ₀ = ${f.rho0}, L = ${f.L}`, () => {
      const X = inputKernel(f.q1, f.q2, f.rho0);
      const co = correctionCoefficients(correctionTable(activation(f.act), f.sw2, f.sb2, X, f.L));
      // Python: Gauss–Hermite F and moments, Richardson differences (O(h⁴) + rounding/h², the
      // larger error); TS: Price expectations on the sinh rule (≤ 1e−13). Measured worst, relative
      // to the scale of d (of v): 3e−8 (3e−13) for ReLU, ≤ 1.3e−8 (1.2e−9) for the smooth ones.
      for (let l = 0; l < f.L; l++) {
        const py = f.layers[l];
        const dScale = Math.max(1e-3, ...py.d.map(Math.abs));
        const vScale = Math.max(1e-3, ...py.v.map(Math.abs));
        for (let i = 0; i < 3; i++) {
          expect(Math.abs(co.K[l][i] - py.K[i])).toBeLessThan(1e-10 * Math.max(1, Math.abs(py.K[i]))); // GH-160 on tanh: ~1e−12
          expect(Math.abs(co.d[l][i] - py.d[i]), `d layer ${l + 1} entry ${i}`).toBeLessThan(1e-7 * dScale);
        }
        const I = isserlis(co.K[l]);
        for (let i = 0; i < 9; i++) expect(Math.abs(co.cov[l][i] - I[i] - py.v[i]), `v layer ${l + 1} entry ${i}`).toBeLessThan(1e-7 * vScale);
      }
    });
  }
});

/**
 * Single input, the form of Roberts, Yaida & Hanin 2022 (PDLT ch. 4), written with Hermite weights
 * instead of derivatives of φ (z ~ N(0, g)):
 *   χ = σw² d⟨φ²⟩/dg = σw² ⟨φ² (z² − g)⟩/(2g²),  ½ d²⟨φ²⟩/dg² = ⟨φ² (z⁴ − 6gz² + 3g²)⟩/(8g⁴),
 *   V_{l+1} = χ² V_l + σw⁴ (⟨φ⁴⟩ − ⟨φ²⟩²),   G¹_{l+1} = χ G¹_l + σw² ½ d²⟨φ²⟩/dg² V_l.
 */
function pdltSingleInput(id: string, sw2: number, sb2: number, q: number, L: number): { g: number; nlo: number; V: number } {
  const act = activation(id);
  const phi2 = (x: number) => act.phi(x) ** 2;
  let g = sw2 * q + sb2;
  let nlo = 0;
  let V = 0;
  for (let l = 1; l < L; l++) {
    const m2 = gaussianMean(act, phi2, g);
    const chi = (sw2 * gaussianMean(act, (z) => phi2(z) * (z * z - g), g)) / (2 * g * g);
    const half2 = gaussianMean(act, (z) => phi2(z) * (z ** 4 - 6 * g * z * z + 3 * g * g), g) / (8 * g ** 4);
    const m4 = gaussianMean(act, (z) => phi2(z) ** 2, g);
    nlo = chi * nlo + sw2 * half2 * V;
    V = chi * chi * V + sw2 * sw2 * (m4 - m2 * m2);
    g = sw2 * m2 + sb2;
  }
  return { g, nlo, V };
}

describe('single input: PDLT’s NLO metric and four-point vertex (Hermite-weight form)', () => {
  for (const [id, sw2, sb2, q, L] of [
    ['tanh', 1.7, 0.05, 1, 12],
    ['erf', 1, 0, 0.8, 6],
    ['gelu', 1.2, 0.1, 1.5, 6],
    ['silu', 2, 0.2, 1, 6],
  ] as const) {
    it(`${id}: d and v agree to 1e−9 relative`, () => {
      const co = correctionCoefficients(correctionTable(activation(id), sw2, sb2, inputKernel(q, q, 1), L));
      const p = pdltSingleInput(id, sw2, sb2, q, L);
      expect(Math.abs(co.K[L - 1][0] - p.g)).toBeLessThan(1e-13);
      expect(Math.abs(co.d[L - 1][0] - p.nlo)).toBeLessThan(1e-9 * Math.abs(p.nlo));
      expect(Math.abs(co.cov[L - 1][0] - 2 * p.g * p.g - p.V)).toBeLessThan(1e-9 * p.V);
      // Identical inputs: K̂₁₂ = K̂₁₁ in every network, so every coefficient agrees entrywise.
      expect(Math.abs(co.d[L - 1][1] - co.d[L - 1][0])).toBeLessThan(1e-9 * Math.abs(p.nlo));
    });
  }
});

describe('structure', () => {
  it('the kernel is the NNGP recursion; layer 1 is exact (d₁ = 0, Cov = Isserlis/n)', () => {
    const X = inputKernel(1, 0.5, 0.2);
    const co = correctionCoefficients(correctionTable(activation('tanh'), 1.5, 0.1, X, 6));
    const nngp = mlpKernelRecursion(dualKernels(activation('tanh')), 1.5, 0.1, X, 6);
    for (let l = 0; l < 6; l++) expect(Math.abs(co.K[l][1] - nngp.k12[l])).toBeLessThan(1e-14);
    expect(co.d[0]).toEqual([0, 0, 0]);
    expect([...co.cov[0]]).toEqual([...isserlis(co.K[0])]);
  });

  it('ReLU with σb = 0: the diagonal is exact at every width (d₁₁ = 0), the off-diagonal is not', () => {
    const co = correctionCoefficients(correctionTable(activation('relu'), 2, 0, inputKernel(1, 1, 0.3), 8));
    expect(co.d[7][0]).toBe(0);
    expect(Math.abs(co.d[7][1])).toBeGreaterThan(0.01);
  });

  it('ReLU with identical inputs (collinear kernel): finite coefficients, d₁₂ = d₁₁', () => {
    const co = correctionCoefficients(correctionTable(activation('relu'), 2, 0.3, inputKernel(1, 1, 1), 6));
    for (const d of co.d) expect(d.every(Number.isFinite)).toBe(true);
    expect(co.d[5][1]).toBe(co.d[5][0]);
  });

  it('low rank r: Cov G¹ = σw⁴ I(X)/r, and the mean correction grows with n/r', () => {
    const X = inputKernel(1, 1, 0.5);
    const table = correctionTable(activation('tanh'), 2, 0.1, X, 5);
    const full = correctionCoefficients(table);
    const low = correctionCoefficients(table, { rankRatio: 8 }); // e.g. n = 64, r = 8
    const I = isserlis([1, 0.5, 1]);
    for (let i = 0; i < 9; i++) expect(low.cov[0][i] - full.cov[0][i]).toBeCloseTo(4 * 8 * I[i], 12);
    expect(Math.abs(low.d[4][0])).toBeGreaterThan(3 * Math.abs(full.d[4][0]));
  });
});
