import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/finite_width.json';
import { activation, leaky, type Activation } from '../../core/activations.ts';
import { dualKernels } from '../dual.ts';
import { layerMoments, type Kernel3 } from './gaussianMoments.ts';
import { piecewiseDerivatives, piecewisePowerMoment } from './piecewiseMoments.ts';

/** F as a function of K = (a, c, b) from the registry's dual kernels (closed form or quadrature). */
function dualMap(act: Activation): (K: Kernel3) => [number, number, number] {
  const d = dualKernels(act);
  return ([a, c, b]) => [d.Fdiag(a), d.F(a, c, b), d.Fdiag(b)];
}

/**
 * Richardson-extrapolated central differences of F (error O(h⁴) + rounding ε|F|/h²): with
 * h = 2e−3 for second derivatives the rounding term is ~1e−16/4e−6 ≈ 3e−11 for closed forms
 * and ~1e−14/4e−6 ≈ 3e−9 for quadrature (1e−14 accurate): tolerances 1e−8 and 1e−6 below.
 */
function differences(F: (K: Kernel3) => number[], K: Kernel3) {
  const shift = (j: number, h: number, k = -1, g = 0): Kernel3 => K.map((x, i) => x + (i === j ? h : 0) + (i === k ? g : 0)) as unknown as Kernel3;
  const rich = (D: (h: number) => number, h: number) => (4 * D(h) - D(2 * h)) / 3;
  const J = (i: number, j: number) => rich((h) => (F(shift(j, h))[i] - F(shift(j, -h))[i]) / (2 * h), 1e-3);
  const H = (i: number, j: number, k: number) =>
    rich(
      (h) =>
        j === k
          ? (F(shift(j, h))[i] - 2 * F(K)[i] + F(shift(j, -h))[i]) / (h * h)
          : (F(shift(j, h, k, h))[i] - F(shift(j, h, k, -h))[i] - F(shift(j, -h, k, h))[i] + F(shift(j, -h, k, -h))[i]) / (4 * h * h),
      2e-3,
    );
  return { J, H };
}

describe('layerMoments: J and H (Price’s theorem) against differences of the dual map', () => {
  const cases: [string, Activation, Kernel3, number][] = [
    ['sin (closed-form F, Gauss–Hermite moments)', activation('sin'), [0.8, 0.3, 1.3], 1e-8],
    ['erf (closed-form F, sinh-rule moments)', activation('erf'), [0.9, -0.4, 1.6], 1e-8],
    ['gelu (closed-form F)', activation('gelu'), [1.4, 0.6, 0.5], 1e-8],
    ['softplus (quadrature F)', activation('softplus'), [0.7, 0.2, 1.1], 1e-6],
    ['relu (closed forms, piecewiseMoments.ts)', activation('relu'), [1.2, 0.5, 0.9], 1e-8],
    ['leaky:0.2', leaky(0.2), [0.6, -0.3, 1.9], 1e-8],
    ['abs', activation('abs'), [1, 0.7, 1], 1e-8],
  ];
  for (const [label, act, K, tol] of cases) {
    it(label, () => {
      const m = layerMoments(act, K);
      const F = dualMap(act);
      expect(m.F).toEqual(F(K));
      const fd = differences(F, K);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          expect(Math.abs(m.J[3 * i + j] - fd.J(i, j)), `J[${i}][${j}]`).toBeLessThan(tol);
          for (let k = 0; k < 3; k++) expect(Math.abs(m.H[i][3 * j + k] - fd.H(i, j, k)), `H[${i}][${j}][${k}]`).toBeLessThan(tol * 10);
        }
      }
    });
  }
});

describe('fourth moments', () => {
  it('piecewise linear (polar rule) against scipy dblquad over the four quadrants (1e−10)', () => {
    for (const f of fixtures.pieceMoments) {
      const v = piecewisePowerMoment(f.sp, f.sm, f.p, f.q, f.a, f.c, f.b);
      expect(Math.abs(v - f.value), JSON.stringify(f)).toBeLessThan(1e-10 * Math.max(1, Math.abs(f.value)));
    }
  });

  it('polar rule: E relu(u)⁴ = 3a²/2, identity E u²v² = ab + 2c², E φ(u)φ(v) = the arc-cosine kernel', () => {
    const relu = activation('relu');
    expect(piecewisePowerMoment(1, 0, 4, 0, 1.7, 0.4, 0.9)).toBeCloseTo((3 * 1.7 ** 2) / 2, 13);
    expect(piecewisePowerMoment(1, 1, 2, 2, 1.7, 0.4, 0.9)).toBeCloseTo(1.7 * 0.9 + 2 * 0.16, 13);
    expect(piecewisePowerMoment(1, 0, 1, 1, 1.7, 0.4, 0.9)).toBeCloseTo(relu.dual!(1.7, 0.4, 0.9), 14);
    // Collinear and degenerate kernels stay finite.
    expect(piecewisePowerMoment(1, 0, 2, 2, 1, 1, 1)).toBeCloseTo(1.5, 13); // u = v: E relu⁴
    expect(piecewisePowerMoment(1, 0, 2, 2, 0, 0, 1)).toBe(0);
  });

  it('sin: E sin²u sin²v in closed form, 1e−12 (Gauss–Hermite path)', () => {
    const [a, c, b] = [0.8, 0.3, 1.3];
    const m = layerMoments(activation('sin'), [a, c, b]);
    const F = dualMap(activation('sin'))([a, c, b]);
    // sin²u sin²v = (1 − cos 2u)(1 − cos 2v)/4, E cos 2u cos 2v = (e^{−2(a+b+2c)} + e^{−2(a+b−2c)})/2.
    const m22 = (1 - Math.exp(-2 * a) - Math.exp(-2 * b) + 0.5 * (Math.exp(-2 * (a + b + 2 * c)) + Math.exp(-2 * (a + b - 2 * c)))) / 4;
    expect(Math.abs(m.S4[2] - (m22 - F[0] * F[2]))).toBeLessThan(1e-12);
    expect(Math.abs(m.S4[4] - (m22 - F[1] * F[1]))).toBeLessThan(1e-12);
  });
});

describe('piecewise-linear derivatives', () => {
  it('Euler’s relation a∂_a + c∂_c + b∂_b = F₁₂ (degree-1 homogeneous) and its Hessian form H·K = 0', () => {
    const act = leaky(-0.3);
    const [a, c, b] = [1.3, -0.5, 0.8];
    const d = piecewiseDerivatives(act, a, c, b);
    expect(Math.abs(a * d.grad12[0] + c * d.grad12[1] + b * d.grad12[2] - act.dual!(a, c, b))).toBeLessThan(1e-15);
    for (let i = 0; i < 3; i++) expect(Math.abs(d.hess12[3 * i] * a + d.hess12[3 * i + 1] * c + d.hess12[3 * i + 2] * b)).toBeLessThan(1e-14);
  });

  it('collinear inputs (D = 0) and linear φ: finite, zero Hessian (file comment of piecewiseMoments.ts)', () => {
    const relu = piecewiseDerivatives(activation('relu'), 1, 1, 1);
    expect([...relu.hess12].every((x) => x === 0)).toBe(true);
    expect(relu.grad12.every(Number.isFinite)).toBe(true);
    const lin = piecewiseDerivatives(activation('identity'), 1, 0.3, 2);
    expect([...lin.hess12].every((x) => x === 0)).toBe(true);
    expect(lin.grad12).toEqual([0, 1, 0]);
  });
});
