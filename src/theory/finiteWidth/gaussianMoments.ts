/**
 * The Gaussian moments that the O(1/n) kernel correction needs at one layer (kernelCorrection.ts),
 * for a 2×2 kernel K = (K₁₁, K₁₂, K₂₂) =: (a, c, b) and (u, v) ~ N(0, K):
 *   F  = (E φ(u)², E φ(u)φ(v), E φ(v)²)                        the dual map (DESIGN.md §2),
 *   J  = ∂F/∂K (3×3),  H_i = ∂²F_i/∂K² (three 3×3)            its first and second derivatives,
 *   S4 = Cov(φ_aφ_b, φ_cφ_d) over the pairs (11, 12, 22)       the covariance of one unit's
 *        contribution to (1/n) Σ_i φ(z_i)φ(z_i)ᵀ: E φ_aφ_bφ_cφ_d − F_ab F_cd.
 * Derivatives by Price's theorem (Price 1958, "A useful theorem for nonlinear devices having
 * Gaussian inputs"): ∂/∂c E f(u)g(v) = E f'(u)g'(v), and the heat equation ∂/∂a E f(u)g(v) =
 * ½ E f''(u)g(v), so, with the smooth φ's derivatives of activationDerivatives.ts,
 *   ∂F₁₁/∂a = ½ E(φ²)''(u) = E[φ'² + φφ''],         ∂²F₁₁/∂a² = ¼ E(φ²)'''' = ½ E[φφ'''' + 4φ'φ''' + 3φ''²],
 *   ∂F₁₂/∂a = ½ E φ''(u)φ(v),  ∂F₁₂/∂c = E φ'φ',    ∂²F₁₂/∂a² = ¼ E φ''''(u)φ(v),
 *   ∂²F₁₂/∂a∂c = ½ E φ'''(u)φ'(v),  ∂²F₁₂/∂a∂b = ¼ E φ''φ'',  ∂²F₁₂/∂c² = E φ''φ'',  (b: mirror).
 * Expectations by the activation's quadrature (dual.ts: sinh rule or Gauss–Hermite); piecewise-linear
 * φ use the closed forms and polar rule of piecewiseMoments.ts.
 */
import type { Activation } from '../../core/activations.ts';
import { dualKernels, gaussianMean, quadratureScheme, type Precision } from '../dual.ts';
import { sinhExpectation2, SINH_RULE_TIERS } from '../gaussianSinhRule.ts';
import { expect2 } from '../quadrature.ts';
import { higherDerivatives } from './activationDerivatives.ts';
import { piecewiseDerivatives, piecewisePowerMoment } from './piecewiseMoments.ts';

/** A 2×2 kernel as (K₁₁, K₁₂, K₂₂). */
export type Kernel3 = readonly [number, number, number];

export interface LayerMoments {
  readonly F: [number, number, number];
  /** J[3i + j] = ∂F_i/∂K_j. */
  readonly J: Float64Array;
  /** H[i][3j + k] = ∂²F_i/∂K_j∂K_k. */
  readonly H: readonly [Float64Array, Float64Array, Float64Array];
  /** S4[3i + j] = Cov(φφ entry i, φφ entry j) for one unit. */
  readonly S4: Float64Array;
}

const HERMITE_NODES: Record<Precision, number> = { exact: 200, fast: 100 };

/** True when the correction can be computed for this activation. */
export function supportsCorrection(act: Activation): boolean {
  return act.piecewiseLinear !== undefined || higherDerivatives(act) !== undefined;
}

function covariance4(m40: number, m31: number, m22: number, m13: number, m04: number, F: readonly number[]): Float64Array {
  const [f11, f12, f22] = F;
  return Float64Array.from([
    m40 - f11 * f11, m31 - f11 * f12, m22 - f11 * f22,
    m31 - f11 * f12, m22 - f12 * f12, m13 - f12 * f22,
    m22 - f11 * f22, m13 - f12 * f22, m04 - f22 * f22,
  ]);
}

