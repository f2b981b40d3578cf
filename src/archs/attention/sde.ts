/**
 * Paths of the limiting covariance SDE of shaped attention ((S1)–(S3), coefficients.ts) by the
 * factored scheme of docs/shaped-transformer.md §4.3, which keeps V = F Fᵀ positive semi-definite
 * (plain Euler–Maruyama leaves the PSD cone near the lab's rank-2 start and diverges):
 *
 *   S = F Ξ' Fᵀ,   E = (γ²/(m τ₀)) √dt · S H,
 *   K = ½ c₁ I + (γ²/(m τ₀²)) d uᵀ,   c₁ = (γ² − γ⁴) tr(VHVH)/(m² τ₀²),
 *   F' = (I + E + K dt) F (a I + b √dt Ξ),   b = √(γ²(2 − γ²)/2),   a² = 1 − m b² dt,
 *
 * with Ξ, Ξ' m×m iid N(0, 1). Then E[V' − V] = b(V) dt + O(dt²) and Cov[V' − V] = Σ(V) dt + O(dt²):
 * the inner factor gives the value-weight noise γ²(2 − γ²)Σ_lin (a² + m b² dt = 1 keeps the mean),
 * E V + V Eᵀ the attention noise (S4), E V Eᵀ adds γ⁴ tr(VHVH) V/(m²τ₀²) dt to the mean (hence
 * γ² − γ⁴ in c₁), K V + V Kᵀ the rest of b(V). Weak order 1.
 *
 * Stopping (§4.4): the drift is cubic in the scale of V, and a small fraction of paths explodes in
 * finite time (the paper's convergence is local, up to the exit from compact sets). Every path is
 * therefore stopped when max_a V_aa first reaches R, and ρ is read at min(T, τ_R) — the finite
 * networks are stopped the same way (runner.ts). Stopping, the step-size check (each path also at 2dt
 * on the same Brownian path) and the records are the shared path driver's (paths.ts).
 *
 * Philox keys: domain sdeNoise, net = path, layer = fine step, row 0 (Ξ) and 1 (Ξ'), col = entry.
 */
import { simulateTokenPaths, type TokenPathParams, type TokenPathResult } from './paths.ts';

export interface TokenSdeParams extends TokenPathParams {
  readonly gamma2: number;
  readonly tau0: number;
}

export type TokenSdeResult = TokenPathResult;

/**
 * One factored step F ← (I + E + K h) F (a I + b √h Ξ) with the given Ξ, Ξ' (in place); `w` is six
 * m×m work arrays. Exported for the shaped Transformer block's SDE (archs/shapedtx/sde.ts).
 */
export function factoredStep(F: Float64Array, m: number, g2: number, tau0: number, h: number, xi: Float64Array, xiP: Float64Array, w: Float64Array[]): void {
  const [V, S, T1, T2, M] = w;
  const mm = m * m;
  const sq = Math.sqrt(h);
  // V = F Fᵀ
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * F[j * m + p];
    V[i * m + j] = s;
  }
  // S = F Ξ' Fᵀ
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * xiP[p * m + j];
    T1[i * m + j] = s;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += T1[i * m + p] * F[j * m + p];
    S[i * m + j] = s;
  }
  // S H: subtract row means.
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < m; j++) r += S[i * m + j];
    r /= m;
    for (let j = 0; j < m; j++) S[i * m + j] -= r;
  }
  // u of (S2) and tr(VHVH) = Σ_ab V_ab² − (2/m) Σ_a r_a² + (Σ_ab V_ab)²/m², r_a = Σ_b V_ab
  // (coefficients.ts has the same quantities written out; allocation-free here: the hot loop).
  const u = w[5];
  let all = 0, tr = 0, sq2 = 0, rr = 0;
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < m; j++) {
      const x = V[i * m + j];
      r += x;
      sq2 += x * x;
    }
    u[i] = r; // row sum, for now
    rr += r * r;
    all += r;
    tr += V[i * m + i];
  }
  for (let i = 0; i < m; i++) u[i] = V[i * m + i] / 2 - u[i] / m + all / (m * m) - tr / (2 * m);
  const trVHVH = sq2 - (2 / m) * rr + (all * all) / (m * m);
  const c1 = ((g2 - g2 * g2) * trVHVH) / (m * m * tau0 * tau0);
  const eScale = (g2 / (m * tau0)) * sq;
  const kScale = g2 / (m * tau0 * tau0);
  // M = I + E + K h
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    M[i * m + j] = (i === j ? 1 + 0.5 * c1 * h : 0) + eScale * S[i * m + j] + kScale * h * V[i * m + i] * u[j];
  }
  // Inner factor N = a I + b √h Ξ (into T1), then F' = M F N.
  const b = Math.sqrt((g2 * (2 - g2)) / 2);
  const a = Math.sqrt(1 - m * b * b * h);
  for (let e = 0; e < mm; e++) T1[e] = b * sq * xi[e];
  for (let i = 0; i < m; i++) T1[i * m + i] += a;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * T1[p * m + j];
    T2[i * m + j] = s;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += M[i * m + p] * T2[p * m + j];
    F[i * m + j] = s;
  }
}

/** Paths of the shaped-attention SDE (the driver and its records: paths.ts). */
export function simulateTokenSde(params: TokenSdeParams): TokenSdeResult {
  const { m, gamma2, tau0 } = params;
  const work = Array.from({ length: 6 }, () => new Float64Array(m * m));
  return simulateTokenPaths(params, 2, (F, h, [xi, xiP]) => factoredStep(F, m, gamma2, tau0, h, xi, xiP, work));
}

/** ΔV = F'F'ᵀ − FFᵀ of one factored step from F with the given Ξ, Ξ' (for tests of the scheme). */
export function factoredStepForTest(F0: Float64Array, m: number, gamma2: number, tau0: number, h: number, xi: Float64Array, xiP: Float64Array): Float64Array {
  const F = Float64Array.from(F0);
  factoredStep(F, m, gamma2, tau0, h, xi, xiP, Array.from({ length: 6 }, () => new Float64Array(m * m)));
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += F[i * m + p] * F[j * m + p] - F0[i * m + p] * F0[j * m + p];
    out[i * m + j] = s;
  }
  return out;
}
