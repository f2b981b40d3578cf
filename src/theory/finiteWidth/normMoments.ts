/**
 * Exact finite-width laws of the squared length Q_L = (1/n)|z^L|² of an MLP with iid Gaussian
 * weights, a piecewise-linear φ(x) = s₊ max(x, 0) + s₋ min(x, 0) (identity, relu, leaky, abs) and
 * σb = 0 (DESIGN.md §1 conventions: L counts weight matrices, layer 1 is z¹ = σw W¹x/√d).
 *
 * Derivation (the Gram–Markov chain of DESIGN.md §3, one input): G¹ = σw² q is deterministic;
 * given layer l the entries of z^l are iid N(0, G^l), so with ξ_i = z_i/√G^l iid N(0, 1),
 *   Q_l = G^l χ²_n/n,     G^{l+1} = σw² (1/n) Σ_i φ(z_i)² = G^l R_l,
 *   R_l = (σw²/n) (s₊² χ²_K + s₋² χ²_{n−K}),   K ~ Bin(n, 1/2) positive units,
 * χ²_K and χ²_{n−K} independent given K (the sign and the modulus of a centred Gaussian are
 * independent), and R_1, …, R_{L−1}, the last χ²_n all independent. Hence
 *   Q_L = G¹ · R_1 ⋯ R_{L−1} · χ²_n/n,
 *   E[Q_L²]/E[Q_L]² = (1 + 2/n) · (1 + c/n)^{L−1},   c = [5(s₊⁴ + s₋⁴) − 2 s₊² s₋²]/(s₊² + s₋²)²,
 * from E χ²_K = K, E (χ²_K)² = K² + 2K, E K = n/2, E K² = n/4 + n²/4:
 *   E R/σw² = (s₊² + s₋²)/2,  E R²/σw⁴ = (s₊² + s₋²)²/4 + [5(s₊⁴ + s₋⁴) − 2 s₊² s₋²]/(4n).
 * Linear (s₊ = s₋): c = 2, the ratio is (1 + 2/n)^L; ReLU: c = 5, (1 + 2/n)(1 + 5/n)^{L−1}
 * (cf. Hanin & Rolnick 2018, "How to start training: the effect of initialization and
 * architecture", NeurIPS: the exp(5 Σ_j 1/n_j) growth of the fluctuations of the squared length for
 * ReLU; Hanin & Nica 2020, "Products of many large random matrices and gradients in deep neural
 * networks", Comm. Math. Phys.: log Q_L is asymptotically normal with variance ∝ L/n).
 * The ratio does not depend on σw² or q.
 *
 * Exact log-moments (log Q_L is a sum of independent terms): with E log χ²_m = ψ(m/2) + log 2 and
 * Var log χ²_m = ψ'(m/2) (special.ts),
 *   linear/abs (s₋² = s₊²): log R = log(σw² s₊²/n) + log χ²_n;
 *   relu-type (s₋ = 0):     log R = log(σw² s₊²/n) + log χ²_K, mixed over K ~ Bin(n, 1/2) conditioned
 *     on K ≥ 1 (K = 0 kills the network: Q = 0 from then on; the survival probability is
 *     (1 − 2^{−n})^{L−1}), so E[log R | K ≥ 1] = Σ_k p_k (ψ(k/2) + log 2)/(1 − 2^{−n}) + log(σw² s₊²/n)
 *     and Var = E_K ψ'(K/2) + Var_K ψ(K/2) (law of total variance), both given K ≥ 1.
 * Other leaky slopes mix two chi-squares with different weights: only the second moment is exact.
 */
import type { Activation } from '../../core/activations.ts';
import { chiSquareLogMean, chiSquareLogVar, digamma, trigamma } from './special.ts';

export type ChainFamily = 'linear' | 'relu' | 'leaky';

/** The homogeneous chain of a piecewise-linear φ at σb = 0, or why there is none. */
export type HomogeneousChain =
  | { readonly ok: true; readonly family: ChainFamily; readonly sp: number; readonly sm: number }
  | { readonly ok: false; readonly reason: string };

export function homogeneousChain(act: Activation, sb2: number): HomogeneousChain {
  if (!act.piecewiseLinear) return { ok: false, reason: `${act.id} is not piecewise linear: the squared length has no product law (use the O(1/n) kernel correction)` };
  if (sb2 !== 0) return { ok: false, reason: `σb² = ${sb2} > 0: the bias breaks the product structure G^{l+1} = G^l R_l (exact formulas need σb² = 0)` };
  const { sp, sm } = act.piecewiseLinear;
  const family: ChainFamily = sp * sp === sm * sm ? 'linear' : sm === 0 ? 'relu' : 'leaky';
  return { ok: true, family, sp, sm };
}

