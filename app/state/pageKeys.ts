/**
 * Keys of the spec that change the page, not the experiment: `predict` (hide the Monte Carlo until
 * a guess is placed) and `proj` (projector mode). They travel in the URL like any key, but changing
 * one neither reruns the Monte Carlo nor recomputes the theory.
 */
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { encodeSpec } from '../../src/url/codec.ts';

export const PAGE_ONLY_KEYS = ['predict', 'proj'] as const satisfies readonly (keyof Spec)[];

/** The spec with the page-only keys at their defaults. */
export function experimentOf(spec: Spec): Spec {
  return { ...spec, predict: DEFAULT_SPEC.predict, proj: DEFAULT_SPEC.proj };
}

/** Identifies the experiment a run belongs to: the encoded spec without the page-only keys. */
export function runKeyOf(spec: Spec): string {
  return encodeSpec(experimentOf(spec));
}
