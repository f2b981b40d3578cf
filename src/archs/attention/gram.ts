/**
 * The exact Markov chain of the token covariance V_l of an attention network with fresh iid
 * Gaussian weights (docs/shaped-transformer.md §5, (G1)–(G4)): O(m³) per layer instead of the
 * O(m n² + m n n_k) of the explicit network, and exact in law (not an approximation).
 *
 * Why it is exact: given X_l = √n L Q (V = L Lᵀ, Q with orthonormal rows), fresh Gaussian weights
 * are rotation invariant and independent of X, so with Ξ, Z₁ m×m iid N(0, 1) and Bartlett factors
 * R_k R_kᵀ ~ Wishart_m(I, n_k), R₂ R₂ᵀ ~ Wishart_m(I, n − m):
 *   S = L Ξ R_kᵀ Lᵀ / τ,   C = X Gᵀ/n = L Z₁ᵀ Lᵀ/√n,   G Gᵀ/n = L (Z₁ Z₁ᵀ + R₂ R₂ᵀ) Lᵀ/n,
 *   V' = λ² V + λγ (C Aᵀ + A Cᵀ) + γ² A (G Gᵀ/n) Aᵀ,   A from S by (M3)/(M4).
 * The first layer X_0 = W_in x/√d has V_0 = K_in^{1/2} Wishart_m(I, n) K_in^{1/2ᵀ}/n exactly.
 * Needs n_k ≥ m and n ≥ 2m (model.ts `attentionIssues` with method = 'gram').
 *
 * Philox keys: domain gramRow, net, layer l (0 = embedding), rows: 0 Ξ, 1 Z₁, 2 and 3 the
 * sub-diagonals of R_k and R₂, 16 + i and 32 + i the χ² diagonals (normals; their uniforms at the
 * same row + 1000), col = position.
 */
import { inputGram } from '../../core/inputs.ts';
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream, uniformOpen } from '../../core/philox.ts';
import { attentionMatrix, temperature, type AttentionModel } from './model.ts';
import { expPortable, logPortable } from '../../core/portableMath.ts';

const ROW = { xi: 0, z1: 1, rkLower: 2, r2Lower: 3, rkDiag: 16, r2Diag: 32, uniformOffset: 1000 } as const;

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000), exact (rejection), shape > 0; shape < 1 by the
 * boost Gamma(a) = Gamma(a + 1)·U^{1/a}. Attempt t uses the normal at column t and the uniform word
 * at column t of row + 1000, so the draw depends only on its key, not on evaluation order.
 */
export function gammaDraw(stream: NormalStream, net: number, layer: number, row: number, shape: number): number {
  let boost = 1;
  let a = shape;
  let col = 0;
  if (a < 1) {
    boost = expPortable(logPortable(uniformOpen(stream.word(net, layer, row + ROW.uniformOffset, col))) / a); // U^{1/a}, engine-independent bits
    col++;
    a += 1;
  }
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;; col++) {
    const x = stream.normal(net, layer, row, col);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = uniformOpen(stream.word(net, layer, row + ROW.uniformOffset, col));
    // logPortable: an accept/reject decision must not depend on the JavaScript engine's last bit.
    if (logPortable(u) < 0.5 * x * x + d - d * v + d * logPortable(v)) return boost * d * v;
  }
}

/** χ²_ν = 2·Gamma(ν/2). */
export function chiSquareDraw(stream: NormalStream, net: number, layer: number, row: number, dof: number): number {
  return 2 * gammaDraw(stream, net, layer, row, dof / 2);
}

/** Lower-triangular R with R Rᵀ ~ Wishart_m(I, dof) (Bartlett): R_ii² ~ χ²_{dof−i}, R_ij ~ N(0, 1). */
export function bartlett(stream: NormalStream, net: number, layer: number, lowerRow: number, diagRow: number, m: number, dof: number, R: Float64Array): void {
  R.fill(0, 0, m * m);
  let c = 0;
  for (let i = 0; i < m; i++) {
    R[i * m + i] = Math.sqrt(chiSquareDraw(stream, net, layer, diagRow + i, dof - i));
    for (let j = 0; j < i; j++) R[i * m + j] = stream.normal(net, layer, lowerRow, c++);
  }
}

/** out = A·B (m×m); `bT`: B transposed. out must not alias A or B. */
export function mul(A: Float64Array, B: Float64Array, m: number, out: Float64Array, bT = false): Float64Array {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += A[i * m + p] * (bT ? B[j * m + p] : B[p * m + j]);
      out[i * m + j] = s;
    }
  }
  return out;
}

/** out = A Aᵀ (m×m). */
export function gramOf(A: Float64Array, m: number, out: Float64Array): Float64Array {
  return mul(A, A, m, out, true);
}