function piecewiseLayerMoments(act: Activation, K: Kernel3): LayerMoments {
  const [a, c, b] = K;
  const { sp, sm } = act.piecewiseLinear!;
  const F: [number, number, number] = [act.dual!(a, a, a), act.dual!(a, c, b), act.dual!(b, b, b)];
  const d = piecewiseDerivatives(act, a, c, b);
  const J = Float64Array.from([d.diagSlope, 0, 0, d.grad12[0], d.grad12[1], d.grad12[2], 0, 0, d.diagSlope]);
  const m = (p: number, q: number) => piecewisePowerMoment(sp, sm, p, q, a, c, b);
  const S4 = covariance4(m(4, 0), m(3, 1), m(2, 2), m(1, 3), m(0, 4), F);
  return { F, J, H: [new Float64Array(9), d.hess12, new Float64Array(9)], S4 };
}

export function layerMoments(act: Activation, K: Kernel3, precision: Precision = 'exact'): LayerMoments {
  if (act.piecewiseLinear) return piecewiseLayerMoments(act, K);
  const der = higherDerivatives(act);
  if (!der) throw new Error(`no higher derivatives for ${act.id}: the O(1/n) correction needs φ'' … φ''''`);
  const [a, c, b] = K;
  const { phi, dphi } = act;
  const { d2, d3, d4 } = der;
  const scheme = quadratureScheme(act);
  const e1 = (g: (x: number) => number, v: number) => gaussianMean(act, g, v, precision);
  const e2 =
    scheme.kind === 'hermite'
      ? (f: (x: number) => number, g: (x: number) => number) => expect2(f, g, a, c, b, HERMITE_NODES[precision])
      : (f: (x: number) => number, g: (x: number) => number) => sinhExpectation2(f, g, a, c, b, scheme.strip, scheme.strip, SINH_RULE_TIERS[precision]);
  const duals = dualKernels(act, precision);
  const symmetric = a === b; // (u, v) and (v, u) have the same law: mirror entries are equal
  const F: [number, number, number] = [duals.Fdiag(a), duals.F(a, c, b), 0];
  F[2] = symmetric ? F[0] : duals.Fdiag(b);

  const slope = (x: number) => {
    const p = dphi(x);
    return p * p + phi(x) * d2(x);
  };
  const curvature = (x: number) => {
    const p2 = d2(x);
    return 0.5 * (phi(x) * d4(x) + 4 * dphi(x) * d3(x) + 3 * p2 * p2);
  };
  const slopeA = e1(slope, a);
  const slopeB = symmetric ? slopeA : e1(slope, b);
  const curvA = e1(curvature, a);
  const curvB = symmetric ? curvA : e1(curvature, b);
  const dA = 0.5 * e2(d2, phi);
  const dB = symmetric ? dA : 0.5 * e2(phi, d2);
  const J = Float64Array.from([slopeA, 0, 0, dA, duals.Fp(a, c, b), dB, 0, 0, slopeB]);

  const h12 = new Float64Array(9);
  const set = (i: number, j: number, v: number) => {
    h12[3 * i + j] = v;
    h12[3 * j + i] = v;
  };
  const aa = 0.25 * e2(d4, phi);
  const ac = 0.5 * e2(d3, dphi);
  const pp = e2(d2, d2);
  set(0, 0, aa);
  set(0, 1, ac);
  set(0, 2, 0.25 * pp);
  set(1, 1, pp);
  set(1, 2, symmetric ? ac : 0.5 * e2(dphi, d3));
  set(2, 2, symmetric ? aa : 0.25 * e2(phi, d4));
  const H0 = new Float64Array(9);
  H0[0] = curvA;
  const H2 = new Float64Array(9);
  H2[8] = curvB;

  const pow = (k: number) => (x: number) => Math.pow(phi(x), k);
  const m40 = e1(pow(4), a);
  const m04 = symmetric ? m40 : e1(pow(4), b);
  const m31 = e2(pow(3), phi);
  const m13 = symmetric ? m31 : e2(phi, pow(3));
  const m22 = e2(pow(2), pow(2));
  return { F, J, H: [H0, h12, H2], S4: covariance4(m40, m31, m22, m13, m04, F) };
}
