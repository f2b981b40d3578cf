/**
 * Digamma ψ(x) = Γ'(x)/Γ(x) and trigamma ψ'(x) in f64, for x > 0: the exact log-moments of a
 * chi-square variable, E log χ²_m = ψ(m/2) + log 2 and Var log χ²_m = ψ'(m/2) (normMoments.ts).
 *
 * Method: the recurrences ψ(x) = ψ(x + 1) − 1/x and ψ'(x) = ψ'(x + 1) + 1/x² (DLMF 5.5.2, 5.15.5)
 * lift x to ≥ 10, then the asymptotic series (DLMF 5.11.2, 5.15.8)
 *   ψ(x)  ~ ln x − 1/(2x) − Σ_k B_{2k}/(2k x^{2k}),
 *   ψ'(x) ~ 1/x + 1/(2x²) + Σ_k B_{2k}/x^{2k+1},
 * truncated after B₁₄ (B₁₆ = −3617/510): the first omitted term is < 7.1/(16·10¹⁶) ≈ 4e−17 of ψ at
 * x = 10 and < 7.1e−17 of ψ' — below the rounding of the sums. Measured against scipy.special
 * (tools/fixtures/finite_width.json): ψ' ≤ 6e−16 relative everywhere; ψ ≤ 2e−16 relative for
 * x ≥ 10 and ≤ 1e−15 absolute below (the recurrence subtracts Σ 1/(x + j) ≈ 3 from ln(x + m):
 * a few ulp of 3, i.e. ≤ 2e−15 relative away from the root x₀ ≈ 1.4616 of ψ). The log-moments
 * that use them are compared with Monte Carlo at ≥ 1e−4: ample.
 */

/** B_{2k} for k = 1..7. */
const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6];

const LIFT = 10;

export function digamma(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  let shift = 0;
  // Sum 1/x + 1/(x+1) + … from the largest term down is no better: the terms are all positive.
  while (x < LIFT) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  let series = 0;
  let pow = inv2;
  for (let k = 1; k <= BERNOULLI.length; k++) {
    series += BERNOULLI[k - 1] / (2 * k) * pow;
    pow *= inv2;
  }
  return Math.log(x) - 0.5 / x - series - shift;
}

export function trigamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  let shift = 0;
  while (x < LIFT) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = 0;
  let pow = inv2 * inv; // x^{−3}
  for (let k = 1; k <= BERNOULLI.length; k++) {
    series += BERNOULLI[k - 1] * pow;
    pow *= inv2;
  }
  return inv + 0.5 * inv2 + series + shift;
}

/** E log χ²_m = ψ(m/2) + log 2 (m > 0 degrees of freedom). */
export function chiSquareLogMean(m: number): number {
  return digamma(m / 2) + Math.LN2;
}

/** Var log χ²_m = ψ'(m/2). */
export function chiSquareLogVar(m: number): number {
  return trigamma(m / 2);
}
