/** arch=mlp on the page: its recursions (Lee et al. 2018). */
import { E_PHI, E_PHI2, Q_TEX } from '../recursions.ts';
import type { PageArchModule } from '../types.ts';

export const mlpPage: PageArchModule = {
  id: 'mlp',
  kernelRecursionTex: () => `K^{1} = \\sigma_w^2\\tfrac{x\\cdot x'}{d} + \\sigma_b^2,\\quad K^{\\ell+1} = \\sigma_w^2\\, ${E_PHI} + \\sigma_b^2`,
  varianceRecursionTex: () => `${Q_TEX},\\quad q^{\\ell+1} = \\sigma_w^2\\,${E_PHI2} + \\sigma_b^2`,
  plainChain: true,
};
