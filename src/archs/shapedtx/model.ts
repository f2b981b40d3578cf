/**
 * The shaped Transformer block (docs/shaped-transformer.md §3): per block l = 0..L−1, with fresh
 * weights,
 *
 *   Z_l     = λ₁ X_l + γ₁ A_l X_l W^V/√n,   A_l = I + Softmax(S_l) − 11ᵀ/m,  τ = τ₀√(n n_k)      (B1)
 *   X_{l+1} = λ₂ Z_l + γ₂ √c φ_s(Z_l W^pre/√n) W^post/√n,   W^pre, W^post ∈ ℝ^{n×n} iid N(0, 1)   (B2)
 *
 * λᵢ² + γᵢ² = 1, φ_s(x) = s₊ max(x, 0) + s₋ min(x, 0), s± = 1 + c±/√n, c = 2/(s₊² + s₋²) (the lab's
 * shaped ReLU, DESIGN.md §1). The attention sublayer is shapedattn's (archs/attention, (M1)–(M5)).
 */
import type { AttentionModel } from '../attention/model.ts';

export interface BlockModel {
  /** The attention sublayer (kind 'shapedattn', γ² = γ₁²) and the tokens, width, depth, seed. */
  readonly attention: AttentionModel;
  /** γ₂²: the MLP sublayer's branch weight, λ₂² = 1 − γ₂². */
  readonly gamma2m: number;
  /** c₊, c₋ of the shaped ReLU. */
  readonly cp: number;
  readonly cm: number;
}

/** s₊, s₋ and c = 2/(s₊² + s₋²) of φ_s at width n. */
export function shapedSlopes(cp: number, cm: number, n: number): { sp: number; sm: number; c: number } {
  const sp = 1 + cp / Math.sqrt(n);
  const sm = 1 + cm / Math.sqrt(n);
  return { sp, sm, c: 2 / (sp * sp + sm * sm) };
}
