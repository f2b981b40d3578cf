/**
 * The page's door to the engine's limits (app/ computes no physics), on the main thread:
 *  - the NNGP recursion (theoryBlock) and the architecture's depth limit (odeLimit: the ResNet's
 *    covariance ODE at α = 1/2);
 *  - the curves the architecture's page module adds (app/archs/<id>, extraTheory): for the ResNet
 *    the recursion at α = 0, 1/2, 1, for the shaped MLP the law of ρ_T of the covariance SDE.
 * 'fast' precision while a slider is dragged, 'exact' when it is released.
 */
import type { Spec } from '../../src/core/spec.ts';
import { odeLimit } from '../../src/experiments/runLab.ts';
import type { LimitBlock, TheoryBlock } from '../../src/experiments/result.ts';
import { theoryBlock } from '../../src/archs/theory.ts';
import { pageArch } from '../archs/index.ts';

export { ALPHA_MARKS } from '../archs/resnet/index.ts';
export { shapedLaw } from '../archs/shaped/sdeLaw.ts';

export interface AlphaCurve {
  readonly alpha: number;
  readonly block: TheoryBlock;
}

/** The law of ρ_T of the covariance SDE as the page draws it: density on a grid in ρ, atoms at ±1. */
export interface SdeLawCurve {
  /** T = ℓ/n of the layer ℓ it belongs to. */
  readonly T: number;
  readonly layer: number;
  readonly rho: ArrayLike<number>;
  readonly density: ArrayLike<number>;
  readonly atomLow: number;
  readonly atomHigh: number;
  readonly mean: number;
  readonly sd: number;
}

export interface TheoryOutput {
  readonly block: TheoryBlock;
  readonly limit?: LimitBlock;
  readonly alphas?: readonly AlphaCurve[];
  readonly sdeLaw?: SdeLawCurve;
}

export function computeTheory(spec: Spec, precision: 'fast' | 'exact'): TheoryOutput {
  const block = theoryBlock(spec, { precision });
  const limit = odeLimit(spec, precision);
  // The architecture's own curves (app/archs/<id>): the ResNet's α curves, the shaped MLP's SDE law.
  const { alphas, sdeLaw } = pageArch(spec).extraTheory?.(spec, precision, block) ?? {};
  return { block, ...(limit ? { limit } : {}), ...(alphas ? { alphas } : {}), ...(sdeLaw ? { sdeLaw } : {}) };
}
