/**
 * Closed-form dual activations F_φ(a, c, b) = E[φ(u)φ(v)] and F_φ'(a, c, b) = E[φ'(u)φ'(v)],
 * (u, v) ~ N(0, [[a, c], [c, b]]) (DESIGN.md §2). Each is checked against 2-D Gauss–Hermite
 * quadrature and against mpmath fixtures (closedForms.test.ts); nothing here imports the registry.
 */

const TWO_PI = 2 * Math.PI;

/** Angle θ = arccos(c/√(ab)) ∈ [0, π], computed as atan2 so it stays accurate near ρ = ±1. */
export function kernelAngle(a: number, c: number, b: number): number {
  const ab = a * b;
  if (!(ab > 0)) return Math.PI / 2;
  const s2 = Math.max(ab - c * c, 0);
  return Math.atan2(Math.sqrt(s2), c);
}

/**
 * E[relu(u) relu(v)] = √(ab)/(2π) (sin θ + (π − θ) cos θ) — the arc-cosine kernel of order 1
 * (Cho & Saul 2009) with the factor 1/2 (DESIGN.md §2).
 */
export function reluDual(a: number, c: number, b: number): number {
  const ab = a * b;
  if (!(ab > 0)) return 0;
  const theta = kernelAngle(a, c, b);
  const sab = Math.sqrt(ab);
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

/** E[erf(u) erf(v)] = (2/π) arcsin(2c / √((1+2a)(1+2b))) (Williams 1997). */
export function erfDual(a: number, c: number, b: number): number {
  const r = (2 * c) / Math.sqrt((1 + 2 * a) * (1 + 2 * b));
  return (2 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, r)));
}

/** φ' = (2/√π) e^{−x²}: E = (4/π) det(I + 2Σ)^{−1/2} (Gaussian integral). */
export function erfDualDeriv(a: number, c: number, b: number): number {
  return 4 / Math.PI / Math.sqrt((1 + 2 * a) * (1 + 2 * b) - 4 * c * c);
}

/** E[sin u sin v] = e^{−(a+b)/2} sinh c (from E cos(u ± v) = e^{−(a+b±2c)/2}). */
export function sinDual(a: number, c: number, b: number): number {
  return Math.exp(-(a + b) / 2) * Math.sinh(c);
}

/** φ' = cos: E[cos u cos v] = e^{−(a+b)/2} cosh c. */
export function sinDualDeriv(a: number, c: number, b: number): number {
  return Math.exp(-(a + b) / 2) * Math.cosh(c);
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
  const va = 1 + a;
  const vb = 1 + b;
  const D = va * vb - c * c;
  const sa = Math.sqrt(va);
  const sb = Math.sqrt(vb);
  const r = Math.max(-1, Math.min(1, c / (sa * sb)));
  const q = Math.sqrt(Math.max(1 - r * r, 0));
  const P = 0.25 + Math.asin(r) / TWO_PI;
  const mss = P + (r * q) / TWO_PI;
  const mst = r * P + q / TWO_PI;
  const M11 = va * mss;
  const M22 = vb * mss;
  const M12 = sa * sb * mst;
  const A1 = (a * vb - c * c) / D;
  const A2 = c / D;
  const B1 = c / D;
  const B2 = (b * va - c * c) / D;
  const quad = A1 * (M11 * B1 + M12 * B2) + A2 * (M12 * B1 + M22 * B2);
  const resid = c - (a * B1 + c * B2);
  return quad + resid * P;
}

/**
 * GELU derivative φ'(x) = Φ(x) + xφ_N(x). With D = (1+a)(1+b) − c²:
 * E[Φ(u)Φ(v)] = 1/4 + arcsin(c/√((1+a)(1+b)))/(2π);
 * E[Φ(u) v φ_N(v)] = c / (2π (1+b) √D) (Gaussian tilt by e^{−v²/2}, then E[v 1{w>0}]);
 * E[uφ_N(u) vφ_N(v)] = c / (2π D^{3/2}) (tilt by e^{−(u²+v²)/2}).
 */
export function geluDualDeriv(a: number, c: number, b: number): number {
  const va = 1 + a;
  const vb = 1 + b;
  const D = va * vb - c * c;
  const r = Math.max(-1, Math.min(1, c / Math.sqrt(va * vb)));
  const sD = Math.sqrt(D);
  return 0.25 + Math.asin(r) / TWO_PI + (c / (TWO_PI * sD)) * (1 / va + 1 / vb) + c / (TWO_PI * D * sD);
}
