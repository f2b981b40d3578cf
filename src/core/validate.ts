/**
 * Cross-key validation: rules that involve more than one key. Single values are checked by their
 * Param (params.ts); the cost of running a spec is checked by the experiment planner.
 */
import { minSparseFraction, parseWeights } from './weights.ts';
import { INPUT_DIMENSION } from './inputs.ts';
import type { Spec, SpecIssue } from './spec.ts';
import { formatNumber } from './params.ts';
import { archSpec } from '../archs/specs.ts';
import { trainingIssues } from '../training/spec.ts';

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
  // 1e-5: the message shows p_min to 6 digits, and that value must be accepted when copied.
  if (w.ok && w.value.kind === 'sparse' && w.value.p < minSparseFraction(spec.n, INPUT_DIMENSION) * (1 - 1e-5)) {
    const pMin = minSparseFraction(spec.n, INPUT_DIMENSION);
    issues.push({
      key: 'weights',
      value: spec.weights,
      message: `weights=${spec.weights} keeps ${formatNumber(Number((w.value.p * Math.min(spec.n, INPUT_DIMENSION)).toPrecision(3)))} weights per row in expectation at width n = ${spec.n} (fan-in min(n, d = ${INPUT_DIMENSION})): most rows would be zero; allowed: sparse:p with p ≥ ${formatNumber(Number(pMin.toPrecision(6)))} (one weight per row)`,
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
  // The architecture's own rules (ntk=1 where no NTK is defined, degenerate constants): archs/<id>/spec.ts.
  issues.push(...(archSpec(spec.arch)?.issues(spec) ?? []));
  issues.push(...trainingIssues(spec));
  return issues;
}
