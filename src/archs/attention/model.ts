/**
 * Residual Softmax self-attention (`attention`) and the shaped attention of Noci, Li, Li, He,
 * Hofmann, Maddison & Roy, "The shaped Transformer", NeurIPS 2023 (`shapedattn`): the finite model,
 * its constants and their validation. Equations (M1)–(M6) are those of docs/shaped-transformer.md §2.
 *
 * m tokens (the lab's inputs, k = m), width n, key/query width n_k, L attention layers; time
 * t = l/n, T = L/n (as for the shaped MLP). Per layer, fresh W^Q, W^K (n_k × n), W^V (n × n), N(0, 1):
 *
 *   S = (X W^Q/√n)(X W^K/√n)ᵀ / τ                                          (M2)
 *   attention:  A = Softmax_rows(S),                  τ = √n_k              (M3)
 *   shapedattn: A = I + Softmax_rows(S) − 11ᵀ/m,      τ = τ₀ √(n n_k)       (M4)
 *   X' = λ X + γ A X W^V/√n,   λ² + γ² = 1                                  (M5)
 */
import type { SpecIssue } from '../../core/spec.ts';
import { expPortable } from '../../core/portableMath.ts';

export const ATTENTION_KINDS = ['attention', 'shapedattn'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionModel {
  readonly kind: AttentionKind;
  /** Number of tokens (the lab's k). */
  readonly m: number;
  /** Width n (features per token). */
  readonly n: number;
  /** Key/query width n_k. */
  readonly nk: number;
  /** Attention layers. */
  readonly L: number;
  /** γ²: weight of the attention branch; λ² = 1 − γ² (M5). */
  readonly gamma2: number;
  /** τ₀ of the shaped temperature τ = τ₀√(n n_k) (M4); unused by `attention`. */
  readonly tau0: number;
  /** Token Gram data (src/core/inputs.ts with k = m). */
  readonly q1: number;
  readonly q2: number;
  readonly rho0: number;
  readonly seed: number;
}

/** Defaults of the constants we had to choose (docs/shaped-transformer.md §6). */
export const ATTENTION_DEFAULTS = { gamma2: 0.5, tau0: 1, m: 3 } as const;

/** Ranges the keys accept (validated, never clamped). */
export const ATTENTION_LIMITS = {
  m: { min: 2, max: 16 },
  gamma2: { min: 0, max: 1 }, // (0, 1]: γ² = 0 is a network that never mixes tokens
  tau0: { min: 0.05, max: 100 },
} as const;

/** The temperature τ of (M3)/(M4). */
export function temperature(model: Pick<AttentionModel, 'kind' | 'n' | 'nk' | 'tau0'>): number {
  return model.kind === 'attention' ? Math.sqrt(model.nk) : model.tau0 * Math.sqrt(model.n * model.nk);
}

/**
 * A = Softmax_rows(S) (M3), or I + Softmax_rows(S) − 11ᵀ/m (M4), for an m×m row-major S, written
 * into `out`. The row maximum is subtracted first (exact: Softmax is shift-invariant per row).
 */
export function attentionMatrix(kind: AttentionKind, S: Float64Array, m: number, out: Float64Array): Float64Array {
  for (let a = 0; a < m; a++) {
    let max = -Infinity;
    for (let b = 0; b < m; b++) max = Math.max(max, S[a * m + b]);
    let sum = 0;
    for (let b = 0; b < m; b++) {
      const e = expPortable(S[a * m + b] - max); // the same bits in the page and the CLI (core/portableMath.ts)
      out[a * m + b] = e;
      sum += e;
    }
    for (let b = 0; b < m; b++) {
      const p = out[a * m + b] / sum;
      out[a * m + b] = kind === 'attention' ? p : p - 1 / m + (a === b ? 1 : 0);
    }
  }
  return out;
}

/** ρ_ab = V_ab/√(V_aa V_bb) (M6); 0/0 (a dead token) gives NaN, never a silent number. */
export function tokenCorrelation(V: ArrayLike<number>, m: number, a: number, b: number): number {
  return V[a * m + b] / Math.sqrt(V[a * m + a] * V[b * m + b]);
}

/** Mean of ρ_ab over all pairs a < b: the rank-collapse observable (→ 1 when all tokens align). */
export function meanPairCorrelation(V: ArrayLike<number>, m: number): number {
  let s = 0;
  let c = 0;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      s += tokenCorrelation(V, m, a, b);
      c++;
    }
  }
  return s / c;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

/**
 * Problems with an attention model's constants, each naming the key, the value and the allowed
 * range (STYLE.md rule 6). Empty when the model is valid. `method` = 'gram' adds the conditions of
 * the exact chain (gram.ts: Bartlett factors need n_k ≥ m and n − m ≥ m).
 */
export function attentionIssues(model: AttentionModel, method: 'gram' | 'explicit' = 'explicit'): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const { m, n, nk, gamma2, tau0, L } = model;
  if (!Number.isInteger(m) || m < ATTENTION_LIMITS.m.min || m > ATTENTION_LIMITS.m.max) {
    issues.push({ key: 'k', value: fmt(m), message: `k=${fmt(m)} tokens is out of range; allowed: an integer in [${ATTENTION_LIMITS.m.min}, ${ATTENTION_LIMITS.m.max}]` });
  }
  if (!Number.isInteger(n) || n < 1) issues.push({ key: 'n', value: fmt(n), message: `n=${fmt(n)}; allowed: an integer ≥ 1` });
  if (!Number.isInteger(L) || L < 0) issues.push({ key: 'L', value: fmt(L), message: `L=${fmt(L)}; allowed: an integer ≥ 0` });
  if (!Number.isInteger(nk) || nk < 1) issues.push({ key: 'nk', value: fmt(nk), message: `nk=${fmt(nk)}; allowed: an integer ≥ 1 (0 in the URL means n_k = n)` });
  if (!(gamma2 > ATTENTION_LIMITS.gamma2.min && gamma2 <= ATTENTION_LIMITS.gamma2.max)) {
    issues.push({ key: 'gamma2', value: fmt(gamma2), message: `gamma2=${fmt(gamma2)} is out of range; allowed: (0, 1] (γ², with λ² = 1 − γ²)` });
  }
  if (model.kind === 'shapedattn' && !(tau0 >= ATTENTION_LIMITS.tau0.min && tau0 <= ATTENTION_LIMITS.tau0.max)) {
    issues.push({ key: 'tau0', value: fmt(tau0), message: `tau0=${fmt(tau0)} is out of range; allowed: [${ATTENTION_LIMITS.tau0.min}, ${ATTENTION_LIMITS.tau0.max}]` });
  }
  if (method === 'gram' && Number.isInteger(m)) {
    if (nk < m) issues.push({ key: 'nk', value: fmt(nk), message: `nk=${fmt(nk)} with method=gram and k=${m} tokens: the exact chain needs n_k ≥ k; allowed: nk ≥ ${m}, or method=explicit` });
    if (n < 2 * m) issues.push({ key: 'n', value: fmt(n), message: `n=${fmt(n)} with method=gram and k=${m} tokens: the exact chain needs n ≥ 2k; allowed: n ≥ ${2 * m}, or method=explicit` });
  }
  return issues;
}
