/**
 * Moving along the proportional limit: with "keep T = L/n fixed" on, a new width n brings the depth
 * L = round(T·n) with it (Li, Nica & Roy 2022: the shaped MLP's limit depends on n and L only
 * through T). A depth typed by hand sets a new T. Pure rules, used by the store.
 */
import { archOf } from '../../src/archs/index.ts';
import { MAX_DEPTH, type Spec } from '../../src/core/spec.ts';

/**
 * Where T = L/n matters enough to show it and offer the toggle: architectures with a proportional
 * limit (the shaped MLP: ArchModule.limits.proportional) and the contrast view.
 */
export function showsProportional(spec: Pick<Spec, 'arch' | 'view'>): boolean {
  return archOf(spec).limits.proportional !== undefined || spec.view === 'contrast';
}

/** The changes a control's (key, value) makes when T is held at `fixedT` (undefined: toggle off). */
export function proportionalChanges(key: keyof Spec, value: unknown, fixedT: number | undefined): Partial<Spec> {
  if (fixedT === undefined || key !== 'n' || typeof value !== 'number' || !Number.isFinite(value)) return { [key]: value } as Partial<Spec>;
  return { n: value, L: Math.min(MAX_DEPTH, Math.max(1, Math.round(fixedT * value))) };
}

/** The T held after a change: a new depth sets it, leaving the views where T matters turns it off. */
export function nextFixedT(key: keyof Spec, spec: Spec, fixedT: number | undefined): number | undefined {
  if (fixedT === undefined || !showsProportional(spec)) return undefined;
  return key === 'L' ? spec.L / spec.n : fixedT;
}
