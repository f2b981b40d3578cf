/**
 * Signal propagation at the edge of chaos for the MLP (Poole et al. 2016, "Exponential
 * expressivity…", §2–3; Schoenholz et al. 2017, "Deep information propagation", §3):
 *   χ₁ = σw² E φ'(√q* z)²   (slope of the correlation map at c = 1; χ₁ = 1 is the edge of chaos);
 *   correlation map  c ↦ 𝒞(c) = (σw² E φ(u₁)φ(u₂) + σb²)/q*,  (u₁, u₂) ~ N(0, q*[[1, c], [c, 1]]),
 *                    c* = its largest stable fixed point (c* = 1 when χ₁ ≤ 1);
 *   depth scales     ξ_q = −1/log χ_q, χ_q = 𝒱'(q*)   (Schoenholz et al. eq. 5),
 *                    ξ_c = −1/log χ_c, χ_c = σw² E φ'(u₁)φ'(u₂) at (q*, c*)   (eq. 9);
 *   the critical line σw²(σb²) where χ₁ = 1 at q*, by two independent methods.
 * The length map 𝒱, its slope χ_q and the fixed point q* live in lengthMap.ts (re-exported here).
 */
import type { Activation } from '../core/activations.ts';
import { dualKernels, type Precision } from './dual.ts';
import { fixedPointQ, lengthMapSlope } from './lengthMap.ts';
import { brentRoot, illinoisRoot } from './rootFinding.ts';

export { fixedPointQ, lengthMap, lengthMapDerivative, lengthMapSlope, type FixedPointResult } from './lengthMap.ts';

export type Phase = 'ordered' | 'chaotic' | 'critical';

/** |χ₁ − 1| below this is reported as 'critical' (the quadrature is accurate to ~1e−13). */
export const CRITICAL_BAND = 1e-9;

export interface CriticalityOptions {
  readonly precision?: Precision;
}

/** χ₁ = σw² E φ'(√q* z)² (Poole et al. 2016, eq. 7). */
export function chi1(act: Activation, sw2: number, qStar: number, precision: Precision = 'exact'): number {
  if (act.piecewiseLinear) {
    const { sp, sm } = act.piecewiseLinear;
    return (sw2 * (sp * sp + sm * sm)) / 2; // E φ'² does not depend on q for homogeneous φ
  }
  return sw2 * dualKernels(act, precision).Fpdiag(qStar);
}

/** 𝒞(c) = (σw² E φ(u₁)φ(u₂) + σb²)/q*, u ~ N(0, q*[[1, c], [c, 1]]) (Poole et al. 2016, eq. 5). */
export function correlationMap(
  act: Activation,
  sw2: number,
  sb2: number,
  qStar: number,
  c: number,
  precision: Precision = 'exact',
): number {
  return (sw2 * dualKernels(act, precision).F(qStar, c * qStar, qStar) + sb2) / qStar;
}

export interface CorrelationFixedPoint {
  readonly cStar: number;
  /** χ_c = σw² E φ'(u₁)φ'(u₂) at (q*, c*) (= χ₁ when c* = 1). */
  readonly chiC: number;
}

/**
 * The largest stable fixed point c* of the correlation map. c = 1 is always fixed, with slope
 * χ₁; when χ₁ ≤ 1 it is stable and c* = 1. Otherwise 𝒞(c) < c just below 1 and 𝒞(−1) ≥ −1
 * (Cauchy–Schwarz), so scanning 1 − δ, δ = 1e−8·2^k, downward finds the largest sign change,
 * refined by Brent. (Near χ₁ = 1, c* is resolved only once 1 − c* ≳ 1e−6: the map is known to
 * ~1e−13.) c* = NaN when q* is 0 or ∞ (no correlation map).
 */
