/**
 * arch=resnet on the page: its recursions, and the same limit at the three branch exponents
 * α = 0, 1/2, 1 (Hayou & Yang 2023: only α = 1/2 has a non-trivial depth limit; α = 1 tends to the
 * identity, α = 0 explodes), drawn as thin curves next to the chosen α.
 */
import { specActivation } from '../../../src/core/activations.ts';
import type { Spec } from '../../../src/core/spec.ts';
import { theoryBlock } from '../../../src/archs/theory.ts';
import { E_PHI, E_PHI2, Q_TEX } from '../recursions.ts';
import type { PageArchModule } from '../types.ts';

/**
 * The α curves cost two more recursions. With a closed-form dual kernel that is a few ms; with
 * quadrature (tanh, silu…) it is hundreds of ms at L = 1000, too slow for every frame of a drag:
 * then they are drawn on release only.
 */
function wantsAlphaCurves(spec: Spec, precision: 'fast' | 'exact'): boolean {
  if (precision === 'exact') return true;
  try {
    return specActivation(spec).dual !== undefined;
  } catch {
    return false;
  }
}

/** The branch exponents drawn next to the chosen one (DESIGN.md §1, resnet). */
export const ALPHA_MARKS = [0, 0.5, 1] as const;

export const resnetPage: PageArchModule = {
  id: 'resnet',
  kernelRecursionTex: () => `K^{0} = \\tfrac{x\\cdot x'}{d},\\quad K^{\\ell} = K^{\\ell-1} + L^{-2\\alpha}\\big(\\sigma_w^2\\, ${E_PHI.replace(/K\^\{\\ell\}/, 'K^{\\ell-1}')} + \\sigma_b^2\\big)`,
  varianceRecursionTex: () => `${Q_TEX},\\quad q^{\\ell+1} = q^{\\ell} + L^{-2\\alpha}\\big(\\sigma_w^2\\,${E_PHI2} + \\sigma_b^2\\big)`,
  plainChain: false,
  extraTheory(spec, precision, block) {
    if (!wantsAlphaCurves(spec, precision)) return {};
    return { alphas: ALPHA_MARKS.map((alpha) => ({ alpha, block: alpha === spec.alpha ? block : theoryBlock({ ...spec, alpha }, { precision }) })) };
  },
};
