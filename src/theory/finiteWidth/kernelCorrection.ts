/**
 * The O(1/n) finite-width correction to the kernel of an MLP with iid Gaussian weights (any φ with
 * φ''…φ'''' or piecewise linear), by a second-order delta method on the Gram–Markov chain
 * (DESIGN.md §3): G¹ = σw² X + σb² is deterministic; given layer l the rows of z^l are iid
 * N(0, G^l) and G^{l+1} = σw² Φ^l + σb², Φ^l = (1/n) Σ_i φ(z_i)φ(z_i)ᵀ, with
 *   E[Φ^l | G^l] = F(G^l),   Cov(Φ^l | G^l) = S4(G^l)/n   (gaussianMoments.ts).
 * Write E G^l = K^l + d_l/n and Cov G^l = v_l/n (both O(1/n) because G¹ is exact). Expanding
 * F(G) to second order about K^l (E F(G) = F(K) + J(E G − K) + ½ H : Cov G + O(n^{−2})):
 *   d_{l+1} = σw² [J_l d_l + ½ (H_{l,i} : v_l)_i],          d_1 = 0,
 *   v_{l+1} = σw⁴ [J_l v_l J_lᵀ + S4(K^l)],                   v_1 = 0,
 * (the law of total covariance: Cov E[Φ|G] ≈ J v Jᵀ/n, E Cov(Φ|G) ≈ S4/n). This is the NLO metric
 * and four-point vertex recursion of Roberts, Yaida & Hanin 2022 ("The Principles of Deep Learning
 * Theory", ch. 4: the four-point vertex V/n = Cov G, the NLO metric G^{{1}} = d) for k inputs;
 * kernelCorrection.test.ts checks the single-input case against their form written with Hermite
 * weights instead of φ's derivatives. The observed K̂^l = (1/n)Σ z zᵀ then has
 *   E K̂^l = K^l + d_l/n + O(n^{−2}),   Cov K̂^l = [v_l + I(K^l)]/n + O(n^{−2}),
 * with I the Gaussian (Isserlis) covariance I_{ab,cd} = K_ac K_bd + K_ad K_bc, and the correlation
 * ρ̂ = K̂₁₂/√(K̂₁₁K̂₂₂) has E ρ̂ = ρ + [∇ρ·d + ½ ∇²ρ : (v + I)]/n + O(n^{−2}).
 *
 * Low-rank weights W = U Vᵀ/√r (weights=lowrank:r): given layer l, z_i = σw u_iᵀ g/√r + σb b_i with
 * g_t ~ N(0, Φ^l) iid (t = 1..r), so the rows are still iid Gaussian given G^{l+1} = σw² (1/r)Σ_t g_t g_tᵀ
 * + σb²: a Wishart with r degrees of freedom adds Cov = σw⁴ I(Φ)/r at every layer, the first
 * included (g_t ~ N(0, X)). In units of 1/n: v_1 = σw⁴ (n/r) I(X), and v_{l+1} gains σw⁴ (n/r) I(F(K^l)).
 * With r fixed and n → ∞ the kernel stays random (O(1/√r)) and its mean is off the NNGP by O(1/r).
 */
import type { Activation } from '../../core/activations.ts';
import type { Precision } from '../dual.ts';
import { kernelCorrelation, type Kernel2x2 } from '../nngp.ts';
import { layerMoments, type Kernel3, type LayerMoments } from './gaussianMoments.ts';

/** The per-layer Gaussian moments of one (act, σw², σb², X, L): the expensive, n-free part. */
export interface CorrectionTable {
  readonly sw2: number;
  readonly sb2: number;
  readonly X: Kernel3;
  /** K^l for l = 1..L. */
  readonly K: Kernel3[];
  /** moments[l − 1] at K^l, l = 1..L−1 (what the step l → l + 1 needs). */
  readonly moments: LayerMoments[];
}

export function correctionTable(act: Activation, sw2: number, sb2: number, X: Kernel2x2, L: number, precision: Precision = 'exact'): CorrectionTable {
  const X3: Kernel3 = [X.k11, X.k12, X.k22];
  const K: Kernel3[] = [[sw2 * X.k11 + sb2, sw2 * X.k12 + sb2, sw2 * X.k22 + sb2]];
  const moments: LayerMoments[] = [];
  for (let l = 1; l < L; l++) {
    const prev = K[l - 1];
    // A kernel that has reached its fixed point in floating point reuses the moments exactly.
    const last = moments[l - 2];
    const same = l >= 2 && K[l - 2][0] === prev[0] && K[l - 2][1] === prev[1] && K[l - 2][2] === prev[2];
    const m = same ? last : layerMoments(act, prev, precision);
    moments.push(m);
    K.push([sw2 * m.F[0] + sb2, sw2 * m.F[1] + sb2, sw2 * m.F[2] + sb2]);
  }
  return { sw2, sb2, X: X3, K, moments };
}

