/**
 * The ResNet's depth limit (α = 1/2): the covariance ODE on t = j/256, j = 0..256, memoised on what
 * it depends on (act, σw², σb², inputs, grid — not n, L or α), so dragging n, L or α never solves
 * it again ('fast' precision for the first solve while dragging). The grid does not depend on L,
 * so the cache serves every depth.
 */
import { specActivation } from '../../core/activations.ts';
import type { Spec } from '../../core/spec.ts';
import type { LimitBlock } from '../../theory/blocks.ts';
import { resnetCovarianceOde } from '../../theory/resnetOde.ts';

/** Recent ODE solutions. */
const odeCache = new Map<string, LimitBlock>();
const ODE_CACHE_SIZE = 16;

/** Points of the ODE's t-grid minus one: t = j/256, j = 0..256 (fine enough to plot at any L). */
export const ODE_STEPS = 256;

/** The `limit` block of a ResNet spec: defined for α = 1/2 only (the only non-trivial depth limit). */
export function odeLimit(spec: Spec, precision: 'exact' | 'fast' = 'exact'): LimitBlock | undefined {
  if (spec.alpha !== 0.5) return undefined;
  const m = ODE_STEPS;
  const act = specActivation(spec);
  const key = JSON.stringify([act.id, spec.sw2, spec.sb2, spec.q1, spec.q2, spec.rho0, m, precision]);
  const hit = odeCache.get(key);
  if (hit) return hit;
  const tGrid = Array.from({ length: m + 1 }, (_, i) => i / m);
  const limit = resnetCovarianceOde(act, spec, { tGrid, precision });
  if (odeCache.size >= ODE_CACHE_SIZE) odeCache.delete(odeCache.keys().next().value!);
  odeCache.set(key, limit);
  return limit;
}
