/**
 * The equations shown under each panel (KaTeX), per architecture, in the conventions of DESIGN.md §1
 * (L counts weight matrices; K^ℓ is the kernel of the pre-activations z^ℓ).
 */
import { activation } from '../../src/core/activations.ts';
import type { Spec } from '../../src/core/spec.ts';

const E_PHI = '\\mathbb{E}_{(u,v)\\sim\\mathcal N(0,K^{\\ell})}\\!\\left[\\varphi(u)\\varphi(v)\\right]';

export function activationTex(spec: Spec): string {
  if (spec.arch === 'shaped') return '\\varphi_s(x) = s_+\\max(x,0) + s_-\\min(x,0),\\; s_\\pm = 1 + c_\\pm/\\sqrt{n}';
  try {
    return activation(spec.act).tex;
  } catch {
    return '\\varphi';
  }
}

/** The infinite-width recursion of the kernel (NNGP), the line of the depth profile. */
export function kernelRecursionTex(spec: Spec): string {
  switch (spec.arch) {
    case 'resnet':
      return `K^{0} = \\tfrac{x\\cdot x'}{d},\\quad K^{\\ell} = K^{\\ell-1} + L^{-2\\alpha}\\big(\\sigma_w^2\\, ${E_PHI.replace(/K\^\{\\ell\}/, 'K^{\\ell-1}')} + \\sigma_b^2\\big)`;
    case 'shaped':
      return `z^{\\ell+1} = \\sqrt{c/n}\\,W^{\\ell+1}\\varphi_s(z^{\\ell}),\\quad c = \\tfrac{2}{s_+^2+s_-^2},\\quad d\\rho_t = \\big[\\nu(\\rho_t) - \\tfrac12\\rho_t(1-\\rho_t^2)\\big]dt + (1-\\rho_t^2)\\,dW_t,\\; t = \\ell/n`;
    default:
      return `K^{1} = \\sigma_w^2\\tfrac{x\\cdot x'}{d} + \\sigma_b^2,\\quad K^{\\ell+1} = \\sigma_w^2\\, ${E_PHI} + \\sigma_b^2`;
  }
}

export const RHO_TEX = '\\rho^{\\ell} = \\frac{K^{\\ell}_{ab}}{\\sqrt{K^{\\ell}_{aa}K^{\\ell}_{bb}}}';
export const Q_TEX = 'q^{\\ell} = K^{\\ell}(x_a, x_a)';
export const EMPIRICAL_TEX =
  '\\hat K^{\\ell} = \\frac1n\\sum_{i=1}^{n} z^{\\ell}_i z^{\\ell\\top}_i,\\quad \\hat\\rho^{\\ell} = \\frac{\\hat K^{\\ell}_{ab}}{\\sqrt{\\hat K^{\\ell}_{aa}\\hat K^{\\ell}_{bb}}} \\xrightarrow[n\\to\\infty]{} \\rho^{\\ell}';
export const CONVERGENCE_TEX =
  '\\mathbb{E}\\,\\hat\\rho^{\\ell}_n - \\rho^{\\ell} = O(n^{-1}),\\qquad \\operatorname{sd}\\hat\\rho^{\\ell}_n = O(n^{-1/2})';

/** The length map of one input (the diagonal of the kernel recursion). */
export function varianceRecursionTex(spec: Spec): string {
  const e = '\\mathbb{E}_{u\\sim\\mathcal N(0,q^{\\ell})}[\\varphi(u)^2]';
  switch (spec.arch) {
    case 'resnet':
      return `${Q_TEX},\\quad q^{\\ell+1} = q^{\\ell} + L^{-2\\alpha}\\big(\\sigma_w^2\\,${e} + \\sigma_b^2\\big)`;
    case 'shaped':
      return `${Q_TEX},\\quad \\log\\frac{V_{aa}(T)}{V_{aa}(0)} \\sim \\mathcal N(-T, 2T),\\; T = L/n`;
    default:
      return `${Q_TEX},\\quad q^{\\ell+1} = \\sigma_w^2\\,${e} + \\sigma_b^2`;
  }
}

/** The neural covariance SDE of the shaped MLP (Li, Nica & Roy 2022), t = ℓ/n. */
export const SHAPED_SDE_TEX =
  'd\\rho_t = \\Big[\\nu(\\rho_t) - \\tfrac12\\rho_t(1-\\rho_t^2)\\Big]dt + (1-\\rho_t^2)\\,dW_t,\\quad \\nu(\\rho) = \\tfrac{(c_+-c_-)^2}{2\\pi}\\Big(\\sqrt{1-\\rho^2} - \\rho\\arccos\\rho\\Big),\\quad t = \\ell/n';

/** Display equations stacked on lines (a narrow panel would cut one long line). */
export function lines(...parts: readonly string[]): string {
  return `\\begin{gathered}${parts.join('\\\\[0.3em]')}\\end{gathered}`;
}