export function correlationFixedPoint(
  act: Activation,
  sw2: number,
  sb2: number,
  qStar: number,
  precision: Precision = 'exact',
): CorrelationFixedPoint {
  const x1 = chi1(act, sw2, qStar, precision);
  const duals = dualKernels(act, precision);
  if (!(qStar > 0 && Number.isFinite(qStar))) return { cStar: NaN, chiC: x1 };
  if (x1 <= 1) return { cStar: 1, chiC: x1 };
  const R = (c: number) => correlationMap(act, sw2, sb2, qStar, c, precision) - c;
  let hi = NaN;
  let lo = NaN;
  let prev = 1;
  for (let delta = 1e-8; ; delta *= 2) {
    const c = Math.max(-1, 1 - delta);
    const r = R(c);
    if (r >= 0) {
      lo = c;
      hi = prev;
      break;
    }
    prev = c;
    if (c === -1) break;
  }
  if (!Number.isFinite(lo)) return { cStar: -1, chiC: sw2 * duals.Fp(qStar, -qStar, qStar) };
  const root = brentRoot(R, lo, hi, { xtol: 1e-15, rtol: 2 * Number.EPSILON });
  const cStar = root.ok ? root.root : 0.5 * (lo + hi);
  return { cStar, chiC: sw2 * duals.Fp(qStar, cStar * qStar, qStar) };
}

export interface Criticality {
  /** false when q* = ∞ or the length map did not converge (see `reason`). */
  readonly ok: boolean;
  readonly reason?: string;
  readonly qStar: number;
  readonly chi1: number;
  /** χ_q = 𝒱'(q*). */
  readonly chiQ: number;
  /** NaN when q* = 0 or ∞ (no correlation map). */
  readonly cStar: number;
  readonly chiC: number;
  /** Depth scale of the length map, −1/log χ_q (∞ at χ_q = 1). */
  readonly xiQ: number;
  /** Depth scale of correlations, −1/log χ_c (∞ at χ_c = 1: the edge of chaos). */
  readonly xiC: number;
  readonly phase: Phase;
}

function phaseOf(x1: number): Phase {
  if (Math.abs(x1 - 1) <= CRITICAL_BAND) return 'critical';
  return x1 < 1 ? 'ordered' : 'chaotic';
}

const depthScale = (chi: number) => (chi === 1 ? Infinity : -1 / Math.log(chi));

/** Everything at once for an MLP with activation act at (σw², σb²). */
export function criticality(act: Activation, sw2: number, sb2: number, opts: CriticalityOptions & { q0?: number } = {}): Criticality {
  const precision = opts.precision ?? 'exact';
  const fp = fixedPointQ(act, sw2, sb2, opts);
  if (!fp.ok) {
    // For homogeneous φ, χ₁ does not depend on q, so the phase is still defined.
    const x1 = act.piecewiseLinear ? chi1(act, sw2, 1) : NaN;
    return {
      ok: false,
      reason: fp.reason,
      qStar: fp.qStar,
      chi1: x1,
      chiQ: NaN,
      cStar: NaN,
      chiC: NaN,
      xiQ: NaN,
      xiC: NaN,
      phase: Number.isFinite(x1) ? phaseOf(x1) : 'chaotic',
    };
  }
  const qStar = fp.qStar;
  const x1 = chi1(act, sw2, qStar, precision);
  const chiQ = lengthMapSlope(act, sw2, qStar, precision);
  // At q* = 0 (e.g. tanh, σb² = 0, σw² ≤ 1) the network is linear around 0 and every
  // correlation is preserved: c* is undefined and χ_c = χ₁.
  const { cStar, chiC } = qStar > 0 ? correlationFixedPoint(act, sw2, sb2, qStar, precision) : { cStar: NaN, chiC: x1 };
  return { ok: true, qStar, chi1: x1, chiQ, cStar, chiC, xiQ: depthScale(chiQ), xiC: depthScale(chiC), phase: phaseOf(x1) };
}

export type CriticalSw2 =
  | { readonly ok: true; readonly sw2: number; readonly qStar: number }
  | { readonly ok: false; readonly reason: string };

