/**
 * Closed-form dual activations F_φ(a, c, b) = E[φ(u)φ(v)] and F_φ'(a, c, b) = E[φ'(u)φ'(v)],
 * (u, v) ~ N(0, [[a, c], [c, b]]) (DESIGN.md §2). Each is checked against 2-D Gauss–Hermite
 * quadrature and against mpmath fixtures (closedForms.test.ts); nothing here imports the registry.
 */

const TWO_PI = 2 * Math.PI;

/**
 * Why the forms below are written the way they are (issue 20): the recursions push a, b, c to
 * anything f64 holds (ReLU with σw² = 64 grows ×32 a layer), so no formula may form a product
 * that leaves f64 while its result does not (ab overflows at a ≈ 1.3e154), subtract nearly equal
 * large numbers ((1+a)(1+b) − c² at a ≈ 1e18), or multiply 0·∞ (e^{−(a+b)/2} sinh c at a > 710).
 * Each form is tested at large q against mpmath (tools/fixtures/make_large_q_fixtures.py).
 */

/** Products with |x·y| outside [2^−500, 2^500] are rescaled (exact powers of two) before use. */
const SAFE_LOG2 = 500;

/**
 * A power of two 2^k close to √(ab) (a, b > 0), or 1 when ab is comfortably inside f64: the
 * relu-family duals are positively homogeneous, F(λa, λc, λb) = λ^p F(a, c, b), and scaling by a
 * power of two is exact, so they are evaluated on (a, c, b)/λ without changing a bit in the
 * ordinary range.
 */
function homogeneousScale(a: number, b: number): number {
  const la = Math.log2(a);
  const lb = Math.log2(b);
  if (Math.abs(la + lb) < SAFE_LOG2 && Math.abs(la) < 2 * SAFE_LOG2 && Math.abs(lb) < 2 * SAFE_LOG2) return 1;
  return Math.pow(2, Math.round((la + lb) / 2));
}

/**
 * ab − c² with the rounding of both products compensated (Dekker's exact product by Veltkamp
 * splitting, Dekker 1971): accurate to ~1e−16 relative to |ab − c²| + 1e−32·ab instead of
 * 1e−16·ab, which is what keeps D = (1+a)(1+b) − c² of GELU alive at ρ ≈ 1 (|a|, |b|, |c| < 2^500).
 */
function gramDeterminant(a: number, b: number, c: number): number {
  const [p, pe] = twoProduct(a, b);
  const [q, qe] = twoProduct(c, c);
  return p - q + (pe - qe);
}

const SPLITTER = 134217729; // 2^27 + 1
function twoProduct(x: number, y: number): [number, number] {
  const p = x * y;
  let t = SPLITTER * x;
  const xh = t - (t - x);
  const xl = x - xh;
  t = SPLITTER * y;
  const yh = t - (t - y);
  const yl = y - yh;
  return [p, xl * yl - (((p - xh * yh) - xl * yh) - xh * yl)];
}

/** Angle θ = arccos(c/√(ab)) ∈ [0, π], computed as atan2 so it stays accurate near ρ = ±1. */
export function kernelAngle(a: number, c: number, b: number): number {
  if (!(a > 0 && b > 0)) return Math.PI / 2;
  const lam = homogeneousScale(a, b);
  if (lam !== 1) return kernelAngle(a / lam, c / lam, b / lam);
  const ab = a * b;
  const s2 = Math.max(ab - c * c, 0);
  return Math.atan2(Math.sqrt(s2), c);
}

/**
 * E[relu(u) relu(v)] = √(ab)/(2π) (sin θ + (π − θ) cos θ) — the arc-cosine kernel of order 1
 * (Cho & Saul 2009) with the factor 1/2 (DESIGN.md §2). Homogeneous of degree 1: evaluated on
 * (a, c, b)/λ and multiplied back when ab would leave f64.
 */
export function reluDual(a: number, c: number, b: number): number {
  if (!(a > 0 && b > 0)) return 0;
  const lam = homogeneousScale(a, b);
  if (lam !== 1) return lam * reluDual(a / lam, c / lam, b / lam);
  const ab = a * b;
  const theta = kernelAngle(a, c, b);
  // √(ab)·sin θ = √(ab − c²); √(ab)·cos θ = c.
  return (Math.sqrt(Math.max(ab - c * c, 0)) + (Math.PI - theta) * c) / TWO_PI;
}

