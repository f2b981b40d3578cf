/**
 * Cross-key validation: rules that involve more than one key. Single values are checked by their
 * Param (params.ts); the cost of running a spec is checked by the experiment planner.
 */
import { minSparseFraction, parseWeights } from './weights.ts';
import { INPUT_DIMENSION } from './inputs.ts';
import type { Spec, SpecIssue } from './spec.ts';
import { formatNumber } from './params.ts';
import { buildPaths } from './paths.ts';

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
  if (spec.ntk && spec.arch !== 'mlp') {
    // The NTK recursion (DESIGN.md §1) is implemented for the mlp only; silently dropping ntk=1
    // would give a result without the kernel that was asked for (issue 20 §4).
    issues.push({ key: 'ntk', value: '1', message: `ntk=1 with arch=${spec.arch}: the neural tangent kernel is computed for arch=mlp only; allowed: ntk=0, or arch=mlp` });
  }
  if (spec.arch === 'shaped') {
    const sp = 1 + spec.cp / Math.sqrt(spec.n);
    const sm = 1 + spec.cm / Math.sqrt(spec.n);
    if (sp * sp + sm * sm < 1e-12) {
      issues.push({ key: 'cp', value: formatNumber(spec.cp), message: `cp=${spec.cp}, cm=${spec.cm} make both slopes s± = 1 + c±/√n zero at n = ${spec.n}; the normalisation c = 2/(s₊² + s₋²) is undefined` });
    }
  }
  // Paths and their dimension (issue 16): each preset must fit d = pdim.
  const built = buildPaths(spec.paths, spec.pdim);
  if (!built.ok) issues.push({ key: 'paths', value: spec.paths, message: `paths=${spec.paths} with pdim=${spec.pdim}: ${built.reason}` });
  return issues;
}
