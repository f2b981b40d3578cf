/**
 * Drift and diffusion of the limiting covariance SDE of shaped attention (docs/shaped-transformer.md
 * §4.1, (S1)–(S3)), t = l/n:
 *
 *   dV = b(V) dt + Σ(V)^{1/2} dB,   V(0) = K_in,
 *   b(V) = (γ²/τ₀²) [ tr(VHVH) V/m² + (d (Vu)ᵀ + (Vu) dᵀ)/m ],      H = I − 11ᵀ/m,
 *     d_α = V_αα,  u_β = V_ββ/2 − (1/m)Σ_γ V_βγ + (1/m²)Σ_γδ V_γδ − tr V/(2m),
 *   Σ(V) = γ²(2 − γ²) Σ_lin(V) + (γ⁴/τ₀²) Σ_att(V),
 *     Σ_lin_{αβ,γδ} = V_αγ V_βδ + V_αδ V_βγ,
 *     Σ_att_{αβ,γδ} = (1/m²)[V_αγ K_βδ + V_αδ K_βγ + V_βγ K_αδ + V_βδ K_αγ],  K = V H V H V.
 *
 * The drift is the mean of the second-order Taylor term of the centred Softmax (O(1/n) per layer),
 * the diffusion the covariance of the value weights' Wishart fluctuation (Σ_lin) and of the first-
 * order logit term (Σ_att). These closed forms are what the simulator (sde.ts) must reproduce in
 * mean and covariance per step; the tests check them against the independent fixture.
 */

export interface SdeConstants {
  readonly m: number;
  readonly gamma2: number;
  readonly tau0: number;
}

/** H V H for the centring H = I − 11ᵀ/m (row-major m×m). */
export function centred(V: ArrayLike<number>, m: number): Float64Array {
  const row = new Float64Array(m);
  const col = new Float64Array(m);
  let all = 0;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      row[a] += V[a * m + b] / m;
      col[b] += V[a * m + b] / m;
      all += V[a * m + b] / (m * m);
    }
  }
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) out[a * m + b] = V[a * m + b] - row[a] - col[b] + all;
  return out;
}

function matmul(A: ArrayLike<number>, B: ArrayLike<number>, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < m; p++) s += A[i * m + p] * B[p * m + j];
    out[i * m + j] = s;
  }
  return out;
}

/** tr(V H V H) = Σ_ab (HVH)_ab V_ba. */
export function traceVHVH(V: ArrayLike<number>, m: number): number {
  const C = centred(V, m);
  let s = 0;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s += C[a * m + b] * V[b * m + a];
  return s;
}

/** The vector u of (S2) (Σ_β u_β = 0). */
export function driftVectorU(V: ArrayLike<number>, m: number): Float64Array {
  let all = 0;
  let tr = 0;
  for (let a = 0; a < m; a++) {
    tr += V[a * m + a];
    for (let b = 0; b < m; b++) all += V[a * m + b];
  }
  const u = new Float64Array(m);
  for (let b = 0; b < m; b++) {
    let rowSum = 0;
    for (let g = 0; g < m; g++) rowSum += V[b * m + g];
    u[b] = V[b * m + b] / 2 - rowSum / m + all / (m * m) - tr / (2 * m);
  }
  return u;
}

/** b(V) of (S2), row-major m×m. */
export function shapedAttentionDrift(V: ArrayLike<number>, c: SdeConstants): Float64Array {
  const { m } = c;
  const k = c.gamma2 / (c.tau0 * c.tau0);
  const t = traceVHVH(V, m);
  const u = driftVectorU(V, m);
  const Vu = new Float64Array(m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) Vu[a] += V[a * m + b] * u[b];
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
    out[a * m + b] = k * ((t * V[a * m + b]) / (m * m) + (V[a * m + a] * Vu[b] + Vu[a] * V[b * m + b]) / m);
  }
  return out;
}

/**
 * Σ(V) of (S3) between entries (α, β) and (γ, δ): Cov(dV_αβ, dV_γδ)/dt.
 */
export function shapedAttentionDiffusion(V: ArrayLike<number>, c: SdeConstants, al: number, be: number, ga: number, de: number): number {
  const { m } = c;
  const g2 = c.gamma2;
  const v = (i: number, j: number) => V[i * m + j];
  const K = matmul(matmul(V, centred(V, m), m), V, m); // V (HVH) V = V H V H V
  const k = (i: number, j: number) => K[i * m + j];
  const lin = v(al, ga) * v(be, de) + v(al, de) * v(be, ga);
  const att = (v(al, ga) * k(be, de) + v(al, de) * k(be, ga) + v(be, ga) * k(al, de) + v(be, de) * k(al, ga)) / (m * m);
  return g2 * (2 - g2) * lin + ((g2 * g2) / (c.tau0 * c.tau0)) * att;
}
