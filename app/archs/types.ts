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
  /** The legend of the depth limit curve (`limit` block) when it is not the ResNet's covariance ODE. */
  limitLabel?(spec: Spec): string;
  /**
   * Captions and equations that replace the dense chain's in the depth and distribution views, for an
   * architecture that is not a chain of pre-activations (attention: tokens, no σw², no φ).
   */
  ownWords?(spec: Spec): ArchWords;
  /** Theory the page draws besides the NNGP block (the ResNet's α curves, the shaped MLP's SDE law). */
  extraTheory?(spec: Spec, precision: 'fast' | 'exact', block: TheoryBlock): Pick<TheoryOutput, 'alphas' | 'sdeLaw'>;
}

/** An architecture's own words for the depth and distribution views (PageArchModule.ownWords). */
export interface ArchWords {
  /** What the networks are, for captions. */
  readonly summary: string;
  /** The model's equations (TeX). */
  readonly equation: string;
  /** The depth view's ρ caption, given the Monte Carlo sentence. */
  depthRho(mcText: string): string;
  readonly depthQ: string;
  histRho(count: string): string;
  readonly histQ: string;
  /** The sde view's captions and equations, where the architecture has that view. */
  readonly sde?: { readonly paths: string; readonly pathsTex: string; law(M: string): string; readonly lawTex: string; convergence(nFrom: string): string };
}
