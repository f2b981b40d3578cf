/**
 * The infinite-width limit of a spec, through its architecture's recursion (ArchModule.kernelProfile):
 * the kernel profile and the `theory` block of the result document (DESIGN.md §6).
 */
import type { Spec } from '../core/spec.ts';
import type { TheoryBlock } from '../theory/blocks.ts';
import type { Precision } from '../theory/dual.ts';
import { theoryBlockOf, type KernelProfile } from '../theory/nngp.ts';
import { archOf } from './index.ts';

/** The infinite-width profile of a spec (arch, act, sw2, sb2, alpha, q1, q2, rho0, L, ntk, …). */
export function kernelProfile(spec: Spec, precision: Precision = 'exact'): KernelProfile {
  return archOf(spec).kernelProfile(spec, precision);
}

/**
 * The `theory` block: q11, q12, q22, ρ at every layer; ntk11/12/22 only where the architecture
 * defines the NTK and the spec asks for it (ntk=1 is refused elsewhere).
 */
export function theoryBlock(spec: Spec, opts: { precision?: Precision } = {}): TheoryBlock {
  return theoryBlockOf(kernelProfile(spec, opts.precision ?? 'exact'));
}
