/**
 * Coefficients of the neural covariance SDE for the correlation of two inputs of a shaped MLP
 * (Li, Nica & Roy 2022, "The neural covariance SDE", NeurIPS; DESIGN.md §1 "shaped"). Time is
 * t = l/n (layers per width), T = L/n.
 *
 *   dρ = μ(ρ) dt + σ(ρ) dW,   μ(ρ) = ν(ρ) − ρ(1−ρ²)/2,   σ(ρ) = 1 − ρ²,                  (1)
 *   ν(ρ) = κ (√(1−ρ²) − ρ arccos ρ),   κ = (c₊ − c₋)²/(2π).                               (2)
 *
 * ν is the O(1/n) per-layer change of the correlation map of φ_s (write φ_s(u) = a u + b|u| with
 * b = (c₊−c₋)/(2√n); E|u||v| = (2/π)(√(1−ρ²) + ρ arcsin ρ)); −ρ(1−ρ²)/2 and (1−ρ²)² are the Itô
 * drift and variance of the correlation of one Wishart step with n degrees of freedom (the
 * classical O(1/n) bias and variance of a sample correlation).
 *
 * The well-conditioned coordinate is x = atanh ρ. Itô's formula with x'(ρ) = 1/(1−ρ²) and
 * x''(ρ) = 2ρ/(1−ρ²)² gives unit diffusion:
 *
 *   dx = β(x) dt + dW,   β(x) = μ/(1−ρ²) + ½·x''·σ² = ν(ρ)/(1−ρ²) − ρ/2 + ρ
 *                             = ν(tanh x) cosh² x + tanh(x)/2.                              (3)
 *
 * With ρ = cos θ, θ = arccos ρ = 2 atan(e^{−x}) and √(1−ρ²) = sech x, so
 * ν = κ g(θ) with g(θ) = sin θ − θ cos θ ≥ 0, and β(x) = κ g(θ) cosh² x + tanh(x)/2.
 * Behaviour at the ends (this is why both boundaries are "natural" or "entrance"):
 *   x → +∞ (ρ → 1): g ≈ θ³/3, θ ≈ 2e^{−x}, so β → 1/2 + (2κ/3) e^{−x}: ρ → 1 but never reaches it;
 *                    ρ ≡ 1 is a fixed point (ν(1) = 0, σ(1) = 0).
 *   x → −∞ (ρ → −1): ν(−1) = κπ = (c₊−c₋)²/2, so β ≈ (κπ/4) e^{−2|x|} − 1/2: for c₊ ≠ c₋ an
 *                    exponentially strong push inwards (ρ = −1 is an entrance point); for c₊ = c₋,
 *                    β → −1/2 and ρ ≡ −1 is a fixed point.
 */

/** κ = (c₊ − c₋)²/(2π), the strength of the shaping drift (2). */
export function shapingStrength(cp: number, cm: number): number {
  const d = cp - cm;
  return (d * d) / (2 * Math.PI);
}

/**
 * g(θ)/θ² = (sin θ − θ cos θ)/θ², exact in f64 for all θ ∈ [0, π]. The series
 * g(θ) = Σ_{m≥1} (−1)^{m+1} 2m θ^{2m+1}/(2m+1)! avoids the cancellation of sin θ − θ cos θ ≈ θ³/3
 * for small θ (ρ near 1); for θ ≥ 1 the direct form loses at most a factor 3.
 */
export function gOverThetaSquared(theta: number): number {
  if (theta >= 1) return (Math.sin(theta) - theta * Math.cos(theta)) / (theta * theta);
  const t2 = theta * theta;
  // term_m = (−1)^{m+1} 2m θ^{2m−1}/(2m+1)!  (g/θ² = Σ term_m)
  let fact = 6; // (2m+1)! for m = 1
  let pow = theta; // θ^{2m−1}
  let sum = 0;
  for (let m = 1; m < 20; m++) {
    const term = ((m % 2 === 1 ? 2 : -2) * m * pow) / fact;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    pow *= t2;
    fact *= (2 * m + 2) * (2 * m + 3);
  }
  return sum;
}

/** ν(ρ) of (2), exact for ρ ∈ [−1, 1] (ν(1) = 0, ν(−1) = κπ). */
export function shapingDrift(rho: number, kappa: number): number {
  if (kappa === 0) return 0;
  const theta = Math.acos(Math.max(-1, Math.min(1, rho)));
  return kappa * theta * theta * gOverThetaSquared(theta);
}

/** μ(ρ) = ν(ρ) − ρ(1−ρ²)/2, the drift of (1). */
export function correlationDrift(rho: number, kappa: number): number {
  return shapingDrift(rho, kappa) - 0.5 * rho * (1 - rho * rho);
}

/** σ(ρ) = 1 − ρ², the diffusion coefficient of (1). */
export function correlationDiffusion(rho: number): number {
  return 1 - rho * rho;
}

/** θ = arccos(tanh x) = 2 atan(e^{−x}), accurate for all x (no rounding of tanh x to ±1). */
export function angleOfAtanh(x: number): number {
  return 2 * Math.atan(Math.exp(-x));
}

/**
 * β(x) of (3): the drift of x = atanh ρ, finite for every finite x (it overflows to +∞ only for
 * x < −355 when κ > 0, where the true drift is beyond f64 anyway).
 * For x ≥ 0 it is evaluated as κ (θ cosh x)² g(θ)/θ² + tanh(x)/2, where θ cosh x = atan(u)(1+u²)/u
 * with u = e^{−x} → 1 stays O(1), so the form is exact out to x = ∞ (β(∞) = 1/2).
 */
export function atanhDrift(x: number, kappa: number): number {
  const half = 0.5 * Math.tanh(x);
  if (kappa === 0) return half;
  if (x >= 0) {
    const u = Math.exp(-x);
    const thetaCosh = u < 1e-150 ? 1 : (Math.atan(u) * (1 + u * u)) / u;
    const theta = 2 * Math.atan(u);
    return kappa * thetaCosh * thetaCosh * gOverThetaSquared(theta) + half;
  }
  const theta = angleOfAtanh(x);
  const c = Math.cosh(x);
  return kappa * theta * theta * gOverThetaSquared(theta) * c * c + half;
}

/**
 * β'(x) and β''(x), for the short-time moment closure. With N(x) = ν(tanh x) cosh² x,
 * ν'(ρ) = −κ arccos ρ, dρ/dx = sech² x and dθ/dx = −sech x:
 *   N' = −κθ + 2 tanh(x) N,   β' = N' + sech²(x)/2,
 *   β'' = κ sech x + 2 sech²(x) N + 2 tanh(x) N' − tanh(x) sech²(x).
 */
export function atanhDriftDerivatives(x: number, kappa: number): { d1: number; d2: number } {
  const th = Math.tanh(x);
  const sech = 1 / Math.cosh(x);
  const sech2 = sech * sech;
  const N = atanhDrift(x, kappa) - 0.5 * th;
  const theta = angleOfAtanh(x);
  const dN = -kappa * theta + 2 * th * N;
  return {
    d1: dN + 0.5 * sech2,
    d2: kappa * sech + 2 * sech2 * N + 2 * th * dN - th * sech2,
  };
}
