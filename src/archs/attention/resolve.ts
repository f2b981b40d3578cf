/**
 * A validated spec resolved into the attention model and the SDE's plan (shared by the registry
 * module, index.ts, and the sde view, sdeView.ts).
 */
import type { Spec } from '../../core/spec.ts';
import type { AttentionKind, AttentionModel } from './model.ts';
import { keyWidth } from './spec.ts';

export type AttentionSpec = Spec & { readonly gamma2: number; readonly nk: number; readonly tau0: number };

/** The typed model of a validated spec (the tokens are the lab's k inputs). */
export function attentionModel(kind: AttentionKind, spec: Spec): AttentionModel {
  const s = spec as AttentionSpec;
  return { kind, m: s.k, n: s.n, nk: keyWidth(s), L: s.L, gamma2: s.gamma2, tau0: s.tau0, q1: s.q1, q2: s.q2, rho0: s.rho0, seed: s.seed >>> 0 };
}

/** The stopping level R = 10·max(q1, q2) of docs/shaped-transformer.md §4.4 (the fixture's R = 10). */
export function stoppingLevel(spec: Pick<Spec, 'q1' | 'q2'>): number {
  return 10 * Math.max(spec.q1, spec.q2);
}

/** SDE paths for the `sde` block: ≤ 4 000, fewer at large T so that paths × steps ≤ 2·10⁶. */
export function sdePlan(T: number): { dt: number; paths: number } {
  const steps = 2 * Math.max(1, Math.ceil(T * 128)); // dt ≤ 1/256, an even number of steps (sde.ts)
  return { dt: T / steps, paths: Math.max(200, Math.min(4000, Math.floor(2e6 / steps))) };
}