/** c of E R²/(E R)² = 1 + c/n (the per-hidden-layer growth of the second moment). */
export function secondMomentRate(sp: number, sm: number): number {
  const p2 = sp * sp;
  const m2 = sm * sm;
  return (5 * (p2 * p2 + m2 * m2) - 2 * p2 * m2) / ((p2 + m2) * (p2 + m2));
}

/** E[Q_L²]/E[Q_L]² = (1 + 2/n)(1 + c/n)^{L−1}, exact (file comment). */
export function secondMomentRatio(sp: number, sm: number, n: number, L: number): number {
  return (1 + 2 / n) * Math.pow(1 + secondMomentRate(sp, sm) / n, L - 1);
}

/** E Q_L = σw² q · (σw² (s₊² + s₋²)/2)^{L−1}. */
export function meanSquaredLength(sp: number, sm: number, sw2: number, q: number, L: number): number {
  return sw2 * q * Math.pow((sw2 * (sp * sp + sm * sm)) / 2, L - 1);
}

/**
 * Binomial(n, 1/2) probabilities p_0..p_n: ratios p_{k±1}/p_k outward from the mode, then one
 * normalisation (a running sum of log ratios would drift by ~k·ε; here the error of p_k grows only
 * with |k − mode|, where the mass is negligible). Underflows to 0 beyond 1e−300 of the mode.
 */
export function halfBinomial(n: number): Float64Array {
  const p = new Float64Array(n + 1);
  const mode = Math.floor(n / 2);
  p[mode] = 1;
  for (let k = mode; k < n && p[k] > 1e-300; k++) p[k + 1] = (p[k] * (n - k)) / (k + 1);
  for (let k = mode; k > 0 && p[k] > 1e-300; k--) p[k - 1] = (p[k] * k) / (n - k + 1);
  let sum = 0;
  for (let k = 0; k <= n; k++) sum += p[k];
  for (let k = 0; k <= n; k++) p[k] /= sum;
  return p;
}

/** Mean and variance of log χ²_K, K ~ Bin(n, 1/2) given K ≥ 1 (two passes: no cancellation). */
export function survivingChiSquareLogMoments(n: number): { mean: number; var: number } {
  const p = halfBinomial(n);
  const alive = -Math.expm1(-n * Math.LN2); // 1 − 2^{−n}
  let mean = 0;
  for (let k = 1; k <= n; k++) if (p[k] > 0) mean += p[k] * (digamma(k / 2) + Math.LN2);
  mean /= alive;
  let v = 0;
  for (let k = 1; k <= n; k++) {
    if (p[k] === 0) continue;
    const d = digamma(k / 2) + Math.LN2 - mean;
    v += p[k] * (trigamma(k / 2) + d * d);
  }
  return { mean, var: v / alive };
}

export interface LogMomentsExact {
  /** E[log Q_L | alive] and Var[log Q_L | alive]. */
  readonly mean: number;
  readonly var: number;
  /** P(the network is alive at layer L) = (1 − 2^{−n})^{L−1} for relu-type, 1 for linear. */
  readonly survival: number;
}

/** Exact E and Var of log Q_L (file comment), for the linear and relu-type chains. */
export function exactLogMoments(chain: { family: ChainFamily; sp: number; sm: number }, sw2: number, q: number, n: number, L: number): LogMomentsExact | undefined {
  if (chain.family === 'leaky') return undefined;
  const hidden =
    chain.family === 'linear'
      ? { mean: chiSquareLogMean(n), var: chiSquareLogVar(n), survival: 1 }
      : { ...survivingChiSquareLogMoments(n), survival: -Math.expm1(-n * Math.LN2) };
  const scale = Math.log((sw2 * chain.sp * chain.sp) / n);
  const last = { mean: chiSquareLogMean(n) - Math.log(n), var: chiSquareLogVar(n) };
  return {
    mean: Math.log(sw2 * q) + (L - 1) * (scale + hidden.mean) + last.mean,
    var: (L - 1) * hidden.var + last.var,
    survival: Math.pow(hidden.survival, L - 1),
  };
}

export interface LogNormalApproximation {
  /** log Q_L ≈ N(μ, σ²) matching E Q_L and E Q_L² exactly: σ² = log(E Q²/(E Q)²), μ = log E Q − σ²/2. */
  readonly mu: number;
  readonly sigma2: number;
  /** The leading order σ² ≈ (2 + c(L − 1))/n: linear in L/n (c = 2 linear, 5 relu). */
  readonly sigma2Leading: number;
}

export function logNormalApproximation(chain: { sp: number; sm: number }, sw2: number, q: number, n: number, L: number): LogNormalApproximation {
  const sigma2 = Math.log1p(2 / n) + (L - 1) * Math.log1p(secondMomentRate(chain.sp, chain.sm) / n);
  const mean = meanSquaredLength(chain.sp, chain.sm, sw2, q, L);
  return { mu: Math.log(mean) - sigma2 / 2, sigma2, sigma2Leading: (2 + secondMomentRate(chain.sp, chain.sm) * (L - 1)) / n };
}
