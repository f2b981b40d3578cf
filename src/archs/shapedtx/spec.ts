/**
 * arch=shapedtx, the URL side (imports core/ only; core/spec.ts reads it): the shaped Transformer
 * block of Noci et al. (NeurIPS 2023) — a shaped-attention sublayer followed by a shaped-MLP
 * sublayer, each with its own residual weights (docs/shaped-transformer.md §3, (B1)–(B3)).
 *
 * Keys it reads, each declared once in the schema: the attention sublayer's γ₁² = `gamma2`, `nk`,
 * `tau0` (declared by attention/shapedattn), the shaped ReLU's c₊ = `cp`, c₋ = `cm` (declared by
 * shaped), and its own `gamma2m` (γ₂², the MLP sublayer's branch weight). Why a new architecture and
 * not a key on shapedattn: the block has a second sublayer with its own weights, Philox keys, SDE
 * terms and cost, and it reads cp, cm; a `block=1` key on shapedattn would make every shapedattn
 * function branch on it.
 */
import { formatNumber, numberParam } from '../../core/params.ts';
import type { Spec, SpecIssue } from '../../core/spec.ts';
import { attentionSpecIssues } from '../attention/spec.ts';
import { shapedSlopeIssues } from '../shaped/spec.ts';
import type { ArchSpecModule } from '../specTypes.ts';

export const GAMMA2M_PARAM = numberParam({ key: 'gamma2m', label: 'γ₂² (MLP branch)', doc: 'Shaped Transformer block: MLP sublayer X′ = λ₂Z + γ₂√c φ_s(Z W^pre/√n) W^post/√n with λ₂² = 1 − γ₂².', kind: 'float', default: 0.5, min: 0, max: 1, minExclusive: true, step: 0.01 });

export type ShapedTxSpec = Spec & { readonly gamma2: number; readonly nk: number; readonly tau0: number; readonly gamma2m: number };

// The keys the block reads (act, σw², σb², α do not enter it: φ_s replaces act).
const CONTROLS = ['n', 'L', 'k', 'gamma2', 'nk', 'tau0', 'cp', 'cm', 'gamma2m', 'method'] as const;

export const shapedTxSpec = {
  id: 'shapedtx',
  label: 'shaped Transformer',
  doc: 'shaped Transformer block (Noci et al. 2023): shaped attention then a shaped-ReLU MLP, each with residual weights',
  params: [GAMMA2M_PARAM],
  controls: [...CONTROLS] as unknown as readonly (keyof Spec & string)[],
  issues: (spec: Spec): SpecIssue[] => {
    const s = spec as ShapedTxSpec;
    const issues = [...attentionSpecIssues(s), ...shapedSlopeIssues(spec)];
    if (!(s.gamma2m > 0 && s.gamma2m <= 1)) issues.push({ key: 'gamma2m', value: formatNumber(s.gamma2m), message: `gamma2m=${formatNumber(s.gamma2m)} is out of range; allowed: (0, 1] (γ₂², with λ₂² = 1 − γ₂²)` });
    return issues;
  },
} as const satisfies ArchSpecModule<'shapedtx'>;
