/**
 * Cost-model terms of the attention architectures (ArchModule.cost; experiments/plan.ts), shared by
 * attention, shapedattn and the shaped block (shapedtx): the exact chain's one-at-a-time draws and
 * the work of the token-covariance SDE.
 */
import type { Spec } from '../../core/spec.ts';
import { sdePlan } from './resolve.ts';

/** Draws per layer of the exact chain one network makes one at a time (gram.ts): 2k² normals, 2k Gamma. */
export function attentionDraws(k: number): { readonly scalarNormals: number; readonly gammas: number } {
  return { scalarNormals: 2 * k * k, gammas: 2 * k };
}

/**
 * The work of the token-covariance SDEs a run simulates by paths (sde.ts; ArchModule.cost.sdeWork):
 * paths × Euler steps (sdePlan at T = L/n) × (m + m²) — per step each path updates the m×m factor
 * (m² entries) and m per-token terms; CPU time grew about linearly in m at m = 2…8, so m² alone would
 * under-price small m — times the runs:
 *   `ownFactor` for the architecture's own `sde` block (0: none, as standard attention; 1: shaped
 *   attention; 2: the shaped block, whose step also runs the MLP's drift and diffusion), once more
 *   for view=sde (its block at its largest T ≈ T), and 1.5 (shaped attention's SDE at dt with the
 *   coarse 2dt on the same paths) for view=collapse (collapse.ts sdeSide).
 */
export function tokenSdeWork(spec: Spec, ownFactor: number): number {
  const T = spec.L / spec.n;
  const { dt, paths } = sdePlan(T);
  const steps = Math.round(T / dt);
  const m = spec.k;
  const runs = ownFactor * (spec.view === 'sde' ? 2 : 1) + (spec.view === 'collapse' ? 1.5 : 0);
  return paths * steps * (m + m * m) * runs;
}