/** Work arrays of `attentionGramLayer` (ten m×m arrays; reuse them across layers). */
export function attentionGramWork(m: number): Float64Array[] {
  return Array.from({ length: 10 }, () => new Float64Array(m * m));
}

/**
 * One attention layer of the exact chain, (G1)–(G4), in place: V ← V_{l+1} given V = V_l, with the
 * draws of (net, layer l) from `stream` (domain gramRow). Shared by the attention networks and the
 * shaped Transformer block's attention sublayer (archs/shapedtx/gram.ts).
 */
export function attentionGramLayer(model: AttentionModel, stream: NormalStream, net: number, l: number, V: Float64Array, work: Float64Array[]): void {
  const { m, n, nk, kind } = model;
  const lam = Math.sqrt(1 - model.gamma2);
  const gam = Math.sqrt(model.gamma2);
  const tau = temperature(model);
  const mm = m * m;
  const [Lc, R, T1, T2, Xi, Z1, S, A, C, GG] = work;
  psdCholesky(V, m, Lc);
  stream.row(net, l, ROW.xi, mm, Xi);
  stream.row(net, l, ROW.z1, mm, Z1);
  // (G1): S = L Ξ R_kᵀ Lᵀ / τ.
  bartlett(stream, net, l, ROW.rkLower, ROW.rkDiag, m, nk, R);
  mul(Lc, Xi, m, T1);
  mul(T1, R, m, T2, true);
  mul(T2, Lc, m, S, true);
  for (let e = 0; e < mm; e++) S[e] /= tau;
  attentionMatrix(kind, S, m, A);
  // (G2): C = L Z₁ᵀ Lᵀ/√n.
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) T2[i * m + j] = Z1[j * m + i];
  mul(Lc, T2, m, T1);
  mul(T1, Lc, m, C, true);
  for (let e = 0; e < mm; e++) C[e] /= Math.sqrt(n);
  // (G3): G Gᵀ/n = L (Z₁Z₁ᵀ + R₂R₂ᵀ) Lᵀ / n.
  bartlett(stream, net, l, ROW.r2Lower, ROW.r2Diag, m, n - m, R);
  gramOf(Z1, m, T1);
  gramOf(R, m, T2);
  for (let e = 0; e < mm; e++) T1[e] += T2[e];
  mul(Lc, T1, m, T2);
  mul(T2, Lc, m, GG, true);
  for (let e = 0; e < mm; e++) GG[e] /= n;
  // (G4): V' = λ²V + λγ(C Aᵀ + A Cᵀ) + γ² A GG Aᵀ.
  mul(C, A, m, T1, true); // C Aᵀ
  mul(A, GG, m, T2);
  mul(T2, A, m, S, true); // A GG Aᵀ (S is free now)
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const v = lam * lam * V[i * m + j] + lam * gam * (T1[i * m + j] + T1[j * m + i]) + gam * gam * 0.5 * (S[i * m + j] + S[j * m + i]);
      V[i * m + j] = v;
      V[j * m + i] = v;
    }
  }
}

/**
 * V_0 = Lin (R₀R₀ᵀ) Linᵀ / n (M1): the embedding's exact law (Bartlett, domain gramRow, layer 0),
 * written into V. Shared with the shaped Transformer block.
 */
export function embeddingGram(model: Pick<AttentionModel, 'm' | 'n' | 'q1' | 'q2' | 'rho0'>, stream: NormalStream, net: number, V: Float64Array, work: Float64Array[]): void {
  const { m, n } = model;
  const [Lc, R, T1] = work;
  const Kin = inputGram({ q1: model.q1, q2: model.q2, rho0: model.rho0, k: m });
  psdCholesky(Kin, m, Lc);
  bartlett(stream, net, 0, ROW.r2Lower, ROW.r2Diag, m, n, R);
  mul(Lc, R, m, T1);
  gramOf(T1, m, V);
  for (let e = 0; e < m * m; e++) V[e] /= n;
}

/**
 * Run network `net` by the exact chain and call `record(l, V_l)` for l = 0..L (V_l is reused).
 * A V that leaves f64 (∞/NaN) has no Cholesky factor (linalg.ts): it stays NaN, visibly ended.
 */
export function runGramAttention(model: AttentionModel, net: number, record: (l: number, V: Float64Array) => void): void {
  const stream = new NormalStream(model.seed, Domain.gramRow);
  const work = attentionGramWork(model.m);
  const V = new Float64Array(model.m * model.m);
  embeddingGram(model, stream, net, V, work);
  record(0, V);
  for (let l = 1; l <= model.L; l++) {
    attentionGramLayer(model, stream, net, l, V, work);
    record(l, V);
  }
}
