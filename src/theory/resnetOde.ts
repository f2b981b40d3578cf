/**
 * The ResNet covariance ODE (Hayou & Yang 2023, Thm 2; DESIGN.md §1): with branch scale
 * L^{−1/2}, infinite width then infinite depth turns the recursion
 * K^l = K^{l−1} + (1/L)(σw² F(K^{l−1}) + σb²) into
 *   dK/dt = σw² F(K) + σb²,  t = l/L ∈ [0, 1],  K(0) = X,
 * for the three entries (q11, q12, q22). Solved by Dormand–Prince 5(4) (dormandPrince.ts) at
 * rtol = atol = 1e−12 unless told otherwise, landing exactly on every output time.
 */
import type { Activation } from '../core/activations.ts';
import type { Spec } from '../core/spec.ts';
import type { LimitBlock } from './blocks.ts';
import { integrateAdaptive, type OdeTolerance } from './dormandPrince.ts';
import { dualKernels, type DualKernels } from './dual.ts';
import { inputKernel, kernelCorrelation, type Kernel2x2 } from './nngp.ts';

export { integrateAdaptive } from './dormandPrince.ts';
export type { OdeRhs, OdeSolution, OdeTolerance } from './dormandPrince.ts';

/** 0, 0.01, …, 1 (101 points; the last is exactly 1). */
export function defaultOdeGrid(): number[] {
  const t: number[] = [];
  for (let j = 0; j <= 100; j++) t.push(j / 100);
  return t;
}

/** The covariance ODE for given duals and input kernel, at the times of tGrid (starting at 0). */
export function covarianceOde(
  duals: DualKernels,
  sw2: number,
  sb2: number,
  X: Kernel2x2,
  tGrid: readonly number[],
  tol: number | OdeTolerance = {},
): LimitBlock {
  const rhs = (_t: number, k: Float64Array, dk: Float64Array) => {
    const f11 = duals.Fdiag(k[0]);
    dk[0] = sw2 * f11 + sb2;
    dk[1] = sw2 * duals.F(k[0], k[1], k[2]) + sb2;
    dk[2] = sw2 * (k[2] === k[0] ? f11 : duals.Fdiag(k[2])) + sb2;
  };
  const grid = tGrid[0] === 0 ? [...tGrid] : [0, ...tGrid];
  const sol = integrateAdaptive(rhs, [X.k11, X.k12, X.k22], grid, tol);
  const skip = tGrid[0] === 0 ? 0 : 1;
  const ys = sol.y.slice(skip);
  return {
    t: [...tGrid],
    q11: ys.map((y) => y[0]),
    q12: ys.map((y) => y[1]),
    q22: ys.map((y) => y[2]),
    rho: ys.map((y) => kernelCorrelation(y[0], y[1], y[2])),
  };
}

/**
 * The α = 1/2 depth limit of the spec's ResNet (φ = the spec's resolved activation, and sw2, sb2,
 * q1, q2, rho0; n, L and alpha do not enter: this is the limit, which exists only for α = 1/2).
 * tol sets rtol = atol (default 1e−12); the default grid is 0, 0.01, …, 1.
 */
export function resnetCovarianceOde(
  act: Activation,
  spec: Pick<Spec, 'sw2' | 'sb2' | 'q1' | 'q2' | 'rho0'>,
  opts: { tGrid?: number[]; tol?: number; precision?: 'exact' | 'fast' } = {},
): LimitBlock {
  const tGrid = opts.tGrid ?? defaultOdeGrid();
  const precision = opts.precision ?? 'exact';
  const duals = dualKernels(act, precision);
  // 'fast' (interactive dragging): fast duals (≈1e-9) and tolerance 1e-8 — invisible on a plot.
  const tol = opts.tol ?? (precision === 'fast' ? 1e-8 : 1e-12);
  return covarianceOde(duals, spec.sw2, spec.sb2, inputKernel(spec.q1, spec.q2, spec.rho0), tGrid, tol);
}