/** Isserlis covariance of (z_a², z_a z_b, z_b²) for z ~ N(0, K), row-major 3×3. */
export function isserlis(K: Kernel3): Float64Array {
  const [a, c, b] = K;
  return Float64Array.from([2 * a * a, 2 * a * c, 2 * c * c, 2 * a * c, a * b + c * c, 2 * c * b, 2 * c * c, 2 * c * b, 2 * b * b]);
}

export interface CorrectionCoefficients {
  readonly layers: number[];
  readonly K: Kernel3[];
  /** E K̂^l = K^l + d[l−1]/n + O(n^{−2}). */
  readonly d: Kernel3[];
  /** Cov K̂^l = cov[l−1]/n + O(n^{−2}) (3×3 over (11, 12, 22)). */
  readonly cov: Float64Array[];
  /** ρ^l and E ρ̂^l = ρ^l + rhoD[l−1]/n + O(n^{−2}); Var ρ̂^l = rhoVar[l−1]/n + O(n^{−2}). */
  readonly rho: number[];
  readonly rhoD: number[];
  readonly rhoVar: number[];
}

export interface CoefficientOptions {
  /** n/r for weights = lowrank:r (0: full-rank Gaussian weights). */
  readonly rankRatio?: number;
}

function matVec(A: Float64Array, x: Kernel3): [number, number, number] {
  return [0, 1, 2].map((i) => A[3 * i] * x[0] + A[3 * i + 1] * x[1] + A[3 * i + 2] * x[2]) as [number, number, number];
}

function contract(A: Float64Array, B: Float64Array): number {
  let s = 0;
  for (let i = 0; i < 9; i++) s += A[i] * B[i];
  return s;
}

/** J V Jᵀ for 3×3 row-major matrices. */
function sandwich(J: Float64Array, V: Float64Array): Float64Array {
  const JV = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) JV[3 * i + j] += J[3 * i + k] * V[3 * k + j];
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) out[3 * i + j] += JV[3 * i + k] * J[3 * j + k];
  return out;
}

/** ∇ρ and ∇²ρ of ρ = K₁₂/√(K₁₁K₂₂) in (K₁₁, K₁₂, K₂₂). */
function correlationDerivatives(K: Kernel3): { grad: Kernel3; hess: Float64Array } {
  const [a, c, b] = K;
  const s = Math.sqrt(a * b);
  const rho = c / s;
  const hess = Float64Array.from([
    (3 * rho) / (4 * a * a), -1 / (2 * a * s), rho / (4 * a * b),
    -1 / (2 * a * s), 0, -1 / (2 * b * s),
    rho / (4 * a * b), -1 / (2 * b * s), (3 * rho) / (4 * b * b),
  ]);
  return { grad: [-rho / (2 * a), 1 / s, -rho / (2 * b)], hess };
}

/** The 1/n coefficients of the mean and covariance at every layer (file comment). */
export function correctionCoefficients(table: CorrectionTable, opts: CoefficientOptions = {}): CorrectionCoefficients {
  const { sw2, K, moments } = table;
  const ratio = opts.rankRatio ?? 0;
  const sw4 = sw2 * sw2;
  const L = K.length;
  let d: Kernel3 = [0, 0, 0];
  let v: Float64Array = ratio > 0 ? isserlis(table.X).map((x) => sw4 * ratio * x) : new Float64Array(9);
  const out: CorrectionCoefficients = { layers: [], K, d: [], cov: [], rho: [], rhoD: [], rhoVar: [] };
  for (let l = 1; l <= L; l++) {
    const Kl = K[l - 1];
    out.layers.push(l);
    out.d.push(d);
    const I = isserlis(Kl);
    const cov = v.map((x, i) => x + I[i]);
    out.cov.push(cov);
    out.rho.push(kernelCorrelation(Kl[0], Kl[1], Kl[2]));
    if (Kl[0] > 0 && Kl[2] > 0) {
      const { grad, hess } = correlationDerivatives(Kl);
      out.rhoD.push(grad[0] * d[0] + grad[1] * d[1] + grad[2] * d[2] + 0.5 * contract(hess, cov));
      const cg = matVec(cov, grad);
      out.rhoVar.push(grad[0] * cg[0] + grad[1] * cg[1] + grad[2] * cg[2]);
    } else {
      out.rhoD.push(0);
      out.rhoVar.push(0);
    }
    if (l === L) break;
    const m = moments[l - 1];
    const Jd = matVec(m.J, d);
    const vNext = sandwich(m.J, v);
    for (let i = 0; i < 9; i++) vNext[i] = sw4 * (vNext[i] + m.S4[i]);
    if (ratio > 0) {
      const IF = isserlis(m.F);
      for (let i = 0; i < 9; i++) vNext[i] += sw4 * ratio * IF[i];
    }
    d = [0, 1, 2].map((i) => sw2 * (Jd[i] + 0.5 * contract(m.H[i], v))) as unknown as Kernel3;
    v = vNext;
  }
  return out;
}