/** σw² range scanned for the critical point (the spec allows σw² ∈ (0, 64]). */
const SW2_SCAN = { min: 1e-3, max: 256, ratio: 1.25 };

/**
 * The critical σw² (χ₁ = 1 at the fixed point) for bias variance σb², method 1: Brent on
 * σw² ↦ χ₁(σw², q*(σw²)) − 1, bracketed by a geometric scan of σw² ∈ [1e−3, 256]. For the
 * piecewise-linear family χ₁ = σw²(s₊² + s₋²)/2 whatever q is, so σw²_c = 2/(s₊² + s₋²).
 */
export function criticalSw2(act: Activation, sb2: number, opts: CriticalityOptions = {}): CriticalSw2 {
  if (act.piecewiseLinear) return piecewiseLinearCritical(act);
  const precision = opts.precision ?? 'exact';
  const excess = (sw2: number) => {
    const fp = fixedPointQ(act, sw2, sb2, { precision });
    return fp.ok ? chi1(act, sw2, fp.qStar, precision) - 1 : NaN;
  };
  let prevW = SW2_SCAN.min;
  let prevE = excess(prevW);
  for (let w = prevW * SW2_SCAN.ratio; w <= SW2_SCAN.max; w *= SW2_SCAN.ratio) {
    const e = excess(w);
    if (Number.isFinite(prevE) && Number.isFinite(e) && prevE < 0 && e >= 0) {
      const root = brentRoot(excess, prevW, w, { xtol: 1e-15, rtol: 2 * Number.EPSILON });
      if (!root.ok) return { ok: false, reason: `criticalSw2: ${root.reason}` };
      const fp = fixedPointQ(act, root.root, sb2, { precision });
      return { ok: true, sw2: root.root, qStar: fp.qStar };
    }
    prevW = w;
    prevE = e;
  }
  return { ok: false, reason: noCriticalReason(act, sb2) };
}

/**
 * Method 2, a different equation and root finder: at criticality σw² = 1/D(q) with
 * D(q) = E φ'(√q z)², so the fixed-point condition becomes one equation in q alone,
 *   H(q) = V(q)/D(q) + σb² − q = 0,   V(q) = E φ(√q z)²,
 * solved by the Illinois method after a geometric scan of q ∈ [1e−8, 1e6] (H(0⁺) = σb² + V(0)/D(0) ≥ 0).
 */
export function criticalSw2ByQ(act: Activation, sb2: number, opts: CriticalityOptions = {}): CriticalSw2 {
  if (act.piecewiseLinear) return piecewiseLinearCritical(act);
  const duals = dualKernels(act, opts.precision ?? 'exact');
  const H = (q: number) => duals.Fdiag(q) / duals.Fpdiag(q) + sb2 - q;
  let prevQ = 1e-8;
  let prevH = H(prevQ);
  for (let q = prevQ * 1.5; q <= 1e6; q *= 1.5) {
    const h = H(q);
    if (prevH > 0 && h <= 0) {
      const root = illinoisRoot(H, prevQ, q, { xtol: 0, rtol: 2 * Number.EPSILON });
      if (!root.ok) return { ok: false, reason: `criticalSw2ByQ: ${root.reason}` };
      return { ok: true, sw2: 1 / duals.Fpdiag(root.root), qStar: root.root };
    }
    prevQ = q;
    prevH = h;
  }
  return { ok: false, reason: noCriticalReason(act, sb2) };
}

function piecewiseLinearCritical(act: Activation): CriticalSw2 {
  const { sp, sm } = act.piecewiseLinear!;
  return { ok: true, sw2: 2 / (sp * sp + sm * sm), qStar: NaN };
}

function noCriticalReason(act: Activation, sb2: number): string {
  return `no σw² in [${SW2_SCAN.min}, ${SW2_SCAN.max}] puts ${act.id} with σb² = ${sb2} at χ₁ = 1`;
}
