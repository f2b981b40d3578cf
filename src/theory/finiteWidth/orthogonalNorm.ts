/**
 * Exact law of the squared length Q_L = |z^L|²/n of a deep linear MLP (|φ(x)| = s|x|: identity,
 * abs, any equal-slope φ), σb = 0, with Haar-orthogonal weights as the backends draw them
 * (backends/cpu/weightRows.ts haarLayer: W = √m Q[:, :n_in] or its transpose, m = max(n_out, n_in),
 * so entries have variance 1), layer 1 of size n × d (d = INPUT_DIMENSION, inputs with |x|² = d q).
 *
 * Layer 1: z¹ = σw W¹x/√d. If n < d, W¹ has orthonormal rows scaled by √d, so z¹ = σw Pᵀx with P
 * the d × n Haar frame and |z¹|² = σw² |x|² B, B = |Pᵀx|²/|x|² the squared length of a fixed unit
 * vector projected on a uniformly random n-dimensional subspace: B ~ Beta(n/2, (d − n)/2). If
 * n ≥ d, W¹ has orthonormal columns scaled by √n and |z¹|² = σw² (n/d)|x|² exactly (B ≡ n/d).
 * Layers 2…L: W = √n Q with Q ∈ O(n), so |z^{l+1}|² = σw² s² |z^l|² exactly — no new randomness.
 * Hence
 *   Q_L = σw² q (σw² s²)^{L−1} · (d/n) B,        E Q_L = σw² q (σw² s²)^{L−1}  (the NNGP value),
 *   E Q_L²/(E Q_L)² = E B²/(E B)² = (1 + 2/n)/(1 + 2/d),
 *   E log Q_L = log(σw² q) + (L − 1) log(σw² s²) + log(d/n) + ψ(n/2) − ψ(d/2),
 *   Var log Q_L = ψ'(n/2) − ψ'(d/2)                 — independent of the depth L,
 * against (1 + 2/n)^L and L·ψ'(n/2) for Gaussian layers (normMoments.ts): orthogonal layers do not
 * accumulate fluctuations (Saxe et al. 2014, "Exact solutions to the nonlinear dynamics of learning
 * in deep linear networks"; Pennington et al. 2017, "Resurrecting the sigmoid", on dynamical
 * isometry). Beta moments: E B = a/(a+b), E B² = a(a+1)/((a+b)(a+b+1)), E log B = ψ(a) − ψ(a+b),
 * Var log B = ψ'(a) − ψ'(a+b).
 */
import { digamma, trigamma } from './special.ts';

export interface OrthogonalNormLaw {
  readonly meanQ: number;
  /** E Q_L²/(E Q_L)². */
  readonly secondMomentRatio: number;
  readonly logMean: number;
  readonly logVar: number;
}

/** The law above for width n, input dimension d, depth L, slope s (|φ(x)| = s|x|), σw², q = |x|²/d. */
export function orthogonalLinearNormLaw(n: number, d: number, L: number, s: number, sw2: number, q: number): OrthogonalNormLaw {
  const meanQ = sw2 * q * Math.pow(sw2 * s * s, L - 1);
  const gain = Math.log(sw2 * q) + (L - 1) * Math.log(sw2 * s * s);
  if (n >= d) return { meanQ, secondMomentRatio: 1, logMean: gain, logVar: 0 };
  return {
    meanQ,
    secondMomentRatio: (1 + 2 / n) / (1 + 2 / d),
    logMean: gain + Math.log(d / n) + digamma(n / 2) - digamma(d / 2),
    logVar: trigamma(n / 2) - trigamma(d / 2),
  };
}
