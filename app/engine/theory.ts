/**
 * The page's door to the engine's limits (app/ computes no physics), on the main thread:
 *  - the NNGP recursion (theoryBlock) and, for the ResNet with α = 1/2, the covariance ODE (odeLimit);
 *  - for the ResNet, the same recursion at the three branch exponents α = 0, 1/2, 1 (Hayou & Yang
 *    2023: only α = 1/2 has a non-trivial depth limit; α = 1 tends to the identity, α = 0 explodes),
 *    drawn as thin curves next to the chosen α;
 *  - for the shaped MLP, the law of ρ_T of the neural covariance SDE at the layer shown, T = ℓ/n
 *    (correlationLaw: Fokker–Planck, ~20 ms; a coarser grid while a slider is dragged).
 * 'fast' precision while a slider is dragged, 'exact' when it is released.
 */
import { activation } from '../../src/core/activations.ts';
import type { Spec } from '../../src/core/spec.ts';
import { odeLimit } from '../../src/experiments/runLab.ts';
import type { LimitBlock, TheoryBlock } from '../../src/experiments/result.ts';
import { correlationLaw, firstLayerCorrelation } from '../../src/theory/covarianceSde/fokkerPlanck.ts';
import { theoryBlock } from '../../src/archs/theory.ts';

/** The branch exponents drawn next to the chosen one (DESIGN.md §1, resnet). */
export const ALPHA_MARKS = [0, 0.5, 1] as const;

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

/** Fokker–Planck grid while dragging: a quarter of the default cells (the curve still looks the same). */
const FAST_FP_GRID = { cells: 300, steps: 60 };

export function shapedLaw(spec: Spec, precision: 'fast' | 'exact'): SdeLawCurve {
  const layer = spec.layer === 0 ? spec.L : Math.min(spec.layer, spec.L);
  const T = layer / spec.n;
  const law = correlationLaw({ cp: spec.cp, cm: spec.cm, rho0: firstLayerCorrelation(spec), T }, precision === 'fast' ? FAST_FP_GRID : {});
  return { T, layer, rho: law.rho, density: law.density, atomLow: law.atomLow, atomHigh: law.atomHigh, mean: law.mean, sd: law.sd };
}

/**
 * The α curves cost two more recursions. With a closed-form dual kernel that is a few ms; with
 * quadrature (tanh, silu…) it is hundreds of ms at L = 1000, too slow for every frame of a drag:
 * then they are drawn on release only.
 */
function wantsAlphaCurves(spec: Spec, precision: 'fast' | 'exact'): boolean {
  if (spec.arch !== 'resnet') return false;
  if (precision === 'exact') return true;
  try {
    return activation(spec.act).dual !== undefined;
  } catch {
    return false;
  }
}

export function computeTheory(spec: Spec, precision: 'fast' | 'exact'): TheoryOutput {
  const block = theoryBlock(spec, { precision });
  const limit = odeLimit(spec, precision);
  const alphas = wantsAlphaCurves(spec, precision)
    ? ALPHA_MARKS.map((alpha) => ({ alpha, block: alpha === spec.alpha ? block : theoryBlock({ ...spec, alpha }, { precision }) }))
    : undefined;
  const sdeLaw = spec.arch === 'shaped' ? shapedLaw(spec, precision) : undefined;
  return { block, ...(limit ? { limit } : {}), ...(alphas ? { alphas } : {}), ...(sdeLaw ? { sdeLaw } : {}) };
}
