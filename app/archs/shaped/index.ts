/**
 * arch=shaped on the page (Li, Nica & Roy 2022): φ_s, its recursion and SDE, and the law of ρ_T of
 * the neural covariance SDE at the layer shown, T = ℓ/n (Fokker–Planck, ~20 ms; a coarser grid while
 * a slider is dragged).
 */
import { shapedLaw } from './sdeLaw.ts';
import { Q_TEX, SHAPED_SDE_TEX } from '../recursions.ts';
import type { PageArchModule } from '../types.ts';

/** For the shaped MLP the limit is a law, not a point (Li, Nica & Roy 2022). */
const SHAPED_TEXT =
  'For the shaped MLP the proportional limit $n, L \\to \\infty$ with $T = L/n$ fixed is random: the green curve is the law of $\\rho_T$ of the neural covariance SDE at $T = \\ell/n$ (Fokker–Planck, scaled to expected counts per bin), and the histogram approaches that curve — not a point — as $n$ grows along $\\ell = T n$.';

export const shapedPage: PageArchModule = {
  id: 'shaped',
  activationTex: () => '\\varphi_s(x) = s_+\\max(x,0) + s_-\\min(x,0),\\; s_\\pm = 1 + c_\\pm/\\sqrt{n}',
  activationName: () => 'shaped ReLU',
  kernelRecursionTex: () =>
    `z^{\\ell+1} = \\sqrt{c/n}\\,W^{\\ell+1}\\varphi_s(z^{\\ell}),\\quad c = \\tfrac{2}{s_+^2+s_-^2},\\quad d\\rho_t = \\big[\\nu(\\rho_t) - \\tfrac12\\rho_t(1-\\rho_t^2)\\big]dt + (1-\\rho_t^2)\\,dW_t,\\; t = \\ell/n`,
  varianceRecursionTex: () => `${Q_TEX},\\quad \\log\\frac{V_{aa}(T)}{V_{aa}(0)} \\sim \\mathcal N(-T, 2T),\\; T = L/n`,
  plainChain: false,
  histNote: { text: SHAPED_TEXT, tex: SHAPED_SDE_TEX },
  extraTheory: (spec, precision) => ({ sdeLaw: shapedLaw(spec, precision) }),
};
