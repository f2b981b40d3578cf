import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/theory.json';
import { activation } from '../core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { dualKernels } from './dual.ts';
import { inputKernel, resnetKernelRecursion } from './nngp.ts';
import { covarianceOde, resnetCovarianceOde } from './resnetOde.ts';

const spec = (over: Partial<Spec>): Spec => ({ ...DEFAULT_SPEC, arch: 'resnet', ...over });

describe('resnetCovarianceOde', () => {
  it('ReLU, σw² = 1, σb² = 0: q(t) = q(0) e^{t/2} (F(q, q, q) = q/2), on the default grid 0, 0.01, …, 1', () => {
    const lim = resnetCovarianceOde(activation('relu'), spec({ sw2: 1, sb2: 0, q1: 1.3, q2: 0.45, rho0: 0.2 }));
    expect(lim.t.length).toBe(101);
    expect(lim.t[100]).toBe(1);
    expect(lim.t[37]).toBe(0.37);
    for (let i = 0; i <= 100; i++) {
      // The integrator tolerance is 1e−12 (rtol and atol): 1e−10 is the required bound.
      expect(Math.abs(lim.q11[i] / (1.3 * Math.exp(lim.t[i] / 2)) - 1)).toBeLessThan(1e-10);
      expect(Math.abs(lim.q22[i] / (0.45 * Math.exp(lim.t[i] / 2)) - 1)).toBeLessThan(1e-10);
    }
  });

  for (const f of fixtures.resnetOde) {
    it(`${f.act} σw² = ${f.sw2}, σb² = ${f.sb2}: matches scipy solve_ivp (DOP853, rtol 1e−13)`, () => {
      const lim = resnetCovarianceOde(activation(f.act), spec({ sw2: f.sw2, sb2: f.sb2, q1: f.q1, q2: f.q2, rho0: f.rho0 }), { tGrid: f.t });
      expect(lim.t).toEqual(f.t);
      for (let i = 0; i < f.t.length; i++) {
        // Both solvers at rtol ≤ 1e−12 (+ the exact-tier quadrature in the tanh right-hand side):
        // measured ≤ 3.5e−13 relative; bound 1e−11 (the required 1e−10 with margin to spare).
        expect(Math.abs(lim.q11[i] - f.q11[i])).toBeLessThan(1e-11 * f.q11[i]);
        expect(Math.abs(lim.q12[i] - f.q12[i])).toBeLessThan(1e-11 * f.q11[i]);
        expect(Math.abs(lim.q22[i] - f.q22[i])).toBeLessThan(1e-11 * f.q22[i]);
      }
    });
  }

  it('accepts a grid that does not start at 0 (the integration still starts from K(0) = X)', () => {
    const lim = resnetCovarianceOde(activation('relu'), spec({ sw2: 1, sb2: 0, q1: 2, q2: 2, rho0: 1 }), { tGrid: [0.5, 1] });
    expect(lim.t).toEqual([0.5, 1]);
    expect(Math.abs(lim.q11[1] - 2 * Math.exp(0.5))).toBeLessThan(1e-10);
    expect(lim.rho[1]).toBe(1);
  });
});

describe('the finite-depth ResNet (α = 1/2) is the Euler scheme of the ODE: error O(1/L)', () => {
  for (const [name, sw2, sb2] of [
    ['relu', 1.5, 0.1],
    ['tanh', 2, 0.05],
  ] as const) {
    it(`${name}: log-log slope of |K^L_L − K_ODE(1)| over L = 16 … 1024 is −1 ± 0.05`, () => {
      const duals = dualKernels(activation(name));
      const X = inputKernel(1, 0.6, 0.3);
      const ode = covarianceOde(duals, sw2, sb2, X, [0, 1], 1e-13);
      const Ls = [16, 32, 64, 128, 256, 512, 1024];
      const logErr: number[] = [];
      for (const L of Ls) {
        const p = resnetKernelRecursion(duals, sw2, sb2, X, L, 0.5);
        const e = Math.max(Math.abs(p.k11[L] - ode.q11[1]), Math.abs(p.k12[L] - ode.q12[1]), Math.abs(p.k22[L] - ode.q22[1]));
        logErr.push(Math.log(e));
      }
      // Least-squares slope of log error against log L.
      const xs = Ls.map(Math.log);
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = logErr.reduce((a, b) => a + b, 0) / xs.length;
      let num = 0;
      let den = 0;
      for (let i = 0; i < xs.length; i++) {
        num += (xs[i] - mx) * (logErr[i] - my);
        den += (xs[i] - mx) ** 2;
      }
      const slope = num / den;
      expect(Math.abs(slope + 1)).toBeLessThan(0.05);
    });
  }
});
