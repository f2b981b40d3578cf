/**
 * The equations shown under each panel (KaTeX); the architecture's own come from its page module
 * (app/archs/<id>). Conventions of DESIGN.md §1
 * (L counts weight matrices; K^ℓ is the kernel of the pre-activations z^ℓ).
 */
import { specActivation } from '../../src/core/activations.ts';
import type { Spec } from '../../src/core/spec.ts';
import { pageArch } from '../archs/index.ts';

export { Q_TEX, SHAPED_SDE_TEX } from '../archs/recursions.ts';

export function activationTex(spec: Spec): string {
  const own = pageArch(spec).activationTex;
  if (own) return own(spec);
  try {
    return specActivation(spec).tex;
  } catch {
    return '\\varphi';
  }
}

/** The infinite-width recursion of the kernel (NNGP), the line of the depth profile: the architecture's own (app/archs/<id>). */
export function kernelRecursionTex(spec: Spec): string {
  return pageArch(spec).kernelRecursionTex(spec);
}

export const RHO_TEX = '\\rho^{\\ell} = \\frac{K^{\\ell}_{ab}}{\\sqrt{K^{\\ell}_{aa}K^{\\ell}_{bb}}}';
export const EMPIRICAL_TEX =
  '\\hat K^{\\ell} = \\frac1n\\sum_{i=1}^{n} z^{\\ell}_i z^{\\ell\\top}_i,\\quad \\hat\\rho^{\\ell} = \\frac{\\hat K^{\\ell}_{ab}}{\\sqrt{\\hat K^{\\ell}_{aa}\\hat K^{\\ell}_{bb}}} \\xrightarrow[n\\to\\infty]{} \\rho^{\\ell}';
export const CONVERGENCE_TEX =
  '\\mathbb{E}\\,\\hat\\rho^{\\ell}_n - \\rho^{\\ell} = O(n^{-1}),\\qquad \\operatorname{sd}\\hat\\rho^{\\ell}_n = O(n^{-1/2})';

/** The length map of one input (the diagonal of the kernel recursion). */
export function varianceRecursionTex(spec: Spec): string {
  return pageArch(spec).varianceRecursionTex(spec);
}

/** Display equations stacked on lines (a narrow panel would cut one long line). */
export function lines(...parts: readonly string[]): string {
  return `\\begin{gathered}${parts.join('\\\\[0.3em]')}\\end{gathered}`;
}
