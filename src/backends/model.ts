/**
 * The network model of a spec in numbers: every scale factor of the forward pass (DESIGN.md §1,
 * backends/types.ts). Shared by the CPU and WebGPU backends so that both simulate the same network.
 */
import { activation, shapedActivation, type Activation } from '../core/activations.ts';
import { inputGram, inputVectors } from '../core/inputs.ts';
import type { Arch, Spec } from '../core/spec.ts';
import { parseWeights, type WeightFamily } from '../core/weights.ts';
import { shapedNormalisation } from '../theory/nngp.ts';

export interface NetworkModel {
  readonly arch: Arch;
  readonly n: number;
  readonly L: number;
  readonly k: number;
  readonly seed: number;
  /** φ (for shaped: φ_s with s± = 1 + c±/√n). */
  readonly act: Activation;
  /** Multiplies W φ(z)/√n_in in hidden layers: σw (mlp, resnet) or √c (shaped). */
  readonly hiddenWeightScale: number;
  /** Multiplies b in hidden layers: σb (mlp, resnet) or 0 (shaped). */
  readonly hiddenBiasScale: number;
  /** Layer 1 of mlp/shaped: σw W¹x/√d + σb b¹. */
  readonly firstWeightScale: number;
  readonly firstBiasScale: number;
  /** ResNet branch scale L^−α (1 for mlp/shaped). */
  readonly branchScale: number;
  /** First layer index: 0 for resnet (Y⁰ = W⁰x/√d), 1 for mlp/shaped. */
  readonly firstLayer: number;
  /** Input Gram matrix X = x·x'/d (k×k) and explicit inputs (d×k, d = INPUT_DIMENSION). */
  readonly X: Float64Array;
  readonly inputs: { readonly d: number; readonly x: Float64Array };
  readonly weights: WeightFamily;
}

export function networkModel(spec: Spec): NetworkModel {
  const sw = Math.sqrt(spec.sw2);
  const sb = Math.sqrt(spec.sb2);
  const geometry = { q1: spec.q1, q2: spec.q2, rho0: spec.rho0, k: spec.k };
  const w = parseWeights(spec.weights);
  if (!w.ok) throw new Error(`invalid weights '${spec.weights}' in a validated spec`);
  const base = {
    arch: spec.arch,
    n: spec.n,
    L: spec.L,
    k: spec.k,
    seed: spec.seed >>> 0,
    X: inputGram(geometry),
    inputs: inputVectors(geometry),
    weights: w.value,
    firstWeightScale: sw,
    firstBiasScale: sb,
  };
  switch (spec.arch) {
    case 'mlp':
      return { ...base, act: activation(spec.act), hiddenWeightScale: sw, hiddenBiasScale: sb, branchScale: 1, firstLayer: 1 };
    case 'resnet':
      return {
        ...base,
        act: activation(spec.act),
        hiddenWeightScale: sw,
        hiddenBiasScale: sb,
        branchScale: Math.pow(spec.L, -spec.alpha),
        firstLayer: 0,
      };
    case 'shaped':
      return {
        ...base,
        act: shapedActivation(spec.cp, spec.cm, spec.n),
        hiddenWeightScale: Math.sqrt(shapedNormalisation(spec.cp, spec.cm, spec.n)),
        hiddenBiasScale: 0,
        branchScale: 1,
        firstLayer: 1,
      };
  }
}
