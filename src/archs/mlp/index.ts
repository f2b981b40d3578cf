/**
 * arch=mlp (Lee et al. 2018; Matthews et al. 2018; NTK parametrisation of Jacot et al. 2018),
 * DESIGN.md §1: z¹ = σw W¹x/√d + σb b¹, z^{l+1} = σw W^{l+1} φ(z^l)/√n + σb b^{l+1}.
 * Limit: K¹ = σw² X + σb², K^{l+1} = σw² F_φ(K^l) + σb²; NTK Θ^{l+1} = K^{l+1} + σw² F_φ'(K^l) Θ^l.
 */
import { specActivation, type Activation } from '../../core/activations.ts';
import type { Spec } from '../../core/spec.ts';
import { dualKernels } from '../../theory/dual.ts';
import { inputKernel, mlpKernelRecursion } from '../../theory/nngp.ts';
import { denseChainBase } from '../denseChain.ts';
import type { ArchModule } from '../types.ts';
import { mlpSpec } from './spec.ts';

export interface MlpParams {
  readonly act: Activation;
  readonly sw2: number;
  readonly sb2: number;
  /** Whether the NTK is computed alongside the NNGP kernel. */
  readonly ntk: boolean;
}

export const mlpModule: ArchModule<MlpParams, 'mlp'> = {
  ...mlpSpec,
  resolve: (spec: Spec): MlpParams => ({ act: specActivation(spec), sw2: spec.sw2, sb2: spec.sb2, ntk: spec.ntk }),
  firstLayer: 1,
  ntk: true,
  kernelProfile: (spec, precision) =>
    mlpKernelRecursion(dualKernels(specActivation(spec), precision), spec.sw2, spec.sb2, inputKernel(spec.q1, spec.q2, spec.rho0), spec.L, spec.ntk),
  limits: {},
  network(spec) {
    const sw = Math.sqrt(spec.sw2);
    const sb = Math.sqrt(spec.sb2);
    return { ...denseChainBase(spec), act: specActivation(spec), hiddenWeightScale: sw, hiddenBiasScale: sb, branchScale: 1, residual: false, inputEmbedding: false, firstLayer: 1 };
  },
  cost: {
    // The NTK recursion runs alongside the NNGP one: twice the work per layer.
    theoryLayerFactor: (spec) => (spec.ntk ? 2 : 1),
    theoryFixed: () => false,
  },
  // The phase diagram (criticality of the infinite-width chain) is the MLP's.
  views: ['depth', 'hist', 'width', 'finite', 'phase'],
};
