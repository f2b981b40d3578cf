/** TeX shared by the architectures' equations (DESIGN.md §1 conventions: K^ℓ is the kernel of z^ℓ). */
export const E_PHI = '\\mathbb{E}_{(u,v)\\sim\\mathcal N(0,K^{\\ell})}\\!\\left[\\varphi(u)\\varphi(v)\\right]';
export const E_PHI2 = '\\mathbb{E}_{u\\sim\\mathcal N(0,q^{\\ell})}[\\varphi(u)^2]';
export const Q_TEX = 'q^{\\ell} = K^{\\ell}(x_a, x_a)';

/** The neural covariance SDE of the shaped MLP (Li, Nica & Roy 2022), t = ℓ/n. */
export const SHAPED_SDE_TEX =
  'd\\rho_t = \\Big[\\nu(\\rho_t) - \\tfrac12\\rho_t(1-\\rho_t^2)\\Big]dt + (1-\\rho_t^2)\\,dW_t,\\quad \\nu(\\rho) = \\tfrac{(c_+-c_-)^2}{2\\pi}\\Big(\\sqrt{1-\\rho^2} - \\rho\\arccos\\rho\\Big),\\quad t = \\ell/n';