/**
 * Piecewise-linear φ(x) = s₊ max(x, 0) + s₋ min(x, 0) (relu, leaky, abs, identity, shaped):
 * E[φφ] = (s₊ − s₋)² E[relu relu] + s₊ s₋ c, because E[u₊v₋] = c/2 − E[u₊v₊] by symmetry.
 */
export function piecewiseLinearDual(sp: number, sm: number, a: number, c: number, b: number): number {
  const d = sp - sm;
  return d * d * reluDual(a, c, b) + sp * sm * c;
}

/**
 * E[φ'(u)φ'(v)] for piecewise-linear φ: φ' = s₊ on x > 0, s₋ on x < 0, and the orthant
 * probabilities P(u>0, v>0) = (π − θ)/(2π), P(u>0, v<0) = θ/(2π).
 */
export function piecewiseLinearDualDeriv(sp: number, sm: number, a: number, c: number, b: number): number {
  const theta = kernelAngle(a, c, b);
  return ((sp * sp + sm * sm) * (Math.PI - theta) + 2 * sp * sm * theta) / TWO_PI;
}

/**
 * det(I + 2Σ) = (1+2a)(1+2b) − 4c² = 1 + 2a + 2b + 4(ab − c²), summed from non-negative parts
 * (no cancellation between (1+2a)(1+2b) and 4c²: it lost everything at a ≈ 1e16, ρ = 1), in
 * units of λ² (λ = 2^⌊log₂ max(a, b)⌋ above 2^500, else 1) so that nothing overflows:
 * returns [2c/λ, √(det/λ²), λ].
 */
function erfGeometry(a: number, c: number, b: number): [number, number, number] {
  const m = Math.max(a, b);
  const lambda = m >= 2 ** SAFE_LOG2 ? Math.pow(2, Math.floor(Math.log2(m))) : 1;
  const e = 1 / lambda;
  const det = e * e + 2 * e * (a * e + b * e) + 4 * Math.max(gramDeterminant(a * e, b * e, c * e), 0);
  return [2 * c * e, Math.sqrt(det), lambda];
}

/**
 * E[erf(u) erf(v)] = (2/π) arcsin(2c / √((1+2a)(1+2b))) (Williams 1997), written as
 * (2/π) atan2(2c, √det(I + 2Σ)): arcsin near ±1 turns the rounding of its argument into an error
 * of its square root (1e−8 at a = 1e300, ρ = 1); atan2 of the two legs does not.
 */
export function erfDual(a: number, c: number, b: number): number {
  const [x, y] = erfGeometry(a, c, b);
  return (2 / Math.PI) * Math.atan2(x, y);
}

/** φ' = (2/√π) e^{−x²}: E = (4/π) det(I + 2Σ)^{−1/2} (Gaussian integral), det from erfGeometry. */
export function erfDualDeriv(a: number, c: number, b: number): number {
  const [, y, lambda] = erfGeometry(a, c, b);
  return 4 / Math.PI / lambda / y;
}

/**
 * E[sin u sin v] = e^{−(a+b)/2} sinh c (from E cos(u ± v) = e^{−(a+b±2c)/2}). For |c| ≥ 1 the
 * exponents are combined before exp: ½ sgn(c) e^{|c| − (a+b)/2} (1 − e^{−2|c|}), where
 * |c| ≤ √(ab) ≤ (a+b)/2 keeps the exponent ≤ 0 (the product form is 0·∞ once a + b > 1420).
 */
export function sinDual(a: number, c: number, b: number): number {
  const h = (a + b) / 2;
  if (Math.abs(c) < 1) return Math.exp(-h) * Math.sinh(c);
  const ac = Math.abs(c);
  return Math.sign(c) * 0.5 * Math.exp(ac - h) * -Math.expm1(-2 * ac);
}

/** φ' = cos: E[cos u cos v] = e^{−(a+b)/2} cosh c = ½ (e^{|c| − (a+b)/2} + e^{−|c| − (a+b)/2}). */
export function sinDualDeriv(a: number, c: number, b: number): number {
  const h = (a + b) / 2;
  const ac = Math.abs(c);
  return 0.5 * (Math.exp(ac - h) + Math.exp(-ac - h));
}

