/**
 * Gaussian moments of a piecewise-linear φ(x) = s₊ max(x, 0) + s₋ min(x, 0) for the O(1/n) kernel
 * correction, in closed form or by an exact polar rule. (u, v) ~ N(0, [[a, c], [c, b]]),
 * D = ab − c², Δ = s₊ − s₋ (φ'' = Δ δ₀ in the sense of distributions).
 *
 * Derivatives of F₁₂(a, c, b) = E φ(u)φ(v) (Price 1958: ∂/∂c E f(u)g(v) = E f'(u)g'(v); the heat
 * equation ∂/∂a E f(u) g(v) = ½ E f''(u) g(v)):
 *   ∂F₁₂/∂c = E φ'(u)φ'(v) (the registry's closed form F'),
 *   ∂F₁₂/∂a = ½ Δ p_u(0) E[φ(v) | u = 0] = ½ Δ (2πa)^{−1/2} Δ √(D/a)/√(2π) = Δ² √D/(4π a),
 *   ∂F₁₂/∂b = Δ² √D/(4π b),
 * and differentiating these once more:
 *   ∂²/∂a² = Δ²(2c² − ab)/(8π a² √D),  ∂²/∂a∂c = −Δ² c/(4π a √D),  ∂²/∂a∂b = Δ²/(8π √D),
 *   ∂²/∂c² = Δ²/(2π √D) (= E φ''(u)φ''(v) = Δ² p_{u,v}(0, 0)),  and the b-mirrors.
 * (Euler's relation a∂_a + c∂_c + b∂_b = F₁₂ for the degree-1 homogeneous F₁₂ checks the first row.)
 * The diagonal F(a, a, a) = (s₊² + s₋²) a/2 is linear: its Hessian is 0.
 *
 * On the boundary D = 0 (collinear inputs) these second derivatives are infinite, but there a
 * homogeneous φ keeps z_b = λ z_a exactly (identical inputs, or collinear ones with σb = 0), so
 * E[(1/n)Σφ(z_a)φ(z_b) | G] = λ (s₊²+s₋²)/2 G₁₁ or −λ s₊s₋ G₁₁ is linear in G and the second-order
 * term vanishes: the Hessian is set to 0 when D ≤ 1e−12 ab (and whenever Δ = 0: φ linear).
 *
 * Fourth moments E φ(u)^p φ(v)^q (p + q = 4) by the polar rule: (u, v) = r C (cos t, sin t),
 * r² ~ χ²₂ independent of t ~ U(0, 2π), C the Cholesky factor, so for the degree-4 homogeneous
 * integrand E = E r⁴/(2π) ∫ φ(u(t))^p φ(v(t))^q dt with E r⁴ = 8. Between the four kinks (u = 0,
 * v = 0) the integrand is a trigonometric polynomial of degree 4, integrated exactly (to rounding)
 * by 16-point Gauss–Legendre on each arc.
 */
import type { Activation } from '../../core/activations.ts';
import { gaussLegendre } from '../quadrature.ts';

const INV_PI = 1 / Math.PI;
const TWO_PI = 2 * Math.PI;
/** Relative size of D = ab − c² below which the pair counts as collinear (see the file comment). */
export const COLLINEAR_TOLERANCE = 1e-12;

/** E r^m for r² ~ χ²₂: 2^{m/2} Γ(1 + m/2). */
function rayleighMoment(m: number): number {
  let g = 1; // Γ(1 + m/2) for even m
  for (let j = 2; j <= m / 2; j++) g *= j;
  return Math.pow(2, m / 2) * g;
}

/** E φ(u)^p φ(v)^q for even p + q, φ piecewise linear (polar rule, file comment). */
export function piecewisePowerMoment(sp: number, sm: number, p: number, q: number, a: number, c: number, b: number): number {
  const phi = (x: number) => (x > 0 ? sp * x : sm * x);
  const c00 = a > 0 ? Math.sqrt(a) : 0;
  const c10 = a > 0 ? c / Math.sqrt(a) : 0;
  const c11 = Math.sqrt(Math.max(0, a > 0 ? b - (c * c) / a : b));
  const psi = Math.atan2(c11, c10);
  const wrap = (t: number) => ((t % TWO_PI) + TWO_PI) % TWO_PI;
  const cuts = [0, Math.PI / 2, (3 * Math.PI) / 2, wrap(psi + Math.PI / 2), wrap(psi - Math.PI / 2), TWO_PI].sort((x, y) => x - y);
  const { x: nodes, w: weights } = gaussLegendre(16);
  let integral = 0;
  for (let s = 0; s + 1 < cuts.length; s++) {
    const lo = cuts[s];
    const hi = cuts[s + 1];
    if (!(hi > lo)) continue;
    const half = (hi - lo) / 2;
    const mid = (hi + lo) / 2;
    let arc = 0;
    for (let i = 0; i < nodes.length; i++) {
      const t = mid + half * nodes[i];
      const ct = Math.cos(t);
      const u = c00 * ct;
      const v = c10 * ct + c11 * Math.sin(t);
      arc += weights[i] * Math.pow(phi(u), p) * Math.pow(phi(v), q);
    }
    integral += half * arc;
  }
  return (rayleighMoment(p + q) / TWO_PI) * integral;
}

export interface PiecewiseDerivatives {
  /** ∂F₁₂/∂(a, c, b). */
  readonly grad12: [number, number, number];
  /** Hessian of F₁₂ in (a, c, b), row-major 3×3. */
  readonly hess12: Float64Array;
  /** dF(a, a, a)/da = (s₊² + s₋²)/2. */
  readonly diagSlope: number;
}

export function piecewiseDerivatives(act: Activation, a: number, c: number, b: number): PiecewiseDerivatives {
  const { sp, sm } = act.piecewiseLinear!;
  const delta2 = (sp - sm) * (sp - sm);
  const D = a * b - c * c;
  const hess12 = new Float64Array(9);
  const dc = act.dualDeriv!(a, c, b);
  if (delta2 === 0 || !(a > 0 && b > 0) || !(D > COLLINEAR_TOLERANCE * a * b)) {
    return { grad12: [0, dc, 0], hess12, diagSlope: (sp * sp + sm * sm) / 2 };
  }
  const r = Math.sqrt(D);
  const k = delta2 * INV_PI;
  const set = (i: number, j: number, v: number) => {
    hess12[3 * i + j] = v;
    hess12[3 * j + i] = v;
  };
  set(0, 0, (k * (2 * c * c - a * b)) / (8 * a * a * r));
  set(0, 1, (-k * c) / (4 * a * r));
  set(0, 2, k / (8 * r));
  set(1, 1, k / (2 * r));
  set(1, 2, (-k * c) / (4 * b * r));
  set(2, 2, (k * (2 * c * c - a * b)) / (8 * b * b * r));
  return { grad12: [(k * r) / (4 * a), dc, (k * r) / (4 * b)], hess12, diagSlope: (sp * sp + sm * sm) / 2 };
}
