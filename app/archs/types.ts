/**
 * The page side of an architecture (issue 15 §1): what the page shows for it — equations, text that
 * holds only for it, and the extra theory curves it draws. It counts as part of the architecture's
 * module (src/archs/<id>/ holds the engine side); views ask it, never compare `spec.arch` with an id.
 * Adding an architecture: write app/archs/<id>/index.ts and add it to app/archs/index.ts.
 */
import type { Spec } from '../../src/core/spec.ts';
import type { TheoryBlock } from '../../src/experiments/result.ts';
import type { TheoryOutput } from '../engine/theory.ts';

export interface PageArchModule {
  /** The value of `arch` (src/archs/<id>/spec.ts). */
  readonly id: string;
  /** φ as TeX, when the architecture builds its own (the shaped MLP's φ_s); else the activation registry's. */
  activationTex?(spec: Spec): string;
  /** φ's name in one-line network summaries, when not the `act` token. */
  activationName?(spec: Spec): string;
  /** The infinite-width recursion of the kernel (TeX), under the depth profile. */
  kernelRecursionTex(spec: Spec): string;
  /** The length map of one input (TeX), under the q panel. */
  varianceRecursionTex(spec: Spec): string;
  /**
   * Whether the network is a plain chain z^{ℓ+1} = σw W φ(z^ℓ)/√n + σb b with the `act` activation
   * (then "He initialisation keeps q constant" and "orthogonal linear layers preserve lengths" hold).
   */
  readonly plainChain: boolean;
  /** The distribution view's sentence and equation where the limit is a law, not a point. */
  readonly histNote?: { readonly text: string; readonly tex: string };
  /** Theory the page draws besides the NNGP block (the ResNet's α curves, the shaped MLP's SDE law). */
  extraTheory?(spec: Spec, precision: 'fast' | 'exact', block: TheoryBlock): Pick<TheoryOutput, 'alphas' | 'sdeLaw'>;
}
