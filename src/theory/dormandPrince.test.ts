import { describe, expect, it } from 'vitest';
import { integrateAdaptive } from './dormandPrince.ts';

describe('integrateAdaptive (Dormand–Prince 5(4), PI control)', () => {
  it('y′ = −y: matches e^{−t} on the grid to the tolerance and lands exactly on every output time', () => {
    const grid = [0, 0.1, 0.35, 1, 2.5, 7];
    const sol = integrateAdaptive((_t, y, dy) => (dy[0] = -y[0]), [1], grid, 1e-12);
    expect(sol.t).toEqual(grid);
    for (let i = 0; i < grid.length; i++) {
      // Global error of an rtol = atol = 1e−12 run over t ≤ 7 stays within ~10·tol.
      expect(Math.abs(sol.y[i][0] - Math.exp(-grid[i]))).toBeLessThan(1e-11);
    }
    expect(sol.steps).toBeGreaterThan(grid.length - 1);
  });

  it('a rotation y″ = −y keeps |y| = 1 and the phase over 10 periods (non-trivial coupled system)', () => {
    const T = 20 * Math.PI;
    const sol = integrateAdaptive((_t, y, dy) => {
      dy[0] = y[1];
      dy[1] = -y[0];
    }, [1, 0], [0, T / 2, T], { rtol: 1e-12, atol: 1e-12 });
    // Error grows linearly in time: ~60 time units × 1e−12 per unit, with margin.
    expect(Math.abs(sol.y[2][0] - 1)).toBeLessThan(1e-9);
    expect(Math.abs(sol.y[2][1])).toBeLessThan(1e-9);
    expect(Math.abs(sol.y[1][0] - 1)).toBeLessThan(1e-9);
  });

  it('the error follows the tolerance: y′ = y cos t at tol 1e−6 and 1e−9', () => {
    const exact = Math.exp(Math.sin(3));
    const err = (tol: number) => {
      const s = integrateAdaptive((t, y, dy) => (dy[0] = y[0] * Math.cos(t)), [1], [0, 3], tol);
      return Math.abs(s.y[1][0] - exact);
    };
    const e6 = err(1e-6);
    const e9 = err(1e-9);
    expect(e6).toBeLessThan(1e-5);
    expect(e9).toBeLessThan(1e-8);
    // Tolerance proportionality (error per unit step control): 1000× tighter gives ≥ 100× smaller.
    expect(e9).toBeLessThan(e6 / 100);
  });

  it('time-dependent right-hand side: y′ = 2t gives t² exactly (the method is exact for polynomials of degree ≤ 5)', () => {
    const sol = integrateAdaptive((t, _y, dy) => (dy[0] = 2 * t), [0], [0, 0.5, 1.5], 1e-10);
    expect(sol.y[1][0]).toBeCloseTo(0.25, 14);
    expect(sol.y[2][0]).toBeCloseTo(2.25, 13);
  });

  it('reports a non-finite right-hand side with the time at which it happened', () => {
    expect(() => integrateAdaptive((_t, y, dy) => (dy[0] = y[0] * y[0]), [1], [0, 2], 1e-10)).toThrow(/t = 0\.9|non-finite|underflow|steps/);
  });

  it('rejects a grid that does not increase', () => {
    expect(() => integrateAdaptive((_t, _y, dy) => (dy[0] = 0), [0], [0, 1, 1], 1e-10)).toThrow(/increase strictly/);
  });
});
