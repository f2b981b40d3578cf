/**
 * arch=shaped, the shaped MLP of Li, Nica & Roy (2022), DESIGN.md §1: z¹ = σw W¹x/√d + σb b¹,
 * z^{l+1} = √(c/n) W φ_s(z^l), φ_s(x) = s₊ max(x,0) + s₋ min(x,0), s± = 1 + c±/√n,
 * c = 2/(s₊² + s₋²). Limits: the NNGP recursion at infinite width (theory/nngp.ts), and the
 * proportional limit T = L/n: the neural covariance SDE, whose law at T comes from the
 * Fokker–Planck equation (theory/covarianceSde/fokkerPlanck.ts). No NTK (refused).
 */
import { shapedActivation, type Activation } from '../../core/activations.ts';
import type { Spec } from '../../core/spec.ts';
import { sdeBlock } from '../../theory/covarianceSde/fokkerPlanck.ts';
import { inputKernel, shapedKernelRecursion, shapedNormalisation } from '../../theory/nngp.ts';
import { denseChainBase } from '../denseChain.ts';
import type { ArchModule } from '../types.ts';
import { shapedSpec } from './spec.ts';

export interface ShapedParams {
  readonly cp: number;
  readonly cm: number;
  /** φ_s at this width. */
  readonly act: Activation;
  /** c = 2/(s₊² + s₋²). */
  readonly c: number;
  /** T = L/n (the proportional limit's time). */
  readonly T: number;
}

export const shapedModule: ArchModule<ShapedParams, 'shaped'> = {
  ...shapedSpec,
  resolve: (spec: Spec): ShapedParams => ({
    cp: spec.cp,
    cm: spec.cm,
    act: shapedActivation(spec.cp, spec.cm, spec.n),
    c: shapedNormalisation(spec.cp, spec.cm, spec.n),
    T: spec.L / spec.n,
  }),
  firstLayer: 1,
  ntk: false,
  // φ_s is piecewise linear: its duals are closed forms, the same at either precision.
  kernelProfile: (spec) => shapedKernelRecursion(spec.cp, spec.cm, spec.n, spec.sw2, spec.sb2, inputKernel(spec.q1, spec.q2, spec.rho0), spec.L),
  limits: { proportional: (spec) => sdeBlock(spec) },
  network(spec) {
    return {
      ...denseChainBase(spec),
      act: shapedActivation(spec.cp, spec.cm, spec.n),
      hiddenWeightScale: Math.sqrt(shapedNormalisation(spec.cp, spec.cm, spec.n)),
      hiddenBiasScale: 0,
      branchScale: 1,
      residual: false,
      inputEmbedding: false,
      firstLayer: 1,
    };
  },
  cost: {
    theoryLayerFactor: () => 1,
    // The Fokker–Planck solve of the covariance SDE: a fixed cost, once per run.
    theoryFixed: () => true,
    // φ_s (slopes 1 + c±/√n) whatever act says: piecewise linear.
    smoothPhi: () => false,
  },
  views: ['depth', 'hist', 'width', 'sde'],
};
