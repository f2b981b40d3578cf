/**
 * Dual kernels of an activation (DESIGN.md §2): F(a, c, b) = E[φ(u)φ(v)] and
 * F'(a, c, b) = E[φ'(u)φ'(v)], (u, v) ~ N(0, [[a, c], [c, b]]). The registry's closed forms are
 * used when present (closedForms.ts), otherwise quadrature (the sinh-mapped trapezoidal rule of
 * gaussianSinhRule.ts, or Gauss–Hermite for oscillating φ) at one of two precisions:
 *   'exact': ≤ 1e−12 absolute on a, b ∈ [0.01, 20], |ρ| ≤ 0.999 and ρ = 1 (measured 1.4e−14);
 *   'fast':  ≤ 1e−8 (measured 1.2e−9), for interactive dragging (≈ 2.7× fewer evaluations);
 *            a 'fast' depth-1000 tanh profile stays within 1e−6 of 'exact' (nngp.test.ts);
 * see SINH_RULE_TIERS for the measurements.
 */
import type { Activation, ActivationFamily, DualKernel } from '../core/activations.ts';
import { sinhExpectation, sinhExpectation2, SINH_RULE_TIERS, type Precision } from './gaussianSinhRule.ts';
import { expect1, expect2 } from './quadrature.ts';

export type { Precision } from './gaussianSinhRule.ts';

export interface DualKernels {
  /** F(a, c, b) = E[φ(u)φ(v)]. */
  readonly F: DualKernel;
  /** F'(a, c, b) = E[φ'(u)φ'(v)] (the NTK and χ₁ kernel). */
  readonly Fp: DualKernel;
  /** F(a, a, a) = E φ(u)², u ~ N(0, a): a 1-D integral (the diagonal of the NNGP recursion). */
  readonly Fdiag: (a: number) => number;
  /** F'(a, a, a) = E φ'(u)². */
  readonly Fpdiag: (a: number) => number;
  /** True when both F and F' are closed forms (no quadrature error at all). */
  readonly closedForm: boolean;
  /**
   * F(λK) = λF(K), F'(λK) = F'(K) for λ > 0 (positively homogeneous φ: the piecewise-linear
   * family): the recursions may then carry K as 2^e·K̂ and continue past the range of f64 (nngp.ts).
   */
  readonly homogeneous?: boolean;
}

/**
 * How to integrate φ by quadrature. 'sinh': the sinh-mapped trapezoidal rule, with the half-width
 * d_φ of the strip |Im x| < d_φ in which φ (and φ') is analytic and of moderate size — tanh has
 * poles at iπ/2, the logistic (silu, softplus) at iπ; entire functions get the scale on which
 * they grow (erf: e^{y²}, Φ in gelu: e^{y²/2}); anything else d_φ = 1. 'hermite': Gauss–Hermite,
 * for entire oscillating φ (sin), for which a map that clusters nodes is the wrong tool.
 * Kinked φ (the relu family) are only algebraically accurate by either rule: they always use
 * their closed forms.
 */
export type QuadratureScheme = { readonly kind: 'sinh'; readonly strip: number } | { readonly kind: 'hermite' };

const SCHEMES: Partial<Record<ActivationFamily, QuadratureScheme>> = {
  tanh: { kind: 'sinh', strip: Math.PI / 2 },
  silu: { kind: 'sinh', strip: Math.PI },
  softplus: { kind: 'sinh', strip: Math.PI },
  erf: { kind: 'sinh', strip: 1 },
  gelu: { kind: 'sinh', strip: 1.5 },
  sin: { kind: 'hermite' },
};

/** Gauss–Hermite nodes per dimension for the 'hermite' scheme (sin at a = 20: 1e−15 from N = 100). */
const HERMITE_NODES: Record<Precision, number> = { exact: 200, fast: 100 };

export function quadratureScheme(act: Activation): QuadratureScheme {
  return SCHEMES[act.family] ?? { kind: 'sinh', strip: 1 };
}

/** d_φ of the 'sinh' scheme (1 for activations not in the table). */
export function analyticStripHalfWidth(act: Activation): number {
  const q = quadratureScheme(act);
  return q.kind === 'sinh' ? q.strip : 1;
}

/** E g(u), u ~ N(0, a), for g built from φ, φ' (same analytic structure), by φ's scheme. */
export function gaussianMean(act: Activation, g: (u: number) => number, a: number, precision: Precision = 'exact'): number {
  if (!(a > 0)) return g(0);
  const scheme = quadratureScheme(act);
  if (scheme.kind === 'hermite') return expect1(g, a, HERMITE_NODES[precision]);
  const sa = Math.sqrt(a);
  return sinhExpectation((z) => g(sa * z), 0, scheme.strip / sa, SINH_RULE_TIERS[precision]);
}

/** Quadrature dual kernels, whether or not closed forms exist (tests compare the two). */
export function quadratureDualKernels(act: Activation, precision: Precision = 'exact'): DualKernels {
  const scheme = quadratureScheme(act);
  const { phi, dphi } = act;
  const phi2 = (x: number) => {
    const y = phi(x);
    return y * y;
  };
  const dphi2 = (x: number) => {
    const y = dphi(x);
    return y * y;
  };
  let F: DualKernel;
  let Fp: DualKernel;
  if (scheme.kind === 'hermite') {
    const N = HERMITE_NODES[precision];
    F = (a, c, b) => expect2(phi, phi, a, c, b, N);
    Fp = (a, c, b) => expect2(dphi, dphi, a, c, b, N);
  } else {
    const tier = SINH_RULE_TIERS[precision];
    const d = scheme.strip;
    F = (a, c, b) => sinhExpectation2(phi, phi, a, c, b, d, d, tier);
    Fp = (a, c, b) => sinhExpectation2(dphi, dphi, a, c, b, d, d, tier);
  }
  return {
    F,
    Fp,
    Fdiag: (a) => gaussianMean(act, phi2, a, precision),
    Fpdiag: (a) => gaussianMean(act, dphi2, a, precision),
    closedForm: false,
  };
}

/**
 * F and F' for `act`: the registry's closed forms where present (act.dual, act.dualDeriv),
 * else quadrature at `precision`. Diagonals use the closed form at c = a = b, else 1-D quadrature.
 */
export function dualKernels(act: Activation, precision: Precision = 'exact'): DualKernels {
  if (act.dual && act.dualDeriv) {
    const F = act.dual;
    const Fp = act.dualDeriv;
    return { F, Fp, Fdiag: (a) => F(a, a, a), Fpdiag: (a) => Fp(a, a, a), closedForm: true, ...(act.piecewiseLinear ? { homogeneous: true } : {}) };
  }
  const q = quadratureDualKernels(act, precision);
  const F = act.dual;
  const Fp = act.dualDeriv;
  return {
    F: F ?? q.F,
    Fp: Fp ?? q.Fp,
    Fdiag: F ? (a) => F(a, a, a) : q.Fdiag,
    Fpdiag: Fp ? (a) => Fp(a, a, a) : q.Fpdiag,
    closedForm: false,
  };
}

/** E φ(u)², u ~ N(0, a) (closed form at c = a = b, else 1-D quadrature). */
export function diagonalDual(act: Activation, a: number, precision: Precision = 'exact'): number {
  return dualKernels(act, precision).Fdiag(a);
}

/** E φ'(u)², u ~ N(0, a). */
export function diagonalDualDeriv(act: Activation, a: number, precision: Precision = 'exact'): number {
  return dualKernels(act, precision).Fpdiag(a);
}
