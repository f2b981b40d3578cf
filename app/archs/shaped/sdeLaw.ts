/** The shaped MLP's SDE law of ρ_T as the page draws it (app computes no physics: correlationLaw does). */
import type { Spec } from '../../../src/core/spec.ts';
import { correlationLaw, firstLayerCorrelation } from '../../../src/theory/covarianceSde/fokkerPlanck.ts';
import type { SdeLawCurve } from '../../engine/theory.ts';

/** Fokker–Planck grid while dragging: a quarter of the default cells (the curve still looks the same). */
const FAST_FP_GRID = { cells: 300, steps: 60 };

/** The law of ρ_T of the covariance SDE at the layer shown, T = ℓ/n. */
export function shapedLaw(spec: Spec, precision: 'fast' | 'exact'): SdeLawCurve {
  const layer = spec.layer === 0 ? spec.L : Math.min(spec.layer, spec.L);
  const T = layer / spec.n;
  const law = correlationLaw({ cp: spec.cp, cm: spec.cm, rho0: firstLayerCorrelation(spec), T }, precision === 'fast' ? FAST_FP_GRID : {});
  return { T, layer, rho: law.rho, density: law.density, atomLow: law.atomLow, atomHigh: law.atomHigh, mean: law.mean, sd: law.sd };
}
