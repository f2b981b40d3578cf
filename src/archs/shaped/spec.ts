/**
 * arch=shaped, the URL side (imports core/ only; core/spec.ts reads it): the shaped MLP of Li, Nica
 * & Roy (2022), φ_s(x) = s₊ max(x,0) + s₋ min(x,0), s± = 1 + c±/√n (DESIGN.md §1). Owns `cp`, `cm`
 * (the contrast view also reads them, for its shaped MLP, whatever `arch` is).
 */
import { formatNumber, numberParam } from '../../core/params.ts';
import type { Spec, SpecIssue } from '../../core/spec.ts';
import type { ArchSpecModule } from '../specTypes.ts';
import { ntkRefusal } from '../ntkRefusal.ts';

export const CP_PARAM = numberParam({ key: 'cp', label: 'c₊', doc: 'Shaped activation: s₊ = 1 + c₊/√n.', kind: 'float', default: 0, min: -20, max: 20, step: 0.01 });
export const CM_PARAM = numberParam({ key: 'cm', label: 'c₋', doc: 'Shaped activation: s₋ = 1 + c₋/√n.', kind: 'float', default: -1, min: -20, max: 20, step: 0.01 });

/** Both slopes s± = 1 + c±/√n zero: the normalisation c = 2/(s₊² + s₋²) is undefined. */
export function shapedSlopeIssues(spec: Pick<Spec, 'cp' | 'cm' | 'n'>): SpecIssue[] {
  const sp = 1 + spec.cp / Math.sqrt(spec.n);
  const sm = 1 + spec.cm / Math.sqrt(spec.n);
  if (sp * sp + sm * sm >= 1e-12) return [];
  return [{ key: 'cp', value: formatNumber(spec.cp), message: `cp=${spec.cp}, cm=${spec.cm} make both slopes s± = 1 + c±/√n zero at n = ${spec.n}; the normalisation c = 2/(s₊² + s₋²) is undefined` }];
}

export const shapedSpec = {
  id: 'shaped',
  label: 'shaped MLP',
  doc: 'shaped MLP (Li, Nica & Roy 2022)',
  params: [CP_PARAM, CM_PARAM],
  // φ_s replaces `act`: the activation control is hidden while the shaped MLP is chosen.
  controls: ['n', 'L', 'sw2', 'sb2', 'cp', 'cm', 'weights'],
  issues: (spec: Spec): SpecIssue[] => [...ntkRefusal(spec), ...shapedSlopeIssues(spec)],
} as const satisfies ArchSpecModule<'shaped'>;
