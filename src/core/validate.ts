/**
 * Cross-key validation: rules that involve more than one key. Single values are checked by their
 * Param (params.ts); the cost of running a spec is checked by the experiment planner.
 */
import { parseWeights } from './weights.ts';
import type { Spec, SpecIssue } from './spec.ts';
import { formatNumber } from './params.ts';

export function crossKeyIssues(spec: Spec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const w = parseWeights(spec.weights);
  if (w.ok && w.value.kind !== 'gaussian' && spec.method === 'gram') {
    issues.push({
      key: 'weights',
      value: spec.weights,
      message: `weights=${spec.weights} needs method=explicit: the gram method samples rows of z^{l+1} ~ N(0, G) exactly only for fresh iid Gaussian weights (DESIGN.md §3)`,
    });
  }
  if (w.ok && w.value.kind === 'lowrank' && w.value.r > spec.n) {
    issues.push({ key: 'weights', value: spec.weights, message: `weights=${spec.weights}: the rank must be at most the width n = ${spec.n}` });
  }
  if (spec.layer > spec.L) {
    issues.push({ key: 'layer', value: formatNumber(spec.layer), message: `layer=${spec.layer} is deeper than the network; allowed: an integer in [0, L = ${spec.L}] (0 means the last layer)` });
  }
  if (spec.nmin > spec.nmax) {
    issues.push({ key: 'nmin', value: formatNumber(spec.nmin), message: `nmin=${spec.nmin} exceeds nmax=${spec.nmax}; allowed: nmin ≤ nmax` });
  }
  if (spec.Lmin > spec.Lmax) {
    issues.push({ key: 'Lmin', value: formatNumber(spec.Lmin), message: `Lmin=${spec.Lmin} exceeds Lmax=${spec.Lmax}; allowed: Lmin ≤ Lmax` });
  }
  if (spec.arch === 'shaped') {
    const sp = 1 + spec.cp / Math.sqrt(spec.n);
    const sm = 1 + spec.cm / Math.sqrt(spec.n);
    if (sp * sp + sm * sm < 1e-12) {
      issues.push({ key: 'cp', value: formatNumber(spec.cp), message: `cp=${spec.cp}, cm=${spec.cm} make both slopes s± = 1 + c±/√n zero at n = ${spec.n}; the normalisation c = 2/(s₊² + s₋²) is undefined` });
    }
  }
  return issues;
}
