/**
 * The parts of a NetworkModel (types.ts) that every dense-chain architecture shares: sizes, seed,
 * inputs (core/inputs.ts builds x_a, x_b, … in d = 1024 dimensions with Gram data q1, q2, rho0) and
 * the weight law. The architecture adds its scales, φ and first-layer rule.
 */
import { inputGram, inputVectors } from '../core/inputs.ts';
import type { Spec } from '../core/spec.ts';
import { parseWeights, type WeightFamily } from '../core/weights.ts';

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
