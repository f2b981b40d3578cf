/**
 * The exact Markov chain of the token covariance of shaped Transformer block networks with fresh iid
 * Gaussian weights: O(n m² + m³) per block instead of the explicit O(m n²), exact in law.
 *
 * Attention sublayer: the exact chain of shaped attention (archs/attention/gram.ts, (G1)–(G4)):
 * V ↦ V_Z, with shapedattn's draws (domain gramRow, layer l).
 *
 * MLP sublayer (B2) — why it is exact (docs/shaped-transformer.md §5.1): given Z (m×n, tokens as
 * rows) with V_Z = Z Zᵀ/n, W^pre is independent of Z and rotation invariant, so the n columns h_j of
 * H = Z W^pre/√n are iid N(0, V_Z): h_j = L_Z ξ_j with V_Z = L_Z L_Zᵀ. Let Φ = c φ_s(H) φ_s(H)ᵀ/n
 * = L_Φ L_Φᵀ. With √c φ_s(H) = √n L_Φ P and Z = √n L_Z Q (P, Q with orthonormal rows), Ξ = P W^post
 * is m×n iid N(0, 1) and independent of (Z, H), and splitting it along Q and its complement,
 *   Z G'ᵀ/n = L_Z Z₂ᵀ L_Φᵀ/√n,   G'G'ᵀ/n = L_Φ (Z₂Z₂ᵀ + R₃R₃ᵀ) L_Φᵀ/n,    G' = √c φ_s(H) W^post/√n,
 * with Z₂ m×m iid N(0, 1) and R₃R₃ᵀ ~ Wishart_m(I, n − m) (Bartlett) independent, so
 *   V' = λ₂² V_Z + λ₂γ₂ (L_Z Z₂ᵀ L_Φᵀ + L_Φ Z₂ L_Zᵀ)/√n + γ₂² L_Φ (Z₂Z₂ᵀ + R₃R₃ᵀ) L_Φᵀ/n.
 * Only Φ needs the n hidden units (n draws of an m-vector: the lab's MLP gram step, DESIGN.md §3).
 * Needs n ≥ 2m (Bartlett) and, for the attention sublayer, n_k ≥ m.
 *
 * Philox keys of the MLP sublayer: domain blockGram, net, layer l; row 0 Z₂, row 1 the
 * sub-diagonal of R₃, rows 16 + i its χ² diagonals (uniforms at row + 1000), row 4096 the ξ_j (col = j·m + a).
 */
import { psdCholesky } from '../../core/linalg.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import { attentionGramLayer, attentionGramWork, bartlett, embeddingGram, gramOf, mul } from '../attention/gram.ts';
import { shapedSlopes, type BlockModel } from './model.ts';

const ROW = { z2: 0, r3Lower: 1, r3Diag: 16, hidden: 4096 } as const;

/**
 * The MLP sublayer of block l by the exact chain, in place: V ← V_{l+1} given V = V_Z.
 * `work`: seven m×m arrays and one of length n·m.
 */
export function mlpGramLayer(model: BlockModel, stream: NormalStream, net: number, l: number, V: Float64Array, work: Float64Array[]): void {
  const { m, n } = model.attention;
  const mm = m * m;
  const { sp, sm, c } = shapedSlopes(model.cp, model.cm, n);
  const lam = Math.sqrt(1 - model.gamma2m);
  const gam = Math.sqrt(model.gamma2m);
  const [Lz, Lp, Phi, Z2, R, T1, T2, xi] = work;
  psdCholesky(V, m, Lz);
  Phi.fill(0, 0, mm);
  const h = new Float64Array(m);
  stream.row(net, l, ROW.hidden, n * m, xi);
  for (let j = 0; j < n; j++) {
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let p = 0; p <= a; p++) s += Lz[a * m + p] * xi[j * m + p];
      h[a] = s > 0 ? sp * s : sm * s; // φ_s(h_j)
    }
    for (let a = 0; a < m; a++) for (let b = a; b < m; b++) Phi[a * m + b] += h[a] * h[b];
  }
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      Phi[a * m + b] *= c / n;
      Phi[b * m + a] = Phi[a * m + b];
    }
  }
  psdCholesky(Phi, m, Lp);
  stream.row(net, l, ROW.z2, mm, Z2);
  // Cross term C = L_Z Z₂ᵀ L_Φᵀ/√n (into T2).
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) T1[i * m + j] = Z2[j * m + i];
  mul(Lz, T1, m, T2);
  mul(T2, Lp, m, T1, true);
  const Cs = T1; // C, kept in T1
  // Wishart part L_Φ (Z₂Z₂ᵀ + R₃R₃ᵀ) L_Φᵀ/n (into Phi).
  bartlett(stream, net, l, ROW.r3Lower, ROW.r3Diag, m, n - m, R);
  gramOf(Z2, m, T2);
  gramOf(R, m, Lz); // Lz is free now
  for (let e = 0; e < mm; e++) T2[e] += Lz[e];
  mul(Lp, T2, m, Lz);
  mul(Lz, Lp, m, Phi, true);
  const rn = Math.sqrt(n);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const v = lam * lam * V[i * m + j] + (lam * gam * (Cs[i * m + j] + Cs[j * m + i])) / rn + (gam * gam * 0.5 * (Phi[i * m + j] + Phi[j * m + i])) / n;
      V[i * m + j] = v;
      V[j * m + i] = v;
    }
  }
}

/** Run network `net` by the exact chain and call `record(l, V_l)` for l = 0..L (V_l is reused). */
export function runGramBlock(model: BlockModel, net: number, record: (l: number, V: Float64Array) => void): void {
  const att = model.attention;
  const m = att.m;
  const attStream = new NormalStream(att.seed, Domain.gramRow);
  const mlpStream = new NormalStream(att.seed, Domain.blockGram);
  const attWork = attentionGramWork(m);
  const mlpWork = [...Array.from({ length: 7 }, () => new Float64Array(m * m)), new Float64Array(att.n * m)];
  const V = new Float64Array(m * m);
  embeddingGram(att, attStream, net, V, attWork);
  record(0, V);
  for (let l = 1; l <= att.L; l++) {
    attentionGramLayer(att, attStream, net, l, V, attWork); // (B1)
    mlpGramLayer(model, mlpStream, net, l, V, mlpWork); // (B2)
    record(l, V);
  }
}
