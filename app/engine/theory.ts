/**
 * The page's door to the engine's infinite-width theory (app/ computes no physics): the NNGP
 * recursion (theoryBlock) and, for the ResNet with α = 1/2, the covariance ODE (odeLimit).
 * 'fast' precision while a slider is dragged, 'exact' when it is released.
 */
import type { Spec } from '../../src/core/spec.ts';
import { odeLimit } from '../../src/experiments/runLab.ts';
import type { LimitBlock, TheoryBlock } from '../../src/experiments/result.ts';
import { theoryBlock } from '../../src/theory/nngp.ts';

export interface TheoryOutput {
  readonly block: TheoryBlock;
  readonly limit?: LimitBlock;
}

export function computeTheory(spec: Spec, precision: 'fast' | 'exact'): TheoryOutput {
  const block = theoryBlock(spec, { precision });
  const limit = odeLimit(spec);
  return limit ? { block, limit } : { block };
}
