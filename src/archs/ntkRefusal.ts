/** The shared refusal of `ntk=1` for architectures without an NTK recursion (imports core/ only). */
import type { Spec, SpecIssue } from '../core/spec.ts';

/**
 * The NTK recursion (DESIGN.md §1) is implemented for the MLP only; silently dropping ntk=1 would
 * give a result without the kernel that was asked for (issue 20 §4).
 */
export function ntkRefusal(spec: Spec): SpecIssue[] {
  if (!spec.ntk) return [];
  return [{ key: 'ntk', value: '1', message: `ntk=1 with arch=${spec.arch}: the neural tangent kernel is computed for arch=mlp only; allowed: ntk=0, or arch=mlp` }];
}
