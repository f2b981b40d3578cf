/**
 * arch=cresnet on the page (Muça Cirone, Lemercier & Salvi 2023; docs/signature-kernels.md): the
 * controlled ResNet's step, its width-∞ kernel at equal steps (the theory curve), and its depth
 * limit — the neural signature kernel PDE (shared weights) or the inhomogeneous ODE (fresh weights).
 */
import type { Spec } from '../../../src/core/spec.ts';
import type { PageArchModule } from '../types.ts';

const V_TEX = 'V_\\varphi(K^{xx}, K^{xy}, K^{yy})';

export const cresnetPage: PageArchModule = {
  id: 'cresnet',
  kernelRecursionTex: (spec: Spec) =>
    spec.share
      ? `S_{i+1} = S_i + \\sum_k (A_k\\varphi(S_i) + b_k)\\,\\Delta x_i^k,\\quad \\partial_s\\partial_t K(s,t) = \\big(\\sigma_A^2\\,${V_TEX} + \\sigma_b^2\\big)\\langle \\dot x_s, \\dot y_t\\rangle,\\; K(0,\\cdot) = K(\\cdot,0) = \\sigma_0^2`
      : `S_{i+1} = S_i + \\sum_k (A_k^{(i)}\\varphi(S_i) + b_k^{(i)})\\,\\Delta x_i^k,\\quad \\tfrac{d}{dt}\\kappa(t) = \\big(\\sigma_A^2\\,${V_TEX} + \\sigma_b^2\\big)\\langle \\dot x_t, \\dot y_t\\rangle,\\; \\kappa(0) = \\sigma_0^2`,
  varianceRecursionTex: () => 'q^{i} = \\tfrac1n |S_i(x_a)|^2,\\quad t = i/L',
  plainChain: false,
};
