/**
 * arch=resnet (Hayou 2022; Hayou & Yang 2023; Bordelon et al. 2023), DESIGN.md §1:
 * Y⁰ = W⁰x/√d, Y^l = Y^{l−1} + L^{−α}(σw W^l φ(Y^{l−1})/√n + σb b^l), l = 1..L.
 * Limit at infinite width: the NNGP recursion of the residual chain (theory/nngp.ts); for α = 1/2
 * then infinite depth, the covariance ODE on t = l/L (theory/resnetOde.ts). No NTK (refused).
 */
import { specActivation, type Activation } from '../../core/activations.ts';
import type { Spec } from '../../core/spec.ts';
import { dualKernels } from '../../theory/dual.ts';
import { inputKernel, resnetKernelRecursion } from '../../theory/nngp.ts';
import { denseChainBase } from '../denseChain.ts';
import type { ArchModule } from '../types.ts';
import { odeLimit } from './odeLimit.ts';
import { resnetSpec } from './spec.ts';

export interface ResnetParams {
  readonly act: Activation;
  readonly sw2: number;
  readonly sb2: number;
  readonly alpha: number;
  /** L^−α. */
  readonly branchScale: number;
  /** Whether the depth limit (the covariance ODE) exists: α = 1/2 only. */
  readonly hasDepthLimit: boolean;
}

export const resnetModule: ArchModule<ResnetParams, 'resnet'> = {
  ...resnetSpec,
  resolve: (spec: Spec): ResnetParams => ({
    act: specActivation(spec),
    sw2: spec.sw2,
    sb2: spec.sb2,
    alpha: spec.alpha,
    branchScale: Math.pow(spec.L, -spec.alpha),
    hasDepthLimit: spec.alpha === 0.5,
  }),
  firstLayer: 0,
  // The branch scale L^−α: every layer depends on L.
  depthScaled: true,
  ntk: false,
  kernelProfile: (spec, precision) =>
    resnetKernelRecursion(dualKernels(specActivation(spec), precision), spec.sw2, spec.sb2, inputKernel(spec.q1, spec.q2, spec.rho0), spec.L, spec.alpha),
  limits: { depth: odeLimit },
  network(spec) {
    const sw = Math.sqrt(spec.sw2);
    const sb = Math.sqrt(spec.sb2);
    return {
      ...denseChainBase(spec),
      act: specActivation(spec),
      hiddenWeightScale: sw,
      hiddenBiasScale: sb,
      branchScale: Math.pow(spec.L, -spec.alpha),
      residual: true,
      inputEmbedding: true,
      firstLayer: 0,
    };
  },
  cost: {
    theoryLayerFactor: () => 1,
    // The covariance ODE (α = 1/2): a fixed cost, once per run.
    theoryFixed: (spec) => spec.alpha === 0.5,
  },
  views: ['depth', 'hist', 'width'],
};
