/**
 * arch=resnet, the URL side (imports core/ only; core/spec.ts reads it): residual networks with
 * branch scale L^−α (Hayou 2022; Hayou & Yang 2023; Bordelon et al. 2023), DESIGN.md §1. Owns `alpha`.
 */
import { numberParam } from '../../core/params.ts';
import type { Spec, SpecIssue } from '../../core/spec.ts';
import type { ArchSpecModule } from '../specTypes.ts';
import { ntkRefusal } from '../ntkRefusal.ts';

export const ALPHA_PARAM = numberParam({ key: 'alpha', label: 'branch exponent α', doc: 'ResNet branch scale L^−α; α = 1/2 is the only non-trivial depth limit.', kind: 'float', default: 0.5, min: 0, max: 1, step: 0.01 });

export const resnetSpec = {
  id: 'resnet',
  label: 'ResNet',
  doc: 'resnet with branch scale L^−α (Hayou & Yang 2023)',
  params: [ALPHA_PARAM],
  controls: ['act', 'n', 'L', 'sw2', 'sb2', 'alpha', 'weights'],
  issues: (spec: Spec): SpecIssue[] => ntkRefusal(spec),
} as const satisfies ArchSpecModule<'resnet'>;
