/**
 * Paths of the shaped Transformer block's covariance SDE (docs/shaped-transformer.md §3, (B3)):
 *
 *   dV = [ b(V) + γ₂² b_mlp(V) ] dt + [ Σ(V) + 2γ₂² Σ_lin(V) ]^{1/2} dB,
 *   b_mlp(V)_αβ = ν(ρ_αβ) √(V_αα V_ββ),  ν(ρ) = (c₊ − c₋)²/(2π) (√(1 − ρ²) − ρ arccos ρ),
 *
 * with b, Σ of the attention sublayer ((S2), (S3) at γ = γ₁). One step of size h is the two
 * sublayers in turn (a Lie splitting, weak order 1 like each factor):
 *   1. attention: shapedattn's factored step (archs/attention/sde.ts `factoredStep`, γ₁², τ₀):
 *      E[ΔV] = b(V) h, Cov[ΔV] = Σ(V) h, V stays PSD;
 *   2. MLP: F ← F (a₂ I + γ₂ √h Ξ₂), a₂² = 1 − m γ₂² h — mean-preserving, covariance 2γ₂² Σ_lin h
 *      (the inner factor of §4.3 with b² = γ₂²); then V ← F Fᵀ + γ₂² b_mlp(V) h with b_mlp at the
 *      V before this sublayer, and F ← a Cholesky factor of V (core/linalg.ts psdCholesky).
 * Step 2's drift needs no V⁻¹: b_mlp is added to V, not to F. It pushes a singular V (the lab's
 * rank-2 start for m ≥ 3) into the interior: for Vw = 0, wᵀ b_mlp w ≥ 0 (the limit of
 * wᵀ c E[φ_s(h)φ_s(h)ᵀ] w ≥ 0), so V stays PSD up to rounding (psdCholesky drops pivots below its
 * tolerance).
 *
 * As for shaped attention (§4.4) the attention drift is cubic and a few paths explode: every path is
 * stopped when max_a V_aa first reaches R (checked every double step) and ρ is read at min(T, τ_R).
 * Step-size check: each path also runs at 2h on the same Brownian path (increments (Ξ₁ + Ξ₂)/√2).
 * Both are the shared path driver's (archs/attention/paths.ts), as for shaped attention.
 *
 * Philox keys: domain sdeNoise, net = path, layer = fine step, rows 0 (Ξ), 1 (Ξ') as shapedattn's
 * SDE, row 2 (Ξ₂, the MLP noise).
 */
import { psdCholesky } from '../../core/linalg.ts';
import { shapingDrift, shapingStrength } from '../../theory/covarianceSde/coefficients.ts';
import { factoredStep } from '../attention/sde.ts';
import { simulateTokenPaths, type TokenPathParams, type TokenPathResult } from '../attention/paths.ts';

export interface BlockSdeParams extends TokenPathParams {
  /** γ₁² (attention sublayer), τ₀, γ₂² (MLP sublayer), c±. */
  readonly gamma2: number;
  readonly tau0: number;
  readonly gamma2m: number;
  readonly cp: number;
  readonly cm: number;
}

export type BlockSdeResult = TokenPathResult;

/** Work arrays of `blockStep`. */
function blockWork(m: number): Float64Array[] {
  return Array.from({ length: 9 }, () => new Float64Array(m * m));
}

/** γ₂² b_mlp(V)_αβ = γ₂² ν(ρ_αβ) √(V_αα V_ββ) (zero on the diagonal: ν(1) = 0), into D. */
export function mlpDrift(V: Float64Array, m: number, gamma2m: number, kappa: number, D: Float64Array): Float64Array {
  for (let a = 0; a < m; a++) {
    D[a * m + a] = 0;
    for (let b = a + 1; b < m; b++) {
      const s = Math.sqrt(V[a * m + a] * V[b * m + b]);
      const v = s > 0 ? gamma2m * shapingDrift(V[a * m + b] / s, kappa) * s : 0;
      D[a * m + b] = v;
      D[b * m + a] = v;
    }
  }
  return D;
}

/** One block step of size h from F (in place): attention factored step, then the MLP sublayer. */
export function blockStep(F: Float64Array, p: Pick<BlockSdeParams, 'm' | 'gamma2' | 'tau0' | 'gamma2m'>, kappa: number, h: number, xi: Float64Array, xiP: Float64Array, xi2: Float64Array, w: Float64Array[]): void {
  const { m, gamma2m } = p;
  const mm = m * m;
  factoredStep(F, m, p.gamma2, p.tau0, h, xi, xiP, w);
  const [V, D, N, G] = w.slice(5);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += F[i * m + q] * F[j * m + q];
    V[i * m + j] = s;
  }
  mlpDrift(V, m, gamma2m, kappa, D);
  const b = Math.sqrt(gamma2m);
  const a = Math.sqrt(1 - m * gamma2m * h);
  const sq = Math.sqrt(h);
  for (let e = 0; e < mm; e++) N[e] = b * sq * xi2[e];
  for (let i = 0; i < m; i++) N[i * m + i] += a;
  // G = F N, V = G Gᵀ + D h.
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += F[i * m + q] * N[q * m + j];
    G[i * m + j] = s;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += G[i * m + q] * G[j * m + q];
    V[i * m + j] = s + D[i * m + j] * h;
  }
  psdCholesky(V, m, F);
}

/** Paths of the block SDE (the driver, stopping, the 2dt check and the records: attention/paths.ts). */
export function simulateBlockSde(params: BlockSdeParams): BlockSdeResult {
  if (!(params.m * params.gamma2m * 2 * params.dt < 1)) throw new RangeError(`dt = ${params.dt} is too large for the MLP noise factor: need 2·m·γ₂²·dt < 1`);
  const kappa = shapingStrength(params.cp, params.cm);
  const work = blockWork(params.m);
  return simulateTokenPaths(params, 3, (F, h, [xi, xiP, xi2]) => blockStep(F, params, kappa, h, xi, xiP, xi2, work));
}