/**
 * GELU φ(x) = xΦ(x) (the exact form, Tsuchida et al. 2020). Write Φ(u) = P(ξ₁ < u) with ξ
 * independent N(0,1), so E[φ(u)φ(v)] = E[u v 1{s>0} 1{t>0}], s = u − ξ₁, t = v − ξ₂.
 * Project (u, v) on S = (s, t): u = A·S + u⊥, v = B·S + v⊥ (⊥ independent of S), hence
 * E = Aᵀ E[S Sᵀ 1{S>0}] B + Cov(u⊥, v⊥) P(S > 0), with the orthant moments of a bivariate normal
 * of correlation r: P = 1/4 + arcsin(r)/(2π), E[s² 1] = P + r√(1−r²)/(2π),
 * E[s t 1] = rP + √(1−r²)/(2π) (standardised).
 */
export function geluDual(a: number, c: number, b: number): number {
  const g = geluGeometry(a, c, b);
  const { va, vb, sva, svb, A1, A2, B1, B2, P, r, q } = g;
  const mss = P + (r * q) / TWO_PI;
  const mst = r * P + q / TWO_PI;
  // M = E[S Sᵀ 1{S>0}] / λ (its entries grow like a, b): va·mss, vb·mss, √va√vb·mst.
  const M11 = va * mss;
  const M22 = vb * mss;
  const M12 = sva * svb * mst;
  const quad = A1 * (M11 * B1 + M12 * B2) + A2 * (M12 * B1 + M22 * B2);
  // Cov(u⊥, v⊥) = c − (a B1 + c B2) = c/D exactly (D − 1 = Δ + a + b), which is A2.
  return g.lambda * quad + A2 * P;
}

/**
 * What both GELU forms share, written without cancellation or overflow (issue 20). With
 * Δ = ab − c² (compensated, gramDeterminant) every quantity is a sum of non-negative parts:
 *   D = (1+a)(1+b) − c² = Δ + a + b + 1,  a(1+b) − c² = Δ + a,  b(1+a) − c² = Δ + b,
 *   r = c/(√(1+a)√(1+b)),  √(1 − r²) = √D/(√(1+a)√(1+b)),  P = 1/4 + arcsin(r)/(2π) = atan2(√(1−r²), −r)/(2π).
 * Above 2^500 the work is done in units of λ = 2^⌊log₂ max(a, b)⌋ (exact scaling; e = 1/λ):
 * va = (1 + a)/λ, D̂ = D/λ², and the result is λ·quad + c/D.
 */
function geluGeometry(a: number, c: number, b: number) {
  const m = Math.max(a, b);
  const lambda = m >= 2 ** SAFE_LOG2 ? Math.pow(2, Math.floor(Math.log2(m))) : 1;
  const e = 1 / lambda;
  const ah = a * e;
  const bh = b * e;
  const ch = c * e;
  const delta = Math.max(gramDeterminant(ah, bh, ch), 0);
  const D = delta + e * (ah + bh) + e * e;
  const va = ah + e;
  const vb = bh + e;
  const sva = Math.sqrt(va);
  const svb = Math.sqrt(vb);
  const sD = Math.sqrt(D);
  const r = Math.max(-1, Math.min(1, ch / sva / svb));
  const q = Math.min(1, sD / sva / svb);
  return {
    lambda,
    e,
    c: ch,
    D,
    sD,
    va,
    vb,
    sva,
    svb,
    r,
    q,
    P: Math.atan2(q, -r) / TWO_PI,
    A1: (delta + ah * e) / D,
    A2: (ch * e) / D,
    B1: (ch * e) / D,
    B2: (delta + bh * e) / D,
  };
}

/**
 * GELU derivative φ'(x) = Φ(x) + xφ_N(x). With D = (1+a)(1+b) − c²:
 * E[Φ(u)Φ(v)] = 1/4 + arcsin(c/√((1+a)(1+b)))/(2π);
 * E[Φ(u) v φ_N(v)] = c / (2π (1+b) √D) (Gaussian tilt by e^{−v²/2}, then E[v 1{w>0}]);
 * E[uφ_N(u) vφ_N(v)] = c / (2π D^{3/2}) (tilt by e^{−(u²+v²)/2}).
 */
export function geluDualDeriv(a: number, c: number, b: number): number {
  // In the units of geluGeometry: c/(√D (1+a)) = ĉe/(√D̂ v̂a), c/D^{3/2} = ĉ (e/D̂)(e/√D̂).
  const { e, c: ch, D, sD, va, vb, P } = geluGeometry(a, c, b);
  return P + ((ch * e) / (TWO_PI * sD)) * (1 / va + 1 / vb) + (ch * (e / D) * (e / sD)) / TWO_PI;
}
