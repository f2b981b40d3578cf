/**
 * The parts of a NetworkModel (types.ts) that every dense-chain architecture shares: sizes, seed,
 * inputs (core/inputs.ts builds x_a, x_b, … in d = 1024 dimensions with Gram data q1, q2, rho0) and
 * the weight law. The architecture adds its scales, φ and first-layer rule.
 */
import { activation } from '../core/activations.ts';
import { inputGram, inputVectors } from '../core/inputs.ts';
import type { Spec } from '../core/spec.ts';
import { parseWeights, type WeightFamily } from '../core/weights.ts';
import type { NetworkModel } from './types.ts';

export function specWeights(spec: Spec): WeightFamily {
  const w = parseWeights(spec.weights);
  if (!w.ok) throw new Error(`invalid weights '${spec.weights}' in a validated spec`);
  return w.value;
}

export function denseChainBase(spec: Spec) {
  const geometry = { q1: spec.q1, q2: spec.q2, rho0: spec.rho0, k: spec.k };
  return {
    arch: spec.arch,
    n: spec.n,
    L: spec.L,
    k: spec.k,
    seed: spec.seed >>> 0,
    X: inputGram(geometry),
    inputs: inputVectors(geometry),
    weights: specWeights(spec),
    firstWeightScale: Math.sqrt(spec.sw2),
    firstBiasScale: Math.sqrt(spec.sb2),
  };
}

/**
 * The NetworkModel of a token architecture (shaped attention, the shaped block): not a dense chain
 * (the CPU backend runs the architecture's `cpu`, the WebGPU backend refuses architectures that have
 * one: backends/webgpu/backend.ts). What it shares with the dense chain is the first layer, the
 * embedding X₀ = W_in x/√d recorded as layer 0 (attention/explicit.ts (M1)).
 */
export function tokenEmbeddingNetwork(spec: Spec): NetworkModel {
  return {
    ...denseChainBase(spec),
    act: activation('identity'),
    hiddenWeightScale: 0,
    hiddenBiasScale: 0,
    firstWeightScale: 1,
    firstBiasScale: 0,
    branchScale: 1,
    residual: true,
    inputEmbedding: true,
    firstLayer: 0,
  };
}
