/**
 * arch=mlp, the URL side (imports core/ only; core/spec.ts reads it): the fully connected network
 * of Lee et al. (2018) and Matthews et al. (2018), DESIGN.md §1. It owns no keys of its own: the
 * shared network keys (act, n, L, sw2, sb2, weights) are the MLP's.
 */
import type { ArchSpecModule } from '../specTypes.ts';

export const mlpSpec = {
  id: 'mlp',
  label: 'MLP',
  doc: 'mlp (Lee et al. 2018)',
  params: [],
  controls: ['act', 'n', 'L', 'sw2', 'sb2', 'weights'],
  // The NTK is defined for the MLP (ntk=1 allowed); nothing else involves two keys.
  issues: () => [],
} as const satisfies ArchSpecModule<'mlp'>;
