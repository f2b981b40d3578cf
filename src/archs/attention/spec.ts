/**
 * arch=attention and arch=shapedattn, the URL side (imports core/ only; core/spec.ts reads it):
 * residual Softmax self-attention over k tokens, and the shaped attention of Noci et al. (NeurIPS
 * 2023). The model and every constant: docs/shaped-transformer.md. The tokens are the lab's inputs
 * (k of them, core/inputs.ts); `gamma2` and `nk` are declared by `attention` and read by both,
 * `tau0` by `shapedattn` (a key is declared once in the schema).
 */
import { formatNumber, numberParam } from '../../core/params.ts';
import type { Spec, SpecIssue } from '../../core/spec.ts';
import { ntkRefusal } from '../ntkRefusal.ts';
import type { ArchSpecModule } from '../specTypes.ts';

export const GAMMA2_PARAM = numberParam({ key: 'gamma2', label: 'γ² (attention branch)', doc: 'Attention: residual weights X′ = λX + γ·A X Wᵛ/√n with λ² = 1 − γ².', kind: 'float', default: 0.5, min: 0, max: 1, minExclusive: true, step: 0.01 });
export const NK_PARAM = numberParam({ key: 'nk', label: 'key width n_k', doc: 'Attention: query/key width n_k (0: n_k = n).', kind: 'int', default: 0, min: 0, max: 65536, scale: 'linear' });
export const TAU0_PARAM = numberParam({ key: 'tau0', label: 'τ₀ (shaped temperature)', doc: 'Shaped attention: logits divided by τ = τ₀√(n·n_k).', kind: 'float', default: 1, min: 0.05, max: 100, step: 0.01 });

/** n_k of a spec (nk = 0 means n_k = n). */
export function keyWidth(spec: Pick<Spec, 'n'> & { readonly nk: number }): number {
  return spec.nk === 0 ? spec.n : spec.nk;
}

/** Cross-key rules shared by both attention architectures. */
export function attentionSpecIssues(spec: Spec & { readonly nk: number }): SpecIssue[] {
  const issues: SpecIssue[] = [...ntkRefusal(spec)];
  if (spec.weights !== 'gaussian') {
    issues.push({ key: 'weights', value: spec.weights, message: `weights=${spec.weights} with arch=${spec.arch}: attention networks are drawn with Gaussian query, key and value weights only; allowed: weights=gaussian` });
  }
  if (spec.method === 'gram') {
    // The exact chain (archs/attention/gram.ts) needs Bartlett factors of Wishart_k(I, n_k) and Wishart_k(I, n − k).
    const nk = keyWidth(spec);
    if (nk < spec.k) issues.push({ key: 'nk', value: formatNumber(spec.nk), message: `nk=${spec.nk} with method=gram and k=${spec.k} tokens: the exact chain needs n_k ≥ k; allowed: nk ≥ ${spec.k} (or 0 for n_k = n), or method=explicit` });
    if (spec.n < 2 * spec.k) issues.push({ key: 'n', value: formatNumber(spec.n), message: `n=${spec.n} with method=gram and k=${spec.k} tokens: the exact chain needs n ≥ 2k; allowed: n ≥ ${2 * spec.k}, or method=explicit` });
  }
  return issues;
}

// The comparison view is the attention architectures' own (core/views.ts appends it to the `view` values).
declare module '../specTypes.ts' {
  interface ArchViewIds {
    collapse: true;
  }
}

// The keys the attention networks read (act, σw², σb², α, c± do not enter them).
const CONTROLS = ['n', 'L', 'k', 'gamma2', 'nk', 'method'] as const;

export const attentionSpec = {
  id: 'attention',
  label: 'attention',
  doc: 'residual Softmax self-attention over k tokens (standard temperature; rank collapse)',
  params: [GAMMA2_PARAM, NK_PARAM],
  controls: [...CONTROLS] as unknown as readonly (keyof Spec & string)[],
  viewSpecs: [
    {
      id: 'collapse',
      label: 'Rank collapse',
      description: 'standard vs shaped attention at the same (n, L, k, seed): the mean token correlation through depth (→ 1, or the SDE’s random law) and its law at the last layer',
      // Both kinds run whichever of the two `arch` is: the shaped one's temperature is needed too.
      viewKeys: ['tau0'],
    },
  ],
  issues: (spec: Spec): SpecIssue[] => attentionSpecIssues(spec as Spec & { nk: number }),
} as const satisfies ArchSpecModule<'attention'>;

export const shapedAttnSpec = {
  id: 'shapedattn',
  label: 'shaped attention',
  doc: 'shaped attention (Noci et al. 2023): Softmax centred at the identity, temperature τ₀√(n·n_k)',
  params: [TAU0_PARAM],
  controls: [...CONTROLS, 'tau0'] as unknown as readonly (keyof Spec & string)[],
  issues: (spec: Spec): SpecIssue[] => attentionSpecIssues(spec as Spec & { nk: number }),
} as const satisfies ArchSpecModule<'shapedattn'>;
