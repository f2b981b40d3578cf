/**
 * The length map of the MLP (Poole et al. 2016, "Exponential expressivity…", §2, eq. 3):
 *   q ↦ 𝒱(q) = σw² E φ(√q z)² + σb²,  z ~ N(0, 1),
 * its slope 𝒱'(q) (χ_q of Schoenholz et al. 2017, eq. 5), computed by differentiating under the
 * integral,
 *   d/dq E φ(√q z)² = E[φ(√q z) φ'(√q z) z]/√q = E[φ(u) φ'(u) u]/q,  u ~ N(0, q),
 * exactly for the piecewise-linear family ((s₊² + s₋²)/2) and by quadrature (dual.ts) otherwise,
 * and its attracting fixed point q*.
 */
import type { Activation } from '../core/activations.ts';
import { dualKernels, gaussianMean, type Precision } from './dual.ts';
import { brentRoot } from './rootFinding.ts';

/** Length-map iterates beyond this count as divergence (q* = ∞). */
const Q_DIVERGED = 1e100;

/** 𝒱(q) = σw² E φ(√q z)² + σb² (Poole et al. 2016, eq. 3). */
export function lengthMap(act: Activation, sw2: number, sb2: number, q: number, precision: Precision = 'exact'): number {
  return sw2 * dualKernels(act, precision).Fdiag(q) + sb2;
}

/** d/dq E φ(√q z)² = E[φ(u)φ'(u)u]/q, u ~ N(0, q) (see the file comment); q ≥ 0. */
export function lengthMapDerivative(act: Activation, q: number, precision: Precision = 'exact'): number {
  if (act.piecewiseLinear) {
    const { sp, sm } = act.piecewiseLinear;
    return (sp * sp + sm * sm) / 2;
  }
  const { phi, dphi } = act;
  const slope = (x: number) => gaussianMean(act, (u) => phi(u) * dphi(u) * u, x, precision) / x;
  // At q → 0 the formula is 0/0; V is smooth in q ≥ 0, so extrapolate linearly from
  // q = 1e−8 and 2e−8 (bias O(q²) = 1e−16).
  if (q < 1e-8) return 2 * slope(1e-8) - slope(2e-8);
  return slope(q);
}

/** χ_q = 𝒱'(q) = σw² d/dq E φ(√q z)². */
export function lengthMapSlope(act: Activation, sw2: number, q: number, precision: Precision = 'exact'): number {
  return sw2 * lengthMapDerivative(act, q, precision);
}

export type FixedPointResult =
  | { readonly ok: true; readonly qStar: number; readonly iterations: number }
  | { readonly ok: false; readonly qStar: number; readonly reason: string };

/**
 * The fixed point q* reached by iterating the length map from q0 (default 1): the attractor in
 * the direction of travel (the map is increasing for every registry activation, so iterates move
 * monotonically towards it).
 *  1. Up to 200 plain iterations, each followed by an Aitken estimate r̂ of the limit: as soon as
 *     𝒱(p) − p changes sign between the iterate and a point p just beyond r̂, Brent finishes on
 *     that bracket (geometric convergence, the usual case, takes a handful of iterations).
 *  2. Otherwise (sub-geometric convergence at a bifurcation, e.g. tanh at σw² = 1, σb² = 0, where
 *     q_k ~ 1/k): scan from the last iterate in the direction of travel by factors of 2 (down to
 *     q = 0, up to 1e100) for the first sign change of 𝒱(q) − q and finish with Brent.
 * q* = ∞ (ok: false) when the iterates exceed 1e100, keep growing without contracting (ratio of
 * steps ≥ 1 for 50 iterations, e.g. ReLU with σw² > 2), or the upward scan finds no root
 * (e.g. ReLU with σw² = 2, σb² > 0, where q grows linearly).
 */
export function fixedPointQ(
  act: Activation,
  sw2: number,
  sb2: number,
  opts: { precision?: Precision; q0?: number } = {},
): FixedPointResult {
  const precision = opts.precision ?? 'exact';
  const V = dualKernels(act, precision).Fdiag;
  const map = (q: number) => sw2 * V(q) + sb2;
  const G = (q: number) => map(q) - q;
  const brent = (lo: number, hi: number, it: number): FixedPointResult => {
    const root = brentRoot(G, lo, hi, { xtol: 0, rtol: 2 * Number.EPSILON });
    return root.ok
      ? { ok: true, qStar: root.root, iterations: it + root.iterations }
      : { ok: false, qStar: NaN, reason: `fixedPointQ: ${root.reason}` };
  };
  const diverged: FixedPointResult = { ok: false, qStar: Infinity, reason: divergedReason(act, sw2, sb2) };
  let q = opts.q0 ?? 1;
  let dPrev = NaN;
  let growing = 0;
  let it = 0;
  for (; it < 200; it++) {
    const qn = map(q);
    if (!Number.isFinite(qn) || qn > Q_DIVERGED) return diverged;
    const d = qn - q;
    if (d === 0 || Math.abs(d) <= 1e-15 * Math.abs(qn)) return { ok: true, qStar: qn, iterations: it + 1 };
    if (Number.isFinite(dPrev) && Math.sign(d) === Math.sign(dPrev)) {
      const ratio = d / dPrev;
      if (ratio < 1) {
        growing = 0;
        // Aitken: q_k → r geometrically with ratio λ, so r ≈ qn + λ d/(1 − λ).
        const rHat = qn + (ratio * d) / (1 - ratio);
        const p = Math.max(0, rHat + (rHat - qn) * 0.01 + Math.sign(d) * 1e-12 * Math.max(1, Math.abs(rHat)));
        const gp = G(p);
        if (gp === 0) return { ok: true, qStar: p, iterations: it + 1 };
        if (Math.sign(gp) !== Math.sign(d)) return brent(Math.min(qn, p), Math.max(qn, p), it + 1);
      } else if (d > 0 && ++growing > 50) {
        return diverged;
      }
    }
    dPrev = d;
    q = qn;
  }
  // Stage 2: bracket by a geometric scan in the direction of travel. 𝒱(p) − p is known only to
  // ~1e−15·p (quadrature, rounding), so a sign counts only beyond 1e−12·p; the scan down ends at
  // p = 0, where 𝒱(0) − 0 = σw²φ(0)² + σb² is exact.
  const up = G(q) > 0;
  let prev = q;
  for (let k = 1; ; k++) {
    const p = up ? q * 2 ** k : q * 2 ** -k < 1e-280 ? 0 : q * 2 ** -k;
    if (up && p > Q_DIVERGED) return diverged;
    const gp = G(p);
    const noise = 1e-12 * p;
    if (p === 0 && gp === 0) return { ok: true, qStar: 0, iterations: it + k };
    if (up ? gp < -noise : gp > noise) return brent(Math.min(prev, p), Math.max(prev, p), it + k);
    if (p === 0) break;
    prev = p;
  }
  return { ok: false, qStar: NaN, reason: `fixedPointQ: no fixed point below q = ${q} for σw² = ${sw2}, σb² = ${sb2}` };
}

function divergedReason(act: Activation, sw2: number, sb2: number): string {
  return `q* = ∞: the length map q ↦ σw² E φ(√q z)² + σb² has no finite attracting fixed point for ${act.id} with σw² = ${sw2}, σb² = ${sb2} (the squared length grows without bound with depth)`;
}
